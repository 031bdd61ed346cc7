package io.quantmini.app;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scripts/jvm-defaults}: the flags the launcher and the benchmarks give every command, and what a JVM started
 * with them does: no warning at any heap, and a start at an eighth of the memory it sees, with a young generation that
 * keeps its size; and the daemon's own.
 */
class JvmDefaultsTest {

    private static final long GB = 1L << 30;

    @Test
    void theJvmStartsWithTheDefaultsWithoutAWarningWhateverItsHeap() throws Exception {
        // no -Xmx (the launcher's case), a small and a large -Xmx (the benchmarks'), a small container
        for (List<String> heap : List.of(List.<String>of(), List.of("-Xmx512m"), List.of("-Xmx4g"),
                List.of("-XX:MaxRAM=1g"))) {
            String said = jvmWithDefaults(heap, "-version");
            assertFalse(said.toLowerCase().contains("warning"), heap + ": " + said);
        }
    }

    @Test
    void theHeapStartsAtAnEighthOfTheMemoryInsteadOfTheJvmsSixtyFourth() throws Exception {
        String flags = jvmWithDefaults(List.of("-XX:MaxRAM=16g"), "-XX:+PrintFlagsFinal", "-version");
        assertEquals(2 * GB, flag(flags, "InitialHeapSize"));
        assertEquals(4 * GB, flag(flags, "MaxHeapSize"), "the maximum stays the JVM's own");
        assertEquals("false", value(flags, "UseAdaptiveSizePolicy"), "the young generation keeps its size");
        String without = run(List.of(java(), "-XX:+UseParallelGC", "-XX:MaxRAM=16g", "-XX:+PrintFlagsFinal",
                "-version"));
        assertEquals(GB / 4, flag(without, "InitialHeapSize"), "the JVM's own start, for comparison");
    }

    @Test
    void theJitCompilesAfterFourTimesTheJvmsCounts() throws Exception {
        String flags = jvmWithDefaults(List.of(), "-XX:+PrintFlagsFinal", "-version");
        assertEquals("4.000000", value(flags, "CompileThresholdScaling"));
    }

    @Test
    void theDefaultsAreTheThroughputCollector() throws Exception {
        assertTrue(defaults().startsWith("-XX:+UseParallelGC "), defaults());
    }

    /**
     * `run`, the daemon, gets flags of its own: G1 collecting after a minute idle, so the heap a firing used goes back
     * to the system between firings; every other command the one-shot flags.
     */
    @Test
    void theDaemonGivesBackItsHeapWhileIdleAndOtherCommandsKeepTheDefaults() throws Exception {
        assertEquals(defaults(), optsFor("demo"));
        assertEquals(defaults(), optsFor("transform"));
        assertEquals(defaults(), optsFor(""));
        String daemon = optsFor("run");
        assertTrue(daemon.startsWith("-XX:+UseG1GC "), daemon);
        for (List<String> heap : List.of(List.<String>of(), List.of("-Xmx512m"), List.of("-XX:MaxRAM=1g"))) {
            String said = jvm(heap, daemon, "-version");
            assertFalse(said.toLowerCase().contains("warning"), heap + ": " + said);
        }
        String flags = jvm(List.of("-XX:MaxRAM=16g"), daemon, "-XX:+PrintFlagsFinal", "-version");
        assertEquals("true", value(flags, "UseG1GC"));
        assertEquals(60_000, flag(flags, "G1PeriodicGCInterval"));
        assertEquals(30, flag(flags, "MaxHeapFreeRatio"));
        assertEquals(10, flag(flags, "MinHeapFreeRatio"));
    }

    private static String jvmWithDefaults(List<String> heap, String... args) throws Exception {
        return jvm(heap, defaults(), args);
    }

    private static String jvm(List<String> heap, String opts, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(heap);
        command.addAll(List.of(opts.split(" ")));
        command.addAll(List.of(args));
        return run(command);
    }

    /** What {@code quantmini_java_opts_for <command>} prints: the flags the launcher gives that command. */
    private static String optsFor(String command) throws Exception {
        return run(List.of("bash", "-c", "set -euo pipefail; source scripts/jvm-defaults; quantmini_java_opts_for \""
                + command + "\"")).trim();
    }

    private static long flag(String printFlagsFinal, String name) {
        return Long.parseLong(value(printFlagsFinal, name));
    }

    /** A flag's value in {@code -XX:+PrintFlagsFinal}'s lines: {@code type name = value {kind} {origin}}. */
    private static String value(String printFlagsFinal, String name) {
        for (String line : printFlagsFinal.split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length > 3 && words[1].equals(name)) {
                return words[3];
            }
        }
        throw new AssertionError("no flag " + name + " in " + printFlagsFinal);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** What {@code quantmini_default_java_opts} prints, with scripts/jvm-defaults sourced into bash. */
    private static String defaults() throws Exception {
        return run(List.of("bash", "-c", "set -euo pipefail; source scripts/jvm-defaults; quantmini_default_java_opts"))
                .trim();
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), command + " ends");
        assertEquals(0, process.exitValue(), command + ": " + said);
        return said;
    }
}
