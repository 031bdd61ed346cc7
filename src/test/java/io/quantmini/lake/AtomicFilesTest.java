package io.quantmini.lake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aTempNameCarriesTheWritersProcessId() throws IOException {
        Path target = dir.resolve("day.json");
        List<String> seen = new java.util.ArrayList<>();
        AtomicFiles.write(target, temp -> {
            seen.add(temp.getFileName().toString());
            Files.write(temp, new byte[] {1, 2});
        });
        assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(target));
        String prefix = ".day.json" + AtomicFiles.TEMP_MARKER + ProcessHandle.current().pid() + "-";
        assertEquals(1, seen.size());
        assertEquals(prefix, seen.get(0).substring(0, prefix.length()), seen.get(0));
        assertEquals(List.of("day.json"), names());
    }

    /**
     * A failure naming no file (a close's, a write's) or thrown by the JDK's native code as its own undeclared checked
     * exception (sun.nio.fs.UnixException, from the close after a file's time is set) names the target; the temp
     * goes.
     */
    @Test
    void aFailureNamingNoFileNamesTheTarget() throws IOException {
        Path target = dir.resolve("day.parquet");
        java.util.Map<String, Exception> failures = new java.util.LinkedHashMap<>();
        failures.put("io", new IOException("Input/output error"));
        failures.put("unnamed", new java.nio.file.FileSystemException(null, null, "No space left on device"));
        failures.put("native", new Exception("Permission denied"));
        java.util.Map<String, String> said = new java.util.LinkedHashMap<>();
        for (java.util.Map.Entry<String, Exception> failure : failures.entrySet()) {
            java.nio.file.FileSystemException named = assertThrows(java.nio.file.FileSystemException.class,
                    () -> AtomicFiles.write(target, temp -> {
                        Files.write(temp, new byte[] {1});
                        throw AtomicFilesTest.<RuntimeException>undeclared(failure.getValue());
                    }));
            assertEquals(target.toString(), named.getFile(), failure.getKey());
            said.put(failure.getKey(), named.getReason());
        }
        assertEquals(java.util.Map.of("io", "Input/output error", "unnamed", "No space left on device",
                "native", "Permission denied"), said);
        assertEquals(List.of(), names());
    }

    /** Throws {@code e} whatever its type, as native code may. */
    @SuppressWarnings("unchecked")
    private static <T extends Exception> T undeclared(Exception e) throws T {
        throw (T) e;
    }

    /** Files committed as one all replace their targets, and the copies kept for a rollback go. */
    @Test
    void commitAllReplacesEveryTarget() throws IOException {
        Files.writeString(dir.resolve("a.json"), "old a");
        AtomicFiles.commitAll(List.of(AtomicFiles.stage(dir.resolve("a.json"), "new a".getBytes()),
                AtomicFiles.stage(dir.resolve("b.json"), "new b".getBytes())));
        assertEquals("new a", Files.readString(dir.resolve("a.json")));
        assertEquals("new b", Files.readString(dir.resolve("b.json")));
        assertEquals(List.of("a.json", "b.json"), names());
    }

    /**
     * A rename failing half-way (here the third target is a folder that holds a file) puts back what the first two
     * held: the replaced file its earlier content, the new one nothing; the third's and the fourth's temps and every
     * copy go, and the fourth target keeps its content. Nothing failed in the clean-up, so nothing is added.
     */
    @Test
    void commitAllPutsTheEarlierFilesBackWhenARenameFailsHalfWay() throws IOException {
        Files.writeString(dir.resolve("a.json"), "old a");
        Files.createDirectories(dir.resolve("c.json"));
        Files.writeString(dir.resolve("c.json").resolve("inside"), "x");
        Files.writeString(dir.resolve("d.json"), "old d");
        List<AtomicFiles.Staged> staged = List.of(AtomicFiles.stage(dir.resolve("a.json"), "new a".getBytes()),
                AtomicFiles.stage(dir.resolve("b.json"), "new b".getBytes()),
                AtomicFiles.stage(dir.resolve("c.json"), "new c".getBytes()),
                AtomicFiles.stage(dir.resolve("d.json"), "new d".getBytes()));

        IOException failed = assertThrows(IOException.class, () -> AtomicFiles.commitAll(staged));

        assertEquals(0, failed.getSuppressed().length, java.util.Arrays.toString(failed.getSuppressed()));
        assertEquals("old a", Files.readString(dir.resolve("a.json")));
        assertFalse(Files.exists(dir.resolve("b.json")));
        assertEquals("old d", Files.readString(dir.resolve("d.json")));
        assertEquals(List.of("a.json", "c.json", "d.json"), names());
        assertEquals("x", Files.readString(dir.resolve("c.json").resolve("inside")));
    }

    /**
     * A target the commit added that its rollback cannot remove is named as such (it was "its earlier content is in
     * null"). Here the first target is reached through a symlinked folder that the second target then replaces.
     */
    @Test
    void aNewTargetTheRollbackCannotRemoveIsNamed() throws IOException {
        Path real = Files.createDirectory(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        Files.createDirectories(dir.resolve("c.json"));
        Files.writeString(dir.resolve("c.json").resolve("inside"), "x");
        List<AtomicFiles.Staged> staged = List.of(AtomicFiles.stage(link.resolve("b.json"), "new b".getBytes()),
                AtomicFiles.stage(link, "new link".getBytes()),
                AtomicFiles.stage(dir.resolve("c.json"), "new c".getBytes()));

        IOException failed = assertThrows(IOException.class, () -> AtomicFiles.commitAll(staged));

        List<String> added = java.util.Arrays.stream(failed.getSuppressed()).map(Throwable::getMessage).toList();
        assertTrue(added.contains("could not remove " + link.resolve("b.json") + ", which this commit added"),
                String.valueOf(added));
    }

    /**
     * Every rename went through, then a copy kept during the commit will not go: the commit stands and says so, and
     * the copy is left to the next sweep. It used to throw, and landing took its renames for undone. Here the copy
     * will not go because the second target replaced the symlink through which the first target's folder was reached.
     */
    @Test
    void aCopyThatWillNotGoAfterEveryRenameDoesNotFailTheCommit() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        Files.writeString(real.resolve("a.json"), "old a");
        List<AtomicFiles.Staged> staged = List.of(AtomicFiles.stage(link.resolve("a.json"), "new a".getBytes()),
                AtomicFiles.stage(link, "new link".getBytes()));

        List<String> said = io.quantmini.LogCapture.messages(AtomicFiles.class, () -> AtomicFiles.commitAll(staged));

        assertEquals("new a", Files.readString(real.resolve("a.json")));
        assertEquals("new link", Files.readString(link));
        assertEquals(1, said.size());
        String copy = link.resolve(".a.json" + AtomicFiles.TEMP_MARKER).toString();
        assertTrue(said.get(0).startsWith("committed, but cannot remove the copy of an earlier file kept during the"
                + " commit (left to the next sweep of its folder): " + copy), said.get(0));
        assertTrue(said.get(0).endsWith(": Not a directory"), said.get(0));
        assertEquals(1, AtomicFiles.sweepAbandonedTemps(real));
        try (Stream<Path> left = Files.list(real)) {
            assertEquals(List.of("a.json"), left.map(f -> f.getFileName().toString()).toList());
        }
    }

    /** A dead writer's temp and one of an unknown writer go; a live process's in-flight temp and real files stay. */
    @Test
    void abandonedTempsAreSweptAndLiveWritersTempsKept() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        long deadPid = ended.pid();
        long livePid = ProcessHandle.current().pid();
        Files.write(dir.resolve(".a.json" + AtomicFiles.TEMP_MARKER + deadPid + "-0f3c"), new byte[] {1});
        // an older version's name
        Files.write(dir.resolve(".b.json" + AtomicFiles.TEMP_MARKER + "1234"), new byte[] {2});
        Files.write(dir.resolve(".c.json" + AtomicFiles.TEMP_MARKER + "x-y"), new byte[] {3});
        Files.write(dir.resolve(".d.json" + AtomicFiles.TEMP_MARKER + livePid + "-9a1e"), new byte[] {4});
        Files.write(dir.resolve("e.json"), new byte[] {5});

        assertEquals(3, AtomicFiles.sweepAbandonedTemps(dir));
        assertEquals(List.of(".d.json" + AtomicFiles.TEMP_MARKER + livePid + "-9a1e", "e.json"), names());
        assertEquals(0, AtomicFiles.sweepAbandonedTemps(dir.resolve("missing")));
    }

    /**
     * A temp last written before its pid's live process started is a killed run's whose pid was reused (after a
     * reboot; a daemon that is always pid 1 in a container): swept, where it used to stay for good.
     */
    @Test
    void aTempOfAReusedPidIsSwept() throws Exception {
        long livePid = ProcessHandle.current().pid();
        Path old = dir.resolve(".f.parquet" + AtomicFiles.TEMP_MARKER + livePid + "-abcd");
        Files.write(old, new byte[] {6});
        java.time.Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(started.minusSeconds(60)));

        assertEquals(1, AtomicFiles.sweepAbandonedTemps(dir));
        assertEquals(List.of(), names());
    }

    /** A write's own failure names no file ("No space left on device"): it comes out naming the target. */
    @Test
    void aFailedWriteNamesItsTargetAndLeavesNoTemp() throws Exception {
        Path target = dir.resolve("2024-01-02.parquet");
        java.nio.file.FileSystemException e = failedWrite(target, temp -> new IOException("No space left on device"));
        assertEquals(target + ": No space left on device", e.getMessage());
        assertEquals(List.of(), names());
    }

    /**
     * A write that fails, then a temp that cannot be removed: the write's failure is the one reported, the removal's
     * added to it (found by the daemon fault-injection QA helper: a full disk was reported as the temp's unlink
     * error). Here the temp cannot be removed because the writer made it a folder holding a file.
     */
    @Test
    void aTempThatCannotBeRemovedDoesNotHideTheWritesFailure() throws Exception {
        Path target = dir.resolve("2024-01-02.parquet");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.stage(target, temp -> {
            Files.createDirectory(temp);
            Files.write(temp.resolve("x"), new byte[] {1});
            throw new IOException("No space left on device");
        }));
        assertEquals(target + ": No space left on device", e.getMessage());
        assertEquals(java.nio.file.DirectoryNotEmptyException.class, e.getCause().getSuppressed()[0].getClass());
    }

    /**
     * A temp this process could not remove is abandoned, not in flight: the next sweep of its folder removes it, in
     * the same process (the long-lived daemon kept such a temp, space a full disk needs back, until a restart).
     * While it will not go, a sweep warns once, and does not fail the run that sweeps.
     */
    @Test
    void aTempThisProcessCouldNotRemoveIsSweptOnceItCanBe() throws Exception {
        Path left = tempAFailedWriteCouldNotRemove(dir.resolve("2024-01-02.parquet"));
        List<String> said = io.quantmini.LogCapture.messages(AtomicFiles.class, () -> {
            assertEquals(0, AtomicFiles.sweepAbandonedTemps(dir));
            assertEquals(0, AtomicFiles.sweepAbandonedTemps(dir));
        });
        assertEquals(List.of("cannot remove a temp file an interrupted or failed write left (tried again at each run): "
                + left + ": a folder that is not empty"), said);
        assertTrue(Files.exists(left));

        Files.delete(left.resolve("x"));
        assertEquals(1, AtomicFiles.sweepAbandonedTemps(dir));
        assertEquals(List.of(), names());
    }

    /**
     * In a folder no run sweeps (gold's calendars and features), the next write there removes what an earlier failed
     * write of this process left (found by the review of the sweep's change).
     */
    @Test
    void theNextWriteInAFolderRemovesThisProcesssAbandonedTempThere() throws Exception {
        Path left = tempAFailedWriteCouldNotRemove(dir.resolve("day.txt"));
        Files.delete(left.resolve("x")); // the disk lets it go now
        AtomicFiles.write(dir.resolve("other.txt"), new byte[] {7});
        assertEquals(List.of("other.txt"), names());
    }

    /** A write of {@code target} fails, and its temp will not go (a folder in its place that is not empty). */
    private static Path tempAFailedWriteCouldNotRemove(Path target) {
        Path[] left = new Path[1];
        assertThrows(IOException.class, () -> AtomicFiles.stage(target, temp -> {
            left[0] = Files.createDirectory(temp);
            Files.write(temp.resolve("x"), new byte[] {1});
            throw new IOException("No space left on device");
        }));
        return left[0];
    }

    /** The disk refusing the hidden temp is reported as refusing the target, in words, and the temp is gone. */
    @Test
    void aRefusedTempIsReportedAsItsTarget() throws Exception {
        Path target = dir.resolve("2024-01-02.parquet");
        java.nio.file.FileSystemException e = failedWrite(target,
                temp -> new java.nio.file.AccessDeniedException(temp.toString()));
        assertEquals(target + ": permission denied", e.getMessage());
        assertEquals(target + ": permission denied", LakeWriteException.describe(e));
        assertEquals(List.of(), names());
    }

    /** What a write of {@code target} throws when, after a byte reached the temp, it fails with {@code failure}. */
    private static java.nio.file.FileSystemException failedWrite(
            Path target, java.util.function.Function<Path, IOException> failure) {
        return org.junit.jupiter.api.Assertions.assertThrows(java.nio.file.FileSystemException.class,
                () -> AtomicFiles.write(target, temp -> {
                    Files.write(temp, new byte[] {1});
                    throw failure.apply(temp);
                }));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new))
                    .stream().toList();
        }
    }
}
