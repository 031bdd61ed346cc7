package io.quantmini.polygon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.quantmini.config.ApiKey;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** logback.xml's %maskedMsg and %maskedEx: a key in a message or a stack trace, whoever logged it, is not printed. */
class MaskedLogTest {

    private static final String KEY = "masked-log-key-0123456789";

    @Test
    void theKeyIsMaskedInMessagesAndStackTraces() {
        ApiKey.of(KEY);
        LoggerContext context = new LoggerContext();
        IllegalStateException failure = new IllegalStateException("Headers {X-Echo=Bearer " + KEY + "}");
        LoggingEvent event = new LoggingEvent(MaskedLogTest.class.getName(), context.getLogger("org.apache.camel.x"),
                Level.WARN, "Exchange[{}]", failure, new Object[] {"Authorization=Bearer " + KEY});

        assertEquals("Exchange[Authorization=Bearer REDACTED]", new MaskedMessage().convert(event));
        MaskedThrowable throwable = new MaskedThrowable();
        throwable.setContext(context);
        throwable.start();
        String trace = throwable.convert(event);
        assertTrue(trace.contains("IllegalStateException: Headers {X-Echo=Bearer REDACTED}"), trace);
        assertFalse(trace.contains(KEY), trace);
    }

    /** A value a record or a server put in a message cannot forge a log line of its own, or colour the terminal. */
    @Test
    void aMessageStaysOnOneLine() {
        LoggingEvent event = new LoggingEvent(MaskedLogTest.class.getName(), new LoggerContext().getLogger("x"),
                Level.ERROR, "stocks_daily 2024-03-05 failed: {}", null,
                new Object[] {"got \"12.5\nquantmini: ingest OK\u001b[32m\""});
        assertEquals("stocks_daily 2024-03-05 failed: got \"12.5\\nquantmini: ingest OK\\u001b[32m\"",
                new MaskedMessage().convert(event));
    }
}
