package io.quantmini.silver;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Adds up a run's {@link ComputeTimes} from its compute threads. Read once per batch of symbols and once per pass,
 * not per symbol, so the clock costs nothing measurable. Where the JVM cannot measure thread CPU, those figures stay 0.
 */
final class ComputeClock {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final LongAdder featuresNanos = new LongAdder();
    private final LongAdder copyNanos = new LongAdder();
    private final LongAdder tablesNanos = new LongAdder();

    /** This thread's CPU time so far, in nanoseconds; 0 where the JVM does not measure it. */
    static long threadCpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    void features(long cpuNanos) {
        featuresNanos.add(cpuNanos);
    }

    void copy(long cpuNanos) {
        copyNanos.add(cpuNanos);
    }

    void tables(long wallNanos) {
        tablesNanos.add(wallNanos);
    }

    ComputeTimes times() {
        return new ComputeTimes(featuresNanos.sum() / 1e9, copyNanos.sum() / 1e9, tablesNanos.sum() / 1e9);
    }
}
