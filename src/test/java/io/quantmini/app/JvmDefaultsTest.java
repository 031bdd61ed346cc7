package io.quantmini.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scripts/jvm-defaults}: the flags the launcher and the benchmarks give every command, and a JVM that starts
 * with them, without a warning, at the heap sizes either side of the young-generation threshold.
 */
class JvmDefaultsTest {

    @Test
    void aHeapOfThreeGigabytesOrMoreGetsAFixedOneGigabyteYoungGeneration() throws Exception {
        assertTrue(defaults("quantmini_default_java_opts " + (4L << 30)).contains("-Xmn1g"));
        assertTrue(defaults("quantmini_default_java_opts " + (3L << 30)).contains("-Xmn1g"));
        assertFalse(defaults("quantmini_default_java_opts " + ((3L << 30) - 1)).contains("-Xmn"));
        assertFalse(defaults("quantmini_default_java_opts " + (1L << 30)).contains("-Xmn"));
        assertTrue(defaults("quantmini_default_java_opts " + (1L << 30)).startsWith("-XX:+UseParallelGC"));
    }

    @Test
    void theJvmStartsWithTheDefaultsWithoutAWarning() throws Exception {
        for (String heap : List.of("1g", "3g", "4g")) {
            long bytes = Long.parseLong(heap.substring(0, 1)) << 30;
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx" + heap);
            command.addAll(List.of(defaults("quantmini_default_java_opts " + bytes).split(" ")));
            command.add("-version");
            Process jvm = new ProcessBuilder(command).redirectErrorStream(true).start();
            String said = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(jvm.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, jvm.exitValue(), said);
            assertFalse(said.toLowerCase().contains("warning"), command + ": " + said);
        }
    }

    @Test
    void theMemoryItSizesFromIsTheMachinesOrTheContainersWhenTheyCanBeRead() throws Exception {
        long bytes = Long.parseLong(defaults("quantmini_memory_bytes"));
        if (Path.of("/proc/meminfo").toFile().canRead()) {
            // at least 256 MB and at most the machine's memory as /proc/meminfo says it, above 2^31 as well
            assertTrue(bytes >= 256L << 20, "memory " + bytes);
            assertTrue(bytes <= memTotalBytes(), "memory " + bytes + " vs " + memTotalBytes());
        }
        assertEquals(bytes / 4 >= 3L << 30, defaults("quantmini_default_java_opts").contains("-Xmn1g"));
    }

    private static long memTotalBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new AssertionError("no MemTotal in /proc/meminfo");
    }

    /** What {@code call} prints, with scripts/jvm-defaults sourced into bash. */
    private static String defaults(String call) throws Exception {
        Process bash = new ProcessBuilder("bash", "-c", "set -euo pipefail; source scripts/jvm-defaults; " + call)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, bash.exitValue(), call);
        return out;
    }
}
