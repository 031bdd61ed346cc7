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

    /** {@code sh scripts/quantmini}: dash stopped at {@code set -o pipefail}; bash now takes over. */
    @Test
    void startedBySh(@TempDir Path temp) throws Exception {
        Path home = installedLauncher(temp);
        Path pathCalls = fakeJava(temp.resolve("path-bin"), "path");

        Map<String, String> path = Map.of("PATH", temp.resolve("path-bin") + ":/usr/bin:/bin");
        Result result = launch("sh", home, path, "--version");

        assertEquals(0, result.status(), result.said());
        List<String> calls = Files.readAllLines(pathCalls);
        assertEquals(2, calls.size(), calls.toString());
        assertTrue(calls.get(1).endsWith(" --version"), calls.get(1));

        // each argument handed on as it was given (split at its spaces, "*" would name the files here)
        assertEquals(0, launch("sh", home, path, "data", "x  *").status());
        calls = Files.readAllLines(pathCalls);
        assertTrue(calls.get(calls.size() - 1).endsWith(" data x  *"), calls.toString());

        // the benchmarks' script too
        Process bench = startScript("sh", home.resolve("scripts/bench"), path, "alpha158", "x  *");
        String said = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bench.waitFor(60, TimeUnit.SECONDS) && bench.exitValue() == 0, said);
        calls = Files.readAllLines(pathCalls);
        assertTrue(calls.get(calls.size() - 1).endsWith(" io.quantmini.bench.Alpha158Benchmark x  *"),
                calls.toString());
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
                Files.readAllLines(home.resolve("target/quantmini.jsa.jdk")).get(1));

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

    @Test
    void aMovedCheckoutRecordsItsOwnArchive(@TempDir Path temp) throws Exception {
        Path home = installedLauncher(temp);
        Path calls = fakeJava(temp.resolve("jdk/bin"), "jdk");
        Map<String, String> jdk = Map.of("JAVA_HOME", temp.resolve("jdk").toString(), "PATH", "/usr/bin:/bin");
        run(home, jdk);
        Path moved = temp.resolve("moved");
        Files.move(home, moved);

        run(moved, jdk);
        List<String> lines = Files.readAllLines(calls);
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(2).contains("-XX:ArchiveClassesAtExit=" + moved), "the archive follows the jar: " + lines);
    }

    /** A java outside a JDK (a version manager's shim): which JDK it runs is told by what it says its version is. */
    @Test
    void aJavaOutsideAJdkIsToldByTheVersionItReports(@TempDir Path temp) throws Exception {
        Path home = installedLauncher(temp);
        Path version = temp.resolve("chosen-version.txt");
        Files.writeString(version, "openjdk version \"17.0.15\"");
        Path calls = fakeJava(temp.resolve("shims"), "shim", "[ \"$*\" = -version ] && { cat '" + version
                + "' >&2; exit 0; }");
        Files.delete(temp.resolve("release"));
        Map<String, String> shim = Map.of("PATH", temp.resolve("shims") + ":/usr/bin:/bin");

        run(home, shim);
        run(home, shim);
        assertEquals(3, Files.readAllLines(calls).size(), "recorded once: " + Files.readAllLines(calls));

        Files.writeString(version, "openjdk version \"25.0.1\""); // the shim now runs another JDK
        run(home, shim);
        List<String> lines = Files.readAllLines(calls);
        assertEquals(5, lines.size(), lines.toString());
        assertTrue(lines.get(3).contains("-XX:ArchiveClassesAtExit="), "recorded again: " + lines);
    }

    @Test
    void aJavaHomeWithoutJavaStopsWithExit2AndLeavesTheArchiveAsItWas(@TempDir Path temp) throws Exception {
        Path home = installedLauncher(temp);
        fakeJava(temp.resolve("jdk/bin"), "jdk");
        run(home, Map.of("JAVA_HOME", temp.resolve("jdk").toString(), "PATH", "/usr/bin:/bin"));
        Files.writeString(home.resolve("target/quantmini.jsa"), "the recorded archive");
        String stamp = Files.readString(home.resolve("target/quantmini.jsa.jdk"));

        Result result = launch(home, Map.of("JAVA_HOME", temp.resolve("no-such-jdk").toString(),
                "PATH", "/usr/bin:/bin"));
        assertEquals(2, result.status(), result.said());
        assertEquals("quantmini: JAVA_HOME=" + temp.resolve("no-such-jdk") + " has no bin/java: point it at a JDK 17 or"
                + " later, or unset it\n", result.said());
        assertEquals("the recorded archive", Files.readString(home.resolve("target/quantmini.jsa")));
        assertEquals(stamp, Files.readString(home.resolve("target/quantmini.jsa.jdk")));
    }

    /** Ctrl-C while the archive is recorded: the recording JVM exits 130 after its hooks, which bash does not see. */
    @Test
    void aSignalDuringTheRecordingStopsTheCommandAndTheNextOneRecordsAgain(@TempDir Path temp) throws Exception {
        Path home = installedLauncher(temp);
        Path calls = fakeJava(temp.resolve("jdk/bin"), "jdk", "case \"$*\" in *ArchiveClassesAtExit*) exit 130;; esac");
        Map<String, String> jdk = Map.of("JAVA_HOME", temp.resolve("jdk").toString(), "PATH", "/usr/bin:/bin");

        Result result = launch(home, jdk);
        assertEquals(130, result.status(), result.said());
        assertTrue(Files.notExists(calls), "the command did not run");
        assertTrue(Files.notExists(home.resolve("target/quantmini.jsa.jdk")), "nothing marks the archive as tried");
    }

    /**
     * A flag the JVM refuses, in QUANTMINI_JAVA_OPTS or in the JDK's own JDK_JAVA_OPTIONS (which every java reads),
     * stops the command with exit 2 naming the variable, not with the JVM's 1 ("a day failed").
     */
    @Test
    void javaFlagsTheJvmRefusesStopWithExit2NamingThem(@TempDir Path temp) throws Exception {
        for (String variable : List.of("QUANTMINI_JAVA_OPTS", "JDK_JAVA_OPTIONS")) {
            Path dir = Files.createDirectories(temp.resolve(variable));
            Path home = installedLauncher(dir);
            // as a JDK does: refused on its command line, or picked up (and said so) from JDK_JAVA_OPTIONS
            Path calls = fakeJava(dir.resolve("jdk/bin"), "jdk", "case \"$JDK_JAVA_OPTIONS\" in *-XX:+Bogus*)"
                    + " echo \"NOTE: Picked up JDK_JAVA_OPTIONS: $JDK_JAVA_OPTIONS\" >&2;"
                    + " echo \"Unrecognized VM option 'Bogus'\" >&2; exit 1;; esac\n"
                    + "case \"$*\" in *-XX:+Bogus*) echo \"Unrecognized VM option 'Bogus'\" >&2; exit 1;; esac");
            Map<String, String> jdk = Map.of("JAVA_HOME", dir.resolve("jdk").toString(), "PATH", "/usr/bin:/bin",
                    variable, "-XX:+Bogus");

            Result result = launch(home, jdk);
            assertEquals(2, result.status(), result.said());
            assertEquals("quantmini: the JVM refuses " + variable + " (-XX:+Bogus): Unrecognized VM option 'Bogus'\n",
                    result.said());
            assertTrue(Files.notExists(calls), "neither the recording nor the command ran: " + calls);
        }
    }

    /**
     * A service user running a checkout it cannot write, after the owner changed a source: the jar runs as built, with
     * a line saying so, instead of a Maven error and exit 1; without a jar, exit 2. Run as nobody, so root only.
     */
    @Test
    void aCheckoutThisUserCannotWriteRunsItsJarAsBuilt(@TempDir Path temp) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name"))
                && Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs root and setpriv");
        Path home = installedLauncher(temp);
        Path calls = fakeJava(temp.resolve("jdk/bin"), "jdk");
        Files.createDirectories(home.resolve("src/main"));
        Files.writeString(home.resolve("pom.xml"), "<project/>");
        Files.setLastModifiedTime(home.resolve("target/quantmini.jar"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Files.writeString(home.resolve("src/main/Changed.java"), "// newer than the jar");
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(calls.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
        Map<String, String> nobody = Map.of("JAVA_HOME", temp.resolve("jdk").toString(), "PATH", "/usr/bin:/bin",
                "HOME", "/nonexistent");

        Result result = launchAs("65534", home, nobody);
        assertEquals(0, result.status(), result.said());
        assertTrue(result.said().startsWith("quantmini: the sources are newer than " + home.resolve(
                "target/quantmini.jar") + ", which this user cannot rebuild"), result.said());
        assertTrue(Files.readString(calls).contains("-jar " + home.resolve("target/quantmini.jar") + " --version"));

        Files.delete(home.resolve("target/quantmini.jar"));
        result = launchAs("65534", home, nobody);
        assertEquals(2, result.status(), result.said());
        assertTrue(result.said().contains("is not built, and this user cannot build it"), result.said());
    }

    /** {@code quantmini --version} as the user {@code uid} (setpriv). */
    private static Result launchAs(String uid, Path home, Map<String, String> environment) throws Exception {
        ProcessBuilder launcher = new ProcessBuilder("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                "bash", home.resolve("scripts/quantmini").toString(), "--version").redirectErrorStream(true);
        launcher.environment().remove("JAVA_HOME");
        launcher.environment().remove("QUANTMINI_JAVA_OPTS");
        launcher.environment().remove("JDK_JAVA_OPTIONS");
        launcher.environment().putAll(environment);
        Process process = launcher.start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher ends");
        return new Result(process.exitValue(), said);
    }

    /**
     * Under the C locale (cron, a bare service unit) the JVM cannot name a path with a non-ASCII character: the
     * launcher gives it C.UTF-8 where the system has it, and leaves a UTF-8 locale as it is.
     */
    @Test
    void withoutAUtf8LocaleTheJvmIsGivenOne(@TempDir Path temp) throws Exception {
        Process locales = new ProcessBuilder("locale", "-a").redirectErrorStream(true).start();
        String available = new String(locales.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        locales.waitFor();
        org.junit.jupiter.api.Assumptions.assumeTrue(available.lines().anyMatch(
                name -> name.equalsIgnoreCase("C.utf8") || name.equalsIgnoreCase("C.UTF-8")), "no C.UTF-8 here");
        Map<String, String> expected = Map.of("C", "C.UTF-8", "C.utf8", "C.utf8", "POSIX", "C.UTF-8");
        for (Map.Entry<String, String> locale : expected.entrySet()) {
            Path dir = Files.createDirectories(temp.resolve(locale.getKey()));
            Path home = installedLauncher(dir);
            Path calls = fakeJava(dir.resolve("jdk/bin"), "jdk", "echo \"LC_ALL=$LC_ALL\" >> '"
                    + dir.resolve("locale.txt") + "'");
            run(home, Map.of("JAVA_HOME", dir.resolve("jdk").toString(), "PATH", "/usr/bin:/bin", "LC_ALL",
                    locale.getKey()));
            assertTrue(Files.exists(calls));
            assertEquals(List.of("LC_ALL=" + locale.getValue(), "LC_ALL=" + locale.getValue()),
                    Files.readAllLines(dir.resolve("locale.txt")), "from " + locale.getKey());
        }
    }

    /**
     * Two commands started together when the jar is stale (a daemon and a one-shot after a pull): one builds, the other
     * waits for it and then finds the jar built. Two Mavens in one target/ folder delete what the other compiles.
     */
    @Test
    void twoCommandsStartedTogetherBuildOnce(@TempDir Path temp) throws Exception {
        assertTwoCommandsBuildOnce(temp, "/usr/bin:/bin");
    }

    /** As above where the system has no flock(1), as macOS: perl's flock takes the same lock. */
    @Test
    void twoCommandsStartedTogetherBuildOnceWithoutFlock(@TempDir Path temp) throws Exception {
        Path tools = Files.createDirectories(temp.resolve("tools-without-flock"));
        for (String folder : List.of("/usr/bin", "/bin")) {
            try (java.util.stream.Stream<Path> commands = Files.list(Path.of(folder))) {
                for (Path command : (Iterable<Path>) commands::iterator) {
                    Path link = tools.resolve(command.getFileName().toString());
                    if (!command.getFileName().toString().equals("flock") && Files.notExists(link,
                            java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, command);
                    }
                }
            }
        }
        assertTrue(Files.exists(tools.resolve("perl")) && Files.notExists(tools.resolve("flock")));
        assertTwoCommandsBuildOnce(temp, tools.toString());
    }

    private static void assertTwoCommandsBuildOnce(Path temp, String path) throws Exception {
        Path home = installedLauncher(temp);
        Files.delete(home.resolve("target/quantmini.jar"));
        fakeJava(temp.resolve("jdk/bin"), "jdk");
        Path bin = Files.createDirectories(temp.resolve("maven/bin"));
        Path builds = temp.resolve("builds.txt");
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho start >> '" + builds + "'\nsleep 1\n"
                + "printf PK > target/quantmini.jar\necho end >> '" + builds + "'\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> environment = Map.of("JAVA_HOME", temp.resolve("jdk").toString(),
                "PATH", bin + ":" + path);

        Process first = start(home, environment);
        Process second = start(home, environment);
        for (Process launcher : List.of(first, second)) {
            String said = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "the launcher ends");
            assertEquals(0, launcher.exitValue(), said);
        }
        assertEquals(List.of("start", "end"), Files.readAllLines(builds));
    }

    /** `run`, the daemon, gets the daemon's flags (scripts/jvm-defaults); any other command the one-shot ones. */
    @Test
    void theDaemonGetsItsOwnFlagsAndOtherCommandsTheOneShotOnes(@TempDir Path temp) throws Exception {
        Path home = installedLauncher(temp);
        Path calls = fakeJava(temp.resolve("jdk/bin"), "jdk");
        Map<String, String> jdk = Map.of("JAVA_HOME", temp.resolve("jdk").toString(), "PATH", "/usr/bin:/bin");
        for (String[] command : new String[][] {{"run", "--help"}, {"demo", "--help"}}) {
            Process launcher = start(home, jdk, command);
            String said = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "the launcher ends");
            assertEquals(0, launcher.exitValue(), said);
        }
        List<String> lines = Files.readAllLines(calls);
        String daemon = lines.get(lines.size() - 2);
        String demo = lines.get(lines.size() - 1);
        assertTrue(daemon.endsWith(" run --help") && daemon.contains("-XX:+UseG1GC -XX:G1PeriodicGCInterval=60000 ")
                && !daemon.contains("UseParallelGC"), daemon);
        assertTrue(demo.endsWith(" demo --help") && demo.contains("-XX:+UseParallelGC ") && !demo.contains("G1"), demo);
    }

    /** The launcher and its defaults in a project folder whose jar is built (no sources newer than it). */
    private static Path installedLauncher(Path temp) throws Exception {
        Path home = temp.resolve("quantmini");
        Files.createDirectories(home.resolve("scripts"));
        Files.createDirectories(home.resolve("target"));
        for (String script : List.of("quantmini", "jvm-defaults", "bench")) {
            Files.copy(Path.of("scripts", script), home.resolve("scripts").resolve(script));
        }
        Files.write(home.resolve("target/quantmini.jar"), new byte[] {'P', 'K'});
        return home;
    }

    /** A {@code java} in {@code bin} that appends its arguments, one call a line, to the returned file. */
    private static Path fakeJava(Path bin, String name) throws Exception {
        return fakeJava(bin, name, "");
    }

    /**
     * As {@link #fakeJava(Path, String)}, running the shell line {@code first} before it writes the call down. Like a
     * JDK's, the folder above {@code bin} holds a {@code release} file.
     */
    private static Path fakeJava(Path bin, String name, String first) throws Exception {
        Files.createDirectories(bin);
        Path calls = bin.getParent().resolve(name + "-calls.txt");
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\n" + first + "\necho \"$*\" >> '" + calls + "'\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(bin.resolveSibling("release"), "JAVA_RUNTIME_VERSION=\"17.0.15+6\"\n");
        return calls;
    }

    private record Result(int status, String said) {
    }

    /** {@code quantmini --version} in {@code environment}; it must succeed. */
    private static void run(Path home, Map<String, String> environment) throws Exception {
        Result result = launch(home, environment);
        assertEquals(0, result.status(), result.said());
    }

    private static Result launch(Path home, Map<String, String> environment) throws Exception {
        return launch("bash", home, environment, "--version");
    }

    private static Result launch(String shell, Path home, Map<String, String> environment, String... arguments)
            throws Exception {
        Process process = startWith(shell, home, environment, arguments);
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher ends");
        return new Result(process.exitValue(), said);
    }

    private static Process start(Path home, Map<String, String> environment) throws Exception {
        return start(home, environment, "--version");
    }

    private static Process start(Path home, Map<String, String> environment, String... arguments) throws Exception {
        return startWith("bash", home, environment, arguments);
    }

    private static Process startWith(String shell, Path home, Map<String, String> environment, String... arguments)
            throws Exception {
        return startScript(shell, home.resolve("scripts/quantmini"), environment, arguments);
    }

    private static Process startScript(String shell, Path script, Map<String, String> environment,
                                       String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(shell, script.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder launcher = new ProcessBuilder(command).redirectErrorStream(true);
        launcher.environment().remove("JAVA_HOME");
        launcher.environment().remove("QUANTMINI_JAVA_OPTS");
        launcher.environment().remove("JDK_JAVA_OPTIONS");
        launcher.environment().putAll(environment);
        return launcher.start();
    }
}
