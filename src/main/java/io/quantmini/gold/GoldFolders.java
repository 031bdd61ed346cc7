package io.quantmini.gold;

import io.quantmini.lake.FileTrees;
import io.quantmini.lake.RunLock;
import io.quantmini.text.Seconds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The folders next to {@code gold/qlib} and how a full build replaces it without {@code gold/qlib} ever
 * being absent.
 *
 * <h2>Layout</h2>
 * {@code gold/qlib} is a symbolic link to a generation folder beside it, {@code gold/.qlib-gen-<id>}. A full
 * build writes {@code gold/.qlib-build-<id>} (private: no reader knows the name, so files are written in
 * place), renames it to {@code .qlib-gen-<id>} once complete, and {@link #publish flips} the link: a new
 * link {@code .qlib-link-<id>} is renamed over {@code qlib}. {@code rename(2)} replaces the link
 * atomically, so a reader resolving {@code gold/qlib/...} finds the old generation or the new one, never
 * nothing. The previous generation is renamed {@code .qlib-trash-<id>} and deleted by a background thread
 * after a {@link #GRACE_MILLIS grace period}; the JVM waits for that deletion before it exits (a shutdown hook), and
 * {@link #awaitCleanup} waits for it on demand.
 *
 * <p>Why a link: with plain directories POSIX has no gap-free swap. {@code rename(2)} moves a directory
 * onto another only if that one is empty, so replacing a full {@code gold/qlib} takes two renames
 * ({@code qlib -> trash}, then {@code build -> qlib}) with {@code gold/qlib} absent between them (Linux's
 * {@code renameat2(RENAME_EXCHANGE)} would do it in one, but is not POSIX and not reachable from Java 17).
 * That gap remains exactly once: when a {@code gold/qlib} that is still a plain directory (written before
 * this layout) is replaced by the first link. Tools that do not follow a link given as their argument
 * ({@code find gold/qlib}, {@code du gold/qlib}, {@code rsync} without {@code -L}) see the link: use
 * {@code gold/qlib/}. A {@code gold/qlib} link that points anywhere other than one of our generation folders
 * is replaced but its target is never deleted.
 *
 * <h2>Crashes and concurrent runs</h2>
 * A run holds {@link #lock()} (a JVM lock and a {@code gold/.qlib.lock} file lock) from start to swap, and
 * first {@link #sweep}s: every {@code .qlib-build-*}, {@code .qlib-trash-*}, {@code .qlib-link-*}, unlinked
 * {@code .qlib-gen-*} (and the {@code .qlib-next-*}/{@code .qlib-old-*} of the former two-rename swap)
 * is left from a run that died, since no other run can be building, and is deleted.
 */
final class GoldFolders {

    private static final Logger LOG = LoggerFactory.getLogger(GoldFolders.class);

    private static final String BUILD = "build-";
    private static final String GEN = "gen-";
    private static final String TRASH = "trash-";
    private static final String LINK = "link-";
    private static final List<String> LEFTOVERS = List.of(BUILD, GEN, TRASH, LINK, "next-", "old-");

    /**
     * How long a replaced generation stays on disk before its deletion starts. A reader that resolved
     * {@code gold/qlib} to it just before the flip still finds the file it is looking up (the rename to trash keeps
     * the directory it walks through; only deleting its files would not): measured, 1 failed read in 4 runs of
     * {@code GoldFoldersTest} when the deletion started at once.
     */
    static final long GRACE_MILLIS = 1_000;

    /** Trash folders being deleted by this JVM, with the thread doing it. */
    private static final Map<Path, Thread> DELETING = new ConcurrentHashMap<>();

    /**
     * The process waits at exit for a background deletion to finish while it makes progress (a large generation takes
     * minutes on a slow disk: left to the next run, its removal would be that run's, in the foreground). A deletion
     * that has removed nothing for this long (a hung disk) is left: the process exits, and the next gold run's
     * {@link #sweep} removes what is left.
     */
    static final long STALLED_MILLIS = 60_000;

    /** Files the background deletions have removed: what the exit wait watches. */
    private static final AtomicLong REMOVED = new AtomicLong();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> awaitCleanup(STALLED_MILLIS), "gold-trash-await"));
    }

    private final Path target;
    private final Path parent;
    private final String prefix;

    GoldFolders(Path target) {
        this.target = target.toAbsolutePath().normalize();
        this.parent = this.target.getParent();
        this.prefix = "." + this.target.getFileName() + "-";
    }

    /** Held for a whole run; released by close. */
    RunLock lock() throws IOException {
        return RunLock.acquire(parent.resolve("." + target.getFileName() + ".lock"), "gold");
    }

    /** A fresh private build folder's path (not created). */
    Path newBuild() {
        return parent.resolve(prefix + BUILD + UUID.randomUUID());
    }

    /**
     * Deletes what runs that died left beside {@code gold/qlib} (call under {@link #lock()}); folders this
     * JVM is already deleting in the background are left to that thread. Returns how many were removed.
     */
    int sweep() throws IOException {
        if (!Files.isDirectory(parent)) {
            return 0;
        }
        Path live = liveGeneration();
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, prefix + "*")) {
            for (Path entry : entries) {
                String rest = entry.getFileName().toString().substring(prefix.length());
                if (LEFTOVERS.stream().anyMatch(rest::startsWith) && !entry.equals(live)
                        && !DELETING.containsKey(entry)) {
                    stale.add(entry);
                }
            }
        }
        for (Path entry : stale) {
            // a trash folder may also be one another process is still deleting in the background: both deleters
            // skip what the other removed first (FileTrees.delete)
            LOG.info("removing {}, left by a gold run that did not finish or still being removed by another process",
                    entry);
            FileTrees.delete(entry);
        }
        return stale.size();
    }

    /**
     * Makes the complete build folder {@code gold/qlib}: renames it to a generation, flips the link, and
     * hands the previous generation to a background deletion. Returns the new generation folder.
     */
    Path publish(Path build) throws IOException {
        String id = UUID.randomUUID().toString();
        Path generation = parent.resolve(prefix + GEN + id);
        Files.move(build, generation, StandardCopyOption.ATOMIC_MOVE);
        Path link = parent.resolve(prefix + LINK + id);
        Files.createSymbolicLink(link, generation.getFileName());
        Path previous = liveGeneration();
        // The trash takes the replaced generation's id, so that the log line of its removal names the one removed.
        String previousName = previous == null ? "" : previous.getFileName().toString();
        Path trash = parent.resolve(prefix + TRASH
                + (previousName.startsWith(prefix + GEN) ? previousName.substring((prefix + GEN).length()) : id));
        if (Files.isSymbolicLink(target) || !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(link, target, StandardCopyOption.ATOMIC_MOVE); // rename(2): the link is replaced at once
            if (previous != null && Files.isDirectory(previous, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(previous, trash, StandardCopyOption.ATOMIC_MOVE);
                deleteInBackground(trash);
            }
        } else {
            // A plain directory from before links: the one swap with a gap (two renames).
            Files.move(target, trash, StandardCopyOption.ATOMIC_MOVE);
            Files.move(link, target, StandardCopyOption.ATOMIC_MOVE);
            deleteInBackground(trash);
        }
        return generation;
    }

    /** The generation folder {@code gold/qlib} links to, or null (no link, or a link to something not ours). */
    Path liveGeneration() throws IOException {
        if (!Files.isSymbolicLink(target)) {
            return null;
        }
        Path to = parent.resolve(Files.readSymbolicLink(target)).normalize();
        boolean ours = parent.equals(to.getParent()) && to.getFileName().toString().startsWith(prefix + GEN);
        return ours ? to : null;
    }

    /** Waits until every background deletion this JVM started has finished. */
    static void awaitCleanup() {
        awaitCleanup(0);
    }

    /** As {@link #awaitCleanup()}, giving up once no file has been removed for {@code stalledMillis} (0: never). */
    static void awaitCleanup(long stalledMillis) {
        DELETING.values().removeIf(thread -> !thread.isAlive()); // a thread that ended without its finally
        boolean interrupted = false;
        long removed = REMOVED.get();
        long lastProgress = System.nanoTime();
        for (Thread thread : List.copyOf(DELETING.values())) {
            while (thread.isAlive()) {
                if (REMOVED.get() != removed) {
                    removed = REMOVED.get();
                    lastProgress = System.nanoTime();
                } else if (stalledMillis != 0 && System.nanoTime() - lastProgress >= stalledMillis * 1_000_000L) {
                    LOG.warn("exiting while {} is still being removed: nothing removed for {} s (the next gold run"
                            + " removes the rest)", DELETING.keySet(), stalledMillis / 1000);
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
                try {
                    thread.join(1_000);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A background deletion of {@code trash} by {@code thread}, which the exit wait waits for. */
    static void track(Path trash, Thread thread) {
        DELETING.put(trash, thread);
    }

    private static void deleteInBackground(Path trash) {
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(GRACE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // delete at once
            }
            long t0 = System.nanoTime();
            try {
                FileTrees.delete(trash, REMOVED::incrementAndGet);
                LOG.info("previous gold {} removed in {} s", trash.getFileName(),
                        Seconds.since(t0));
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not remove {} (the next gold run retries): {}", trash, e.toString());
            } finally {
                DELETING.remove(trash);
            }
        }, "gold-trash");
        thread.setDaemon(true); // the shutdown hook waits for it while it makes progress (STALLED_MILLIS)
        track(trash, thread);
        thread.start();
    }
}
