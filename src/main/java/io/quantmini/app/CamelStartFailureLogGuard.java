package io.quantmini.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops Camel's own "Error starting CamelContext" log, a stack trace of some 40 lines printed before the failure
 * reaches {@link QuantMiniCamel}, which reports it in one line naming the route files ({@code startFailure}). An
 * operator who wants Camel's trace sets {@code QUANTMINI_CAMEL_LOG_LEVEL=DEBUG}. Installed by {@code logback.xml}.
 */
public final class CamelStartFailureLogGuard extends TurboFilter {

    static final String LOGGER = "org.apache.camel.impl.engine.AbstractCamelContext";
    static final String START_FAILURE = "Error starting CamelContext";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        boolean startFailure = level == Level.ERROR && format != null && format.startsWith(START_FAILURE)
                && logger.getName().equals(LOGGER);
        return startFailure && !logger.isDebugEnabled() ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
