package io.quantmini.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which {@code java} {@code scripts/quantmini} runs: JAVA_HOME's when it is set (the JDK Maven builds with), else the
 * one on the PATH. A copy of the launcher runs against a built jar stand-in and a fake {@code java} that writes down
 * how it was called.
 */
class LauncherJavaTest {

    @Test
    void theLauncherRunsJavaHomesJavaWhenItIsSet(@TempDir Path temp) throws Exception {
        Path home = installedLauncher(temp);
        Path jdkCalls = fakeJava(temp.resolve("jdk/bin"), "jdk");
        Path pathCalls = fakeJava(temp.resolve("path-bin"), "path");

        run(home, Map.of("JAVA_HOME", temp.resolve("jdk").toString(),
                "PATH", temp.resolve("path-bin") + ":/usr/bin:/bin"));

        List<String> calls = Files.readAllLines(jdkCalls);
        assertEquals(2, calls.size(), "the archive's recording run, then the command: " + calls);
        assertTrue(calls.get(0).contains("-XX:ArchiveClassesAtExit="), calls.get(0));
        assertTrue(calls.get(1).endsWith("-jar " + home.resolve("target/quantmini.jar") + " --version"), calls.get(1));
        assertTrue(Files.notExists(pathCalls), "the PATH's java was not run");
    }

    @Test
    void withoutJavaHomeTheLauncherRunsThePathsJava(@TempDir Path temp) throws Exception {
        Path home = installedLauncher(temp);
        Path pathCalls = fakeJava(temp.resolve("path-bin"), "path");

        run(home, Map.of("PATH", temp.resolve("path-bin") + ":/usr/bin:/bin"));

        List<String> calls = Files.readAllLines(pathCalls);
        assertEquals(2, calls.size(), calls.toString());
        assertTrue(calls.get(1).endsWith(" --version"), calls.get(1));
    }

    @Test
    void theClassDataArchiveIsRecordedAgainForAnotherOrAnUpdatedJdkOnly(@TempDir Path temp) throws Exception {
        Path home = installedLauncher(temp);
        Path firstCalls = fakeJava(temp.resolve("first/bin"), "first");
        Path otherCalls = fakeJava(temp.resolve("other/bin"), "other");
        Map<String, String> first = Map.of("JAVA_HOME", temp.resolve("first").toString(), "PATH", "/usr/bin:/bin");

        run(home, first);
        run(home, first);
        assertEquals(3, Files.readAllLines(firstCalls).size(), "recorded once, then two commands");
        assertEquals(temp.resolve("first/bin/java").toRealPath().toString(),
                Files.readAllLines(home.resolve("target/quantmini.jsa.jdk")).get(0));

        Map<String, String> other = Map.of("JAVA_HOME", temp.resolve("other").toString(), "PATH", "/usr/bin:/bin");
        run(home, other);
        List<String> calls = Files.readAllLines(otherCalls);
        assertEquals(2, calls.size(), calls.toString());
        assertTrue(calls.get(0).contains("-XX:ArchiveClassesAtExit="), "another JDK records its own: " + calls);

        // touched, not changed: nothing to record
        Path java = temp.resolve("other/bin/java");
        Files.setLastModifiedTime(java, FileTime.from(Instant.now().plusSeconds(3600)));
        run(home, other);
        assertEquals(3, Files.readAllLines(otherCalls).size(), Files.readAllLines(otherCalls).toString());

        // updated in place as a package manager does: new bytes and release file, the package's older times
        Files.writeString(java, Files.readString(java) + "# 17.0.16\n");
        Files.writeString(temp.resolve("other/release"), "JAVA_RUNTIME_VERSION=\"17.0.16+8\"\n");
        FileTime packageBuilt = FileTime.from(Instant.now().minusSeconds(30 * 86400));
        Files.setLastModifiedTime(java, packageBuilt);
        Files.setLastModifiedTime(temp.resolve("other/release"), packageBuilt);
        run(home, other);
        calls = Files.readAllLines(otherCalls);
        assertEquals(5, calls.size(), calls.toString());
        assertTrue(calls.get(3).contains("-XX:ArchiveClassesAtExit="), "an updated JDK records again: " + calls);
    }

    /** The launcher and its defaults in a project folder whose jar is built (no sources newer than it). */
    private static Path installedLauncher(Path temp) throws Exception {
        Path home = temp.resolve("quantmini");
        Files.createDirectories(home.resolve("scripts"));
        Files.createDirectories(home.resolve("target"));
        for (String script : List.of("quantmini", "jvm-defaults")) {
            Files.copy(Path.of("scripts", script), home.resolve("scripts").resolve(script));
        }
        Files.write(home.resolve("target/quantmini.jar"), new byte[] {'P', 'K'});
        return home;
    }

    /** A {@code java} in {@code bin} that appends its arguments, one call a line, to the returned file. */
    private static Path fakeJava(Path bin, String name) throws Exception {
        Files.createDirectories(bin);
        Path calls = bin.getParent().resolve(name + "-calls.txt");
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return calls;
    }

    private static void run(Path home, Map<String, String> environment) throws Exception {
        ProcessBuilder launcher = new ProcessBuilder("bash", home.resolve("scripts/quantmini").toString(), "--version")
                .redirectErrorStream(true);
        launcher.environment().remove("JAVA_HOME");
        launcher.environment().remove("QUANTMINI_JAVA_OPTS");
        launcher.environment().putAll(environment);
        Process process = launcher.start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher ends");
        assertEquals(0, process.exitValue(), said);
    }
}
