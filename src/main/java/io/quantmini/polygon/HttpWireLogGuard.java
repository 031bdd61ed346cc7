package io.quantmini.polygon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops HttpClient's header and wire logs whatever level anyone configures: at DEBUG they print every
 * request header, and so the {@code Authorization: Bearer} key. Installed by {@code logback.xml}.
 */
public final class HttpWireLogGuard extends TurboFilter {

    private static final String HEADERS = "org.apache.hc.client5.http.headers";
    private static final String WIRE = "org.apache.hc.client5.http.wire";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        // Logback asks this filter before its level check, on every debug call of every library: parquet's readers
        // ask per page. A call below the logger's level logs nothing anyway, so it skips the name comparisons.
        if (level != null && !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            return FilterReply.NEUTRAL;
        }
        String name = logger.getName();
        return name.startsWith(HEADERS) || name.startsWith(WIRE) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
