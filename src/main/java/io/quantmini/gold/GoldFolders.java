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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * nothing.
 *
 * <h2>The replaced generation stays a day</h2>
 * Qlib resolves its {@code provider_uri} to the real path when {@code qlib.init} runs, so a session opened before a
 * full build reads the generation it found: deleted at once, its reads would go empty (a missing {@code .bin} is
 * an empty series to Qlib). So the replaced generation keeps its folder and name for {@link #KEEP_REPLACED}, marked
 * with the time it was replaced ({@link #REPLACED_AT}, a file in it), and a later run's {@link #sweep} removes it
 * after that; the next swap removes it at once (one replaced generation at most: sessions two builds old lose theirs).
 * A removed generation is renamed {@code .qlib-trash-<id>} and deleted by a background thread; the JVM waits for that
 * deletion before it exits (a shutdown hook), and {@link #awaitCleanup} waits for it on demand.
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
 * {@code .qlib-gen-*} without a replaced mark (and the {@code .qlib-next-*}/{@code .qlib-old-*} of the former
 * two-rename swap) is left from a run that died, since no other run can be building, and is deleted.
 */
final class GoldFolders {

    private static final Logger LOG = LoggerFactory.getLogger(GoldFolders.class);

    private static final String BUILD = "build-";
    private static final String GEN = "gen-";
    private static final String TRASH = "trash-";
    private static final String LINK = "link-";
    private static final List<String> LEFTOVERS = List.of(BUILD, GEN, TRASH, LINK, "next-", "old-");

    /**
     * How long a trash folder stays on disk before its deletion starts. A reader that resolved a path through it just
     * before it was renamed still finds the file it is looking up (the rename keeps the directory it walks through;
     * only deleting its files would not): measured, 1 failed read in 4 runs of {@code GoldFoldersTest} when the
     * deletion started at once.
     */
    static final long GRACE_MILLIS = 1_000;

    /** How long a replaced generation stays for the Qlib sessions that resolved {@code gold/qlib} to it. */
    static final Duration KEEP_REPLACED = Duration.ofHours(24);

    /** The file in a replaced generation that holds when it was replaced (an ISO-8601 instant). */
    static final String REPLACED_AT = ".quantmini-replaced-at";

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
    private final Clock clock;

    GoldFolders(Path target) {
        this(target, Clock.systemUTC());
    }

    GoldFolders(Path target, Clock clock) {
        this.target = target.toAbsolutePath().normalize();
        this.parent = this.target.getParent();
        this.prefix = "." + this.target.getFileName() + "-";
        this.clock = clock;
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
     * Deletes what runs that died left beside {@code gold/qlib} (call under {@link #lock()}), and starts removing the
     * replaced generations whose day is over ({@link #KEEP_REPLACED}); folders this JVM is already deleting in the
     * background are left to that thread, and a replaced generation still in its day is kept. Returns how many
     * leftovers were removed.
     */
    int sweep() throws IOException {
        if (!Files.isDirectory(parent)) {
            return 0;
        }
        Path live = liveGeneration();
        List<Path> stale = new ArrayList<>();
        List<Path> dayOver = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, prefix + "*")) {
            for (Path entry : entries) {
                String rest = entry.getFileName().toString().substring(prefix.length());
                if (!LEFTOVERS.stream().anyMatch(rest::startsWith) || entry.equals(live)
                        || DELETING.containsKey(entry)) {
                    continue;
                }
                Instant replaced = rest.startsWith(GEN) ? replacedAt(entry) : null;
                if (replaced == null) {
                    stale.add(entry); // a generation never linked, or one replaced before generations were kept
                } else if (!clock.instant().isBefore(replaced.plus(KEEP_REPLACED))) {
                    dayOver.add(entry);
                }
            }
        }
        for (Path generation : dayOver) {
            retire(generation);
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

    /** What became of the gold a {@link #publish} replaced. */
    enum Replaced {
        /** There was none: the lake's first gold. */
        NOTHING("the lake's first gold"),
        /** A generation: kept a day ({@link #KEEP_REPLACED}) for the Qlib sessions pinned to it. */
        KEPT("the gold it replaced stays 24 hours, for the Qlib sessions that opened it; an older one is removed in"
                + " the background"),
        /** A plain directory from before links: renamed away and removed at once. */
        REMOVED("the gold it replaced, a plain folder an earlier version wrote, is removed now");

        final String said;

        Replaced(String said) {
            this.said = said;
        }
    }

    /**
     * Makes the complete build folder {@code gold/qlib}: renames it to a generation and flips the link; the previous
     * generation is kept a day, a plain directory removed in the background. Says which.
     */
    Replaced publish(Path build) throws IOException {
        String id = UUID.randomUUID().toString();
        Path generation = parent.resolve(prefix + GEN + id);
        Files.move(build, generation, StandardCopyOption.ATOMIC_MOVE);
        Path link = parent.resolve(prefix + LINK + id);
        Files.createSymbolicLink(link, generation.getFileName());
        Path previous = liveGeneration();
        if (Files.isSymbolicLink(target) || !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (previous != null && Files.isDirectory(previous, LinkOption.NOFOLLOW_LINKS)) {
                // kept a day for the Qlib sessions pinned to it, then removed by a later run's sweep; marked before
                // the flip, so that a run killed in between leaves it marked (a mark in a live generation is ignored)
                Files.writeString(previous.resolve(REPLACED_AT), clock.instant().toString());
            }
            Files.move(link, target, StandardCopyOption.ATOMIC_MOVE); // rename(2): the link is replaced at once
            retireReplacedBefore(previous);
            return previous == null ? Replaced.NOTHING : Replaced.KEPT;
        }
        // A plain directory from before links: the one swap with a gap (two renames).
        Path trash = parent.resolve(prefix + TRASH + id);
        Files.move(target, trash, StandardCopyOption.ATOMIC_MOVE);
        Files.move(link, target, StandardCopyOption.ATOMIC_MOVE);
        deleteInBackground(trash);
        return Replaced.REMOVED;
    }

    /** When a generation was replaced, or null if it was not (or its mark cannot be read). */
    private static Instant replacedAt(Path generation) {
        try {
            return Instant.parse(Files.readString(generation.resolve(REPLACED_AT)).strip());
        } catch (IOException | java.time.format.DateTimeParseException notReplaced) {
            return null;
        }
    }

    /** Retires every replaced generation but {@code kept}: at most one stays beside the live one. */
    private void retireReplacedBefore(Path kept) throws IOException {
        Path live = liveGeneration();
        List<Path> older = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, prefix + GEN + "*")) {
            for (Path entry : entries) {
                if (!entry.equals(kept) && !entry.equals(live) && replacedAt(entry) != null) {
                    older.add(entry);
                }
            }
        }
        for (Path generation : older) {
            retire(generation);
        }
    }

    /** A replaced generation whose day is over: renamed to trash at once (no session should use it), then deleted. */
    private void retire(Path generation) throws IOException {
        String id = generation.getFileName().toString().substring((prefix + GEN).length());
        Path trash = parent.resolve(prefix + TRASH + id);
        Files.move(generation, trash, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("removing {}, replaced by a full build (kept {} hours, or until the next one, for the Qlib sessions"
                + " that opened it)", generation.getFileName(), KEEP_REPLACED.toHours());
        deleteInBackground(trash);
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
