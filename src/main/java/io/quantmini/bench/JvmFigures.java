package io.quantmini.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** The JVM figures every benchmark prints: peak heap, process CPU and the machine's load. */
public final class JvmFigures {

    private JvmFigures() {
    }

    public static void resetHeapPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since start (or the last reset): an upper bound of the live heap. */
    public static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** CPU time of the whole process (every thread, JIT and GC included), or 0 where the JVM cannot tell. */
    public static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /**
     * CPU seconds of the JVM's own threads, which Java's thread API does not show: "JIT compiler" (C1/C2 compiler
     * threads) and "GC" (the collector's worker threads), read from Linux's {@code /proc/self/task}; empty elsewhere.
     * Threads that already ended are not counted.
     */
    public static java.util.Map<String, Double> vmThreadCpuSeconds() {
        java.util.Map<String, Double> seconds = new java.util.TreeMap<>();
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc/self/task");
        try (java.util.stream.Stream<java.nio.file.Path> threads = java.nio.file.Files.list(tasks)) {
            threads.forEach(task -> {
                try {
                    String name = java.nio.file.Files.readString(task.resolve("comm")).strip();
                    String kind = name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? "JIT compiler"
                            : name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread")
                            ? "GC" : null;
                    if (kind != null) {
                        String stat = java.nio.file.Files.readString(task.resolve("stat"));
                        // fields after the ")" that closes the name: state is field 3, utime 14, stime 15
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        seconds.merge(kind, ticks / (double) CLOCK_TICKS_PER_SECOND, Double::sum);
                    }
                } catch (java.io.IOException | RuntimeException threadEnded) {
                    // the thread ended while we looked
                }
            });
        } catch (java.io.IOException notLinux) {
            return java.util.Map.of();
        }
        return seconds;
    }

    /** Linux's USER_HZ, 100 on every mainstream kernel ({@code getconf CLK_TCK}). */
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
