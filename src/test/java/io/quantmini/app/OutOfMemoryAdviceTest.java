package io.quantmini.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's out-of-memory flags, as it passes them, on a JVM that runs out of heap: exit 3 and, on stderr, the
 * advice of {@code scripts/out-of-memory} (what it means for the lake, how to give the run more heap).
 */
class OutOfMemoryAdviceTest {

    /** Fills the heap. */
    public static final class FillsTheHeap {
        public static void main(String[] args) {
            List<long[]> held = new ArrayList<>();
            while (true) {
                held.add(new long[1 << 20]);
            }
        }
    }

    @Test
    void aRunOutOfHeapExitsWithCode3AndSaysWhatToDo(@TempDir Path temp) throws Exception {
        String launcher = Files.readString(Path.of("scripts/quantmini"));
        Matcher flag = Pattern.compile("'(-XX:OnOutOfMemoryError=[^']+)'").matcher(launcher);
        assertTrue(flag.find(), "scripts/quantmini passes -XX:OnOutOfMemoryError");
        assertTrue(launcher.contains("exec \"$java\" -XX:+ExitOnOutOfMemoryError"),
                "the launcher exits on out of memory");
        assertTrue(launcher.contains("export QUANTMINI_HOME="), "the flag's QUANTMINI_HOME is the project's");
        // a project path with the characters the JVM (%p, ;) or a shell (' and a space) would take apart
        Path home = Files.createDirectories(temp.resolve("quant mini's 100%p;copy").resolve("scripts"));
        Files.copy(Path.of("scripts/out-of-memory"), home.resolve("out-of-memory"));

        Path stderr = temp.resolve("stderr.txt");
        ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+ExitOnOutOfMemoryError", flag.group(1), "-Xmx32m",
                "-cp", System.getProperty("java.class.path"), FillsTheHeap.class.getName())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        java.environment().put("QUANTMINI_HOME", home.getParent().toString());
        Process jvm = java.start();
        assertTrue(jvm.waitFor(60, TimeUnit.SECONDS), "the JVM exits");
        assertEquals(3, jvm.exitValue());
        String said = Files.readString(stderr, StandardCharsets.UTF_8);
        assertTrue(said.contains("quantmini: out of memory: this run needs more heap than the JVM has."), said);
        assertTrue(said.contains("QUANTMINI_JAVA_OPTS=\"-Xmx8g -XX:+UseParallelGC\""), said);
    }
}
