package io.quantmini.bronze;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** parquet-mr formats a debug message per value written when DEBUG is on: a tenfold slowdown. */
class LoggingConfigTest {

    @Test
    void parquetAndHadoopLoggersAreNotAtDebug() {
        assertFalse(LoggerFactory.getLogger("org.apache.parquet").isDebugEnabled());
        assertFalse(LoggerFactory.getLogger("org.apache.parquet.hadoop.InternalParquetRecordWriter").isDebugEnabled());
        assertFalse(LoggerFactory.getLogger("org.apache.hadoop").isDebugEnabled());
    }

    @Test
    void logbackIsTheOneSlf4jBackend() {
        assertEquals("ch.qos.logback.classic.LoggerContext", LoggerFactory.getILoggerFactory().getClass().getName());
    }
}
