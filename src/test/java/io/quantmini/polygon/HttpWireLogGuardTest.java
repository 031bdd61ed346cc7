package io.quantmini.polygon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HttpWireLogGuardTest {

    private final LoggerContext context = new LoggerContext();
    private final HttpWireLogGuard guard = new HttpWireLogGuard();

    private FilterReply decide(String logger, Level configured, Level call) {
        Logger log = context.getLogger(logger);
        log.setLevel(configured);
        return guard.decide(null, log, call, "message", null, null);
    }

    @Test
    void headerAndWireLogsAreDroppedAtEveryConfiguredLevel() {
        assertEquals(FilterReply.DENY, decide("org.apache.hc.client5.http.headers", Level.DEBUG, Level.DEBUG));
        assertEquals(FilterReply.DENY, decide("org.apache.hc.client5.http.wire", Level.TRACE, Level.INFO));
        assertEquals(FilterReply.DENY, decide("org.apache.hc.client5.http.wire.sub", Level.ALL, Level.TRACE));
    }

    @Test
    void otherLoggersAndCallsBelowTheLevelAreLeftToTheLevelCheck() {
        assertEquals(FilterReply.NEUTRAL, decide("org.apache.hc.client5.http.impl", Level.DEBUG, Level.DEBUG));
        assertEquals(FilterReply.NEUTRAL, decide("org.apache.parquet.hadoop", Level.WARN, Level.DEBUG));
        assertEquals(FilterReply.NEUTRAL, decide("io.quantmini", Level.INFO, Level.INFO));
        // below the level: the level check drops it in any case
        assertEquals(FilterReply.NEUTRAL, decide("org.apache.hc.client5.http.headers", Level.INFO, Level.DEBUG));
    }
}
