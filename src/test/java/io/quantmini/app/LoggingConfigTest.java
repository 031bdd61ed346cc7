package io.quantmini.app;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The application's logging (logback.xml): the one backend, quiet Parquet and Hadoop loggers, dated lines. */
class LoggingConfigTest {

    /** parquet-mr formats a debug message per value written when DEBUG is on: a tenfold slowdown. */
    @Test
    void parquetAndHadoopLoggersAreNotAtDebug() {
        assertFalse(LoggerFactory.getLogger("org.apache.parquet").isDebugEnabled());
        assertFalse(LoggerFactory.getLogger("org.apache.parquet.hadoop.InternalParquetRecordWriter").isDebugEnabled());
        assertFalse(LoggerFactory.getLogger("org.apache.hadoop").isDebugEnabled());
    }

    /** A daemon's log is read days later, from a host in any zone: each line says the date and the UTC offset. */
    @Test
    void everyLineStartsWithTheDateTimeAndOffset() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> stderr =
                (ch.qos.logback.core.OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent>) root
                        .getAppender("STDERR");
        ch.qos.logback.classic.spi.LoggingEvent event = new ch.qos.logback.classic.spi.LoggingEvent(
                "fqcn", root, ch.qos.logback.classic.Level.INFO, "scheduled ingest done", null, null);
        String line = new String(stderr.getEncoder().encode(event), java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(line.matches(
                "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2})"
                        + " INFO .*scheduled ingest done\\R"),
                line);
    }

    /** The real pattern masks the API key in the message and in the stack trace, and loads without a warning. */
    @Test
    void theConsolePatternMasksTheKey() {
        String key = "logging-config-key-0123456789";
        io.quantmini.config.ApiKey.of(key);
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> stderr =
                (ch.qos.logback.core.OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent>) root
                        .getAppender("STDERR");
        ch.qos.logback.classic.spi.LoggingEvent event = new ch.qos.logback.classic.spi.LoggingEvent("fqcn", root,
                ch.qos.logback.classic.Level.WARN, "Exchange[Authorization=Bearer {}]",
                new IllegalStateException("echoed " + key), new Object[] {key});
        String lines = new String(stderr.getEncoder().encode(event), java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(lines.contains("Exchange[Authorization=Bearer REDACTED]")
                && lines.contains("IllegalStateException: echoed REDACTED"), lines);
        assertFalse(lines.contains(key), lines);
        ch.qos.logback.classic.LoggerContext context = (ch.qos.logback.classic.LoggerContext)
                LoggerFactory.getILoggerFactory();
        assertEquals(java.util.List.of(), context.getStatusManager().getCopyOfStatusList().stream()
                .filter(status -> status.getLevel() >= ch.qos.logback.core.status.Status.WARN)
                .map(Object::toString).toList());
    }

    @Test
    void logbackIsTheOneSlf4jBackend() {
        assertEquals("ch.qos.logback.classic.LoggerContext", LoggerFactory.getILoggerFactory().getClass().getName());
    }
}
