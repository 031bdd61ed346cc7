package io.quantmini.lake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One run at a time of a stage over a part of the lake, across threads and processes (the daemon's stage and an
 * operator's command): a lock on a hidden lock file, held from the run's start to its end. A second run waits for
 * the first, then finds its work done ({@link #acquire}), or is refused at once ({@link #tryAcquire}: one daemon per
 * lake). The operating system releases the file lock of a killed process.
 */
public final class RunLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);
    /** A JVM holds a file lock once: threads of one process queue here first. */
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final ReentrantLock jvm;
    /** Its file lock goes with it. */
    private final FileChannel channel;

    private RunLock(ReentrantLock jvm, FileChannel channel) {
        this.jvm = jvm;
        this.channel = channel;
    }

    /** Blocks until this run holds {@code lockFile} (created if missing), logging once if it has to wait. */
    public static RunLock acquire(Path lockFile, String what) throws IOException {
        return lock(lockFile, what, true);
    }

    /** As {@link #acquire}, without a word when it waits: for a lock held moments at a time (an index write). */
    public static RunLock acquireQuietly(Path lockFile) throws IOException {
        return lock(lockFile, null, true);
    }

    /**
     * This run's hold on {@code lockFile} (created if missing) if no other run holds it, else null: for what must not
     * run twice at all (two daemons on one lake), rather than wait its turn.
     */
    public static RunLock tryAcquire(Path lockFile) throws IOException {
        return lock(lockFile, null, false);
    }

    /**
     * The lock in this process, then in the file; a run that will not wait gets null where either is held.
     *
     * <p>The process's lock is keyed by the file's real path (its folder's links resolved), and a thread asking again
     * for a lock it holds is refused: a second channel on a file this process has locked cannot lock it, and closing
     * that channel would release the process's lock on the file (POSIX), which the first holder still counts on.
     */
    private static RunLock lock(Path lockFile, String what, boolean wait) throws IOException {
        Path spelled = lockFile.toAbsolutePath().normalize();
        Files.createDirectories(spelled.getParent());
        Path key = spelled.getParent().toRealPath().resolve(spelled.getFileName());
        ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
        if (jvm.isHeldByCurrentThread()) {
            throw new IllegalStateException(key + " is already held by this thread: a run lock is not re-entrant");
        }
        if (!jvm.tryLock()) {
            if (!wait) {
                return null;
            }
            if (what != null) {
                LOG.info("{}: waiting for the run already going in this process to finish", what);
            }
            jvm.lock();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.tryLock() == null) {
                if (!wait) {
                    channel.close();
                    jvm.unlock();
                    return null;
                }
                if (what != null) {
                    LOG.info("{}: waiting for the run another process is making to finish ({})", what, key);
                }
                channel.lock();
            }
            return new RunLock(jvm, channel);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            jvm.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close(); // releases the file lock, even where an explicit release would fail
        } finally {
            jvm.unlock();
        }
    }
}
