package io.quantmini.lake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every file in the lake is written to a hidden temp name in its final folder, then renamed over the
 * target. A reader sees the old file or the new one, never half of one. Temp names start with '.',
 * which Parquet readers and hive-style scanners skip. A temp name also carries the writing process's id
 * ({@code .<name>.tmp-<pid>-<uuid>}), so that {@link #sweepAbandonedTemps} removes what a killed run left behind
 * without touching the in-flight temps of a run still going (the daemon's scheduled ingest while an operator runs
 * {@code data ingest} over the same months, say). A write that fails in a live process deletes its own temp.
 */
public final class AtomicFiles {

    public static final String TEMP_MARKER = ".tmp-";
    private static final long PID = ProcessHandle.current().pid();
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    /**
     * This process's temps that a failed write could not remove, by name (the uuid makes it unique): abandoned though
     * their writer runs on, so the next sweep of their folder removes them. Without this, the long-lived daemon kept
     * such a temp (space a full disk needs back) until a restart, and for good in a folder no later run sweeps.
     */
    private static final Set<String> ABANDONED = ConcurrentHashMap.newKeySet();

    /** Temps a sweep could not remove, by name: warned of once per process. */
    private static final Set<String> UNREMOVABLE = ConcurrentHashMap.newKeySet();

    @FunctionalInterface
    public interface TempWriter {
        void writeTo(Path temp) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path target, TempWriter writer) throws IOException {
        stage(target, writer).commit();
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, temp -> writeBytes(temp, bytes));
    }

    /**
     * Writes {@code bytes} under a temp name beside {@code target} and leaves the decision to the caller:
     * {@link Staged#commit()} renames it over the target, {@link Staged#discard()} removes it and the target keeps
     * whatever it held before.
     */
    public static Staged stage(Path target, byte[] bytes) throws IOException {
        return stage(target, temp -> writeBytes(temp, bytes));
    }

    /** Bytes larger than {@link DirectWriteStream}'s buffer go through it (direct I/O); smaller ones in one write. */
    private static void writeBytes(Path file, byte[] bytes) throws IOException {
        if (bytes.length <= DirectWriteStream.BUFFER_BYTES) {
            Files.write(file, bytes);
            return;
        }
        try (DirectWriteStream out = DirectWriteStream.create(file)) {
            out.write(bytes);
        }
    }

    /** As {@link #stage(Path, byte[])}, the temp written by {@code writer}. */
    public static Staged stage(Path target, TempWriter writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        removeAbandonedIn(dir);
        Path temp = tempBeside(target.toAbsolutePath());
        try {
            try {
                writer.writeTo(temp);
            } catch (Throwable failed) {
                // The temp goes, but a failure to remove it must not replace the failure that matters (a full disk
                // would be reported as the temp's unlink error): it is added to it, and the next sweep removes it.
                deleteAfterFailure(temp, failed);
                throw failed;
            }
        } catch (FileSystemException e) {
            // The disk refusing the temp ("permission denied") is a refusal of the target: the temp is a hidden name
            // the user never asked for, gone once this returns.
            if (!temp.toString().equals(e.getFile())) {
                throw NamedIOException.of(target, e); // another file as it is named; one naming none, the target
            }
            FileSystemException named = new FileSystemException(target.toString(), e.getOtherFile(),
                    LakeWriteException.reason(e));
            named.initCause(e);
            throw named;
        } catch (IOException e) {
            // A write's own failure ("No space left on device") names no file: the message names the target.
            throw NamedIOException.of(target, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // The JDK's native calls can throw their own checked exception undeclared (sun.nio.fs.UnixException from
            // the close after setting a file's time): the disk's refusal of the target all the same.
            throw NamedIOException.of(target, new IOException(e.getMessage(), e));
        }
        return new Staged(temp, target);
    }

    /**
     * Commits staged files as one: every target about to be replaced is first copied to a temp name, so that a rename
     * failing half-way gives the targets already replaced their former content back, and the rest are discarded; the
     * copies go once all are in. (Copies, not hard links: a link keeps the old file's time, and a sweep by another
     * process would take it for a killed run's temp while the commit still needs it.) A run killed in between leaves
     * the copies as temps, which a sweep removes; one killed between two renames leaves a mix, which only a failure
     * within the process is rolled back from.
     */
    public static void commitAll(List<Staged> files) throws IOException {
        List<Path> backups = new ArrayList<>();
        try {
            for (Staged file : files) {
                backups.add(Files.isRegularFile(file.target) ? backUp(file.target) : null);
            }
        } catch (IOException e) {
            deleteAll(backups, e);
            discardAll(files, e);
            throw e;
        }
        int committed = 0;
        try {
            for (; committed < files.size(); committed++) {
                files.get(committed).commit();
            }
        } catch (IOException | RuntimeException e) {
            for (int i = 0; i < committed; i++) {
                try {
                    if (backups.get(i) != null) {
                        move(backups.get(i), files.get(i).target);
                    } else {
                        Files.deleteIfExists(files.get(i).target);
                    }
                } catch (IOException restore) {
                    // the copy is the earlier content's last one: kept (a sweep would take it), and named
                    e.addSuppressed(new IOException(backups.get(i) == null ? "could not remove "
                            + files.get(i).target + ", which this commit added" : "could not put back "
                            + files.get(i).target + "; its earlier content is in " + backups.get(i), restore));
                    backups.set(i, null);
                }
            }
            discardAll(files.subList(committed, files.size()), e);
            deleteAll(backups, e);
            throw e;
        }
        removeCopiesOfACommit(backups);
    }

    /**
     * Removes the copies once every target is in. One that will not go fails nothing: the commit stands (a caller
     * told otherwise would take its renames for undone), and the copy is left to the next sweep of its folder.
     */
    private static void removeCopiesOfACommit(List<Path> backups) {
        for (Path backup : backups) {
            try {
                if (backup != null) {
                    removeTemp(backup);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("committed, but cannot remove the copy of an earlier file kept during the commit (left to the"
                        + " next sweep of its folder): {}", e instanceof IOException io
                        ? LakeWriteException.describe(NamedIOException.of(backup, io)) : backup + ": " + e);
            }
        }
    }

    private static Path backUp(Path target) throws IOException {
        return Files.copy(target, tempBeside(target));
    }

    /** A fresh temp name in {@code target}'s folder: hidden, and naming this process ({@link #sweepAbandonedTemps}). */
    private static Path tempBeside(Path target) {
        return target.resolveSibling("." + target.getFileName() + TEMP_MARKER + PID + "-" + UUID.randomUUID());
    }

    /** Discards every staged file, adding a failure to {@code failure}. */
    private static void discardAll(List<Staged> files, Exception failure) {
        for (Staged file : files) {
            try {
                file.discard();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** Deletes what is there after {@code failure}; a failure to delete one is added to it. */
    private static void deleteAll(List<Path> files, Exception failure) {
        for (Path file : files) {
            try {
                if (file != null) {
                    removeTemp(file);
                }
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** A file written under a temp name, waiting to replace its target or to be thrown away. */
    public static final class Staged {
        private final Path temp;
        private final Path target;

        private Staged(Path temp, Path target) {
            this.temp = temp;
            this.target = target;
        }

        /** The file as written, under its temp name: to read before deciding. */
        public Path temp() {
            return temp;
        }

        /**
         * The file system's identity of the file (on Unix its device and inode), which the rename keeps: whether the
         * target is still this file later, or another process's since. Null where the file system has none.
         */
        public Object fileKey() throws IOException {
            return Files.readAttributes(temp, BasicFileAttributes.class).fileKey();
        }

        public void commit() throws IOException {
            commitAs(target);
        }

        public void discard() throws IOException {
            removeTemp(temp);
        }

        /** Renames it to {@code other} instead of its target, which stays as it was. */
        public void commitAs(Path other) throws IOException {
            try {
                move(temp, other);
            } catch (IOException | RuntimeException failed) {
                deleteAfterFailure(temp, failed);
                throw failed;
            }
        }
    }

    /** Removes a temp after {@code failure}; a failure to remove it is added to that one instead of replacing it. */
    private static void deleteAfterFailure(Path temp, Throwable failure) {
        try {
            removeTemp(temp);
        } catch (IOException | RuntimeException alsoFailed) {
            failure.addSuppressed(alsoFailed);
        }
    }

    /** Removes one of this process's temps; one that will not go is left to the next sweep of its folder. */
    private static void removeTemp(Path temp) throws IOException {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException | RuntimeException e) {
            ABANDONED.add(temp.getFileName().toString());
            throw e;
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Deletes the temp files in {@code dir} (not recursive) whose writing process is no longer running on this
     * machine, those of an unknown writer (a name without a process id, or one that does not parse), and this
     * process's own that a failed write could not remove. Live processes' temps in flight stay: deleting one would
     * pull a file from under another run's rename. A temp that will not go is warned of once, and left: the run's own
     * writes do not depend on it. Returns how many were deleted.
     */
    public static int sweepAbandonedTemps(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ".*" + TEMP_MARKER + "*")) {
            for (Path entry : entries) {
                if (!writerIsRunning(entry) && removeAbandoned(entry)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /**
     * Removes this process's abandoned temps in {@code dir}, if any: a write into a folder that no run sweeps (gold's)
     * takes away what an earlier failed write there left. A name lookup per abandoned temp, no listing.
     */
    private static void removeAbandonedIn(Path dir) {
        for (String name : ABANDONED) {
            Path temp = dir.resolve(name);
            if (Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) {
                removeAbandoned(temp);
            }
        }
    }

    private static boolean removeAbandoned(Path temp) {
        String name = temp.getFileName().toString();
        try {
            boolean removed = Files.deleteIfExists(temp);
            ABANDONED.remove(name);
            UNREMOVABLE.remove(name);
            return removed;
        } catch (IOException e) {
            if (UNREMOVABLE.add(name)) {
                LOG.warn("cannot remove a temp file an interrupted or failed write left (tried again at each run): {}",
                        LakeWriteException.describe(NamedIOException.of(temp, e)));
            }
            return false;
        }
    }

    /**
     * Whether the process named in a temp file's name may still be writing it: alive, and started before the file was
     * last written. A process that started after that holds a reused pid (after a reboot; a daemon that is always pid 1
     * in a container), and the temp is a killed run's.
     */
    private static boolean writerIsRunning(Path temp) {
        String tempName = temp.getFileName().toString();
        if (ABANDONED.contains(tempName)) {
            return false;
        }
        String owner = tempName.substring(tempName.lastIndexOf(TEMP_MARKER) + TEMP_MARKER.length());
        int dash = owner.indexOf('-');
        if (dash <= 0) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(owner.substring(0, dash));
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return false;
        }
        Optional<Instant> started = process.get().info().startInstant();
        try {
            // a second of slack: process start times are reported to the clock tick
            return started.isEmpty()
                    || !started.get().isAfter(Files.getLastModifiedTime(temp).toInstant().plusSeconds(1));
        } catch (IOException gone) {
            return true; // its writer just renamed or removed it
        }
    }
}
