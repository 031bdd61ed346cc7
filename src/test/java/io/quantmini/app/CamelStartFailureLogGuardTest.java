package io.quantmini.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CamelStartFailureLogGuardTest {

    private static final String FORMAT = "Error starting CamelContext ({}) due to exception thrown: {}";

    private final LoggerContext context = new LoggerContext();
    private final CamelStartFailureLogGuard guard = new CamelStartFailureLogGuard();

    private FilterReply decide(String logger, Level configured, Level call, String format) {
        Logger log = context.getLogger(logger);
        log.setLevel(configured);
        return guard.decide(null, log, call, format, null, new IllegalStateException("boom"));
    }

    @Test
    void camelsStartFailureTraceIsDroppedUnlessItsLoggerIsAtDebug() {
        assertEquals(FilterReply.DENY, decide(CamelStartFailureLogGuard.LOGGER, Level.WARN, Level.ERROR, FORMAT));
        assertEquals(FilterReply.DENY, decide(CamelStartFailureLogGuard.LOGGER, Level.INFO, Level.ERROR, FORMAT));
        assertEquals(FilterReply.NEUTRAL, decide(CamelStartFailureLogGuard.LOGGER, Level.DEBUG, Level.ERROR, FORMAT));
    }

    @Test
    void everyOtherLogIsLeftAlone() {
        assertEquals(FilterReply.NEUTRAL, decide(CamelStartFailureLogGuard.LOGGER, Level.WARN, Level.ERROR,
                "Error stopping CamelContext"));
        assertEquals(FilterReply.NEUTRAL, decide(CamelStartFailureLogGuard.LOGGER, Level.WARN, Level.WARN, FORMAT));
        assertEquals(FilterReply.NEUTRAL, decide("org.apache.camel.main.Main", Level.WARN, Level.ERROR, FORMAT));
        assertEquals(FilterReply.NEUTRAL, decide(CamelStartFailureLogGuard.LOGGER, Level.WARN, Level.ERROR, null));
    }
}
