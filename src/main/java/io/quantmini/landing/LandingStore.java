package io.quantmini.landing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantmini.lake.AtomicFiles;
import io.quantmini.lake.LakeLayout;
import io.quantmini.lake.RunLock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Keeps every Polygon response body exactly as received (but for the API key, should a body quote it):
 * {@code landing/<dataset>/<date>/<request-id>.json}, plus one line per response in that folder's
 * {@code _index.jsonl} (method, path, query, status, received time, body hash). The request id is
 * derived from the request itself, so fetching the same page again replaces its file and its index line
 * instead of adding a second copy: a re-run leaves the same landing as a single run.
 *
 * <p>An answer that does not become the request's capture (another HTTP status, a body cut short, a Polygon error
 * status, a re-fetched body of a shape the dataset does not expect) lands beside it as
 * {@code <request-id>.failed.json}, with an index line that has its status and a {@code failure}: the request's last
 * failed answer, to look at and to replay. It goes once a capture of the request lands.
 *
 * <p>The index is rewritten whole (temp file and rename) when its lines have doubled since it was last written,
 * and when the page chain of its folder ends ({@link #closeIndex}): a chain of n pages writes O(n) index bytes, not
 * O(n²). A run killed in the middle of a chain leaves pages without their index lines; the day has no bronze file
 * then, so the next run fetches it again and writes them.
 */
public final class LandingStore {

    public static final String INDEX_FILE = "_index.jsonl";
    /**
     * Taken by every index write of a dataset, in {@code landing/<dataset>/} (an empty file, kept: removing a lock file
     * would race with its next holder).
     */
    static final String LOCK_FILE = ".index.lock";
    /**
     * The index lines of a re-fetched chain's pages (and the pages it retires), written before its pages replace the
     * earlier ones ({@link #commitAll}) and removed once the day's bronze is written from them
     * ({@link #bronzeWritten}): a run stopped in between leaves it, readers take from it the line of each page whose
     * new body is the one on disk ({@link InterruptedCommit}), and the planner fetches such a day again
     * ({@link #commitInterrupted}).
     */
    public static final String PENDING_FILE = "_index.pending.jsonl";
    /**
     * The headers of a failed answer its index line keeps, for a replay to send again: a 429's back-off, a redirect's
     * target, what the body is (a proxy's HTML error page is not JSON).
     */
    public static final List<String> REPLAYED_HEADERS = List.of("Retry-After", "Location", "Content-Type");

    /**
     * Whether a header value can be kept for a replay: printable ASCII (no control character that could end the
     * answer's head, nothing an HTTP server would send as another byte), at most 2,048 characters.
     */
    public static boolean replayableHeaderValue(String value) {
        return value.length() <= 2048 && value.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
    }
    /** The name of a request's last failed answer ends so: {@code <request-id>.failed.json}. */
    public static final String FAILED_SUFFIX = ".failed.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LakeLayout lake;
    /** The lock of each folder, in this JVM: every store shares them. */
    private static final Map<Path, FolderLock> FOLDER_LOCKS = new ConcurrentHashMap<>();
    /** The index of each folder whose chain is landing, by folder; guarded by the folder's lock. */
    private final Map<Path, FolderIndex> openIndexes = new ConcurrentHashMap<>();
    /** Index files written, for tests. */
    final AtomicInteger indexWrites = new AtomicInteger();
    /** Run between a re-fetch's renames and its index write: tests stop a run there. */
    Runnable afterRenames = () -> { };

    public LandingStore(LakeLayout lake) {
        this.lake = lake;
    }

    /** Stores a body; {@code query} must not hold the API key (the caller strips it). */
    public LandingPage save(String dataset, LocalDate date, String path, Map<String, String> query, int status,
                            byte[] body, Instant receivedAt) throws IOException {
        StagedPage staged = stage(dataset, date, path, query, status, body, receivedAt);
        staged.commit();
        closeIndex(dataset, date);
        return staged.page();
    }

    /** Writes the folder's pending index lines: its chain has ended. */
    public void closeIndex(String dataset, LocalDate date) throws IOException {
        Path folder = lake.landingDay(dataset, date);
        synchronized (lockOf(folder)) {
            FolderIndex index = openIndexes.remove(folder);
            if (index != null) {
                index.writeIfChanged();
            }
        }
    }

    private static FolderLock lockOf(Path folder) {
        return FOLDER_LOCKS.computeIfAbsent(folder.toAbsolutePath().normalize(), f -> new FolderLock());
    }

    /**
     * A folder's lock, with what a dropped page needs to know before it removes the folder: whether this process
     * created it, and how many threads are between creating it and having their temp file in it (removing it then
     * would pull it from under them: their write fails as if the disk had refused it, and the run stops).
     */
    private static final class FolderLock {
        /** Guarded by this lock. */
        private boolean createdHere;
        /** Guarded by this lock. */
        private int staging;
    }

    /**
     * Writes a body to landing under a temp name, so it is on disk before anyone parses it, without yet replacing
     * an earlier capture of the same request: {@link StagedPage#commit()} makes it the landing file and writes its
     * index line, {@link StagedPage#discard()} drops it (a body that turned out truncated).
     */
    public StagedPage stage(String dataset, LocalDate date, String path, Map<String, String> query, int status,
                            byte[] body, Instant receivedAt) throws IOException {
        Map<String, String> sortedQuery = new TreeMap<>(query);
        String requestId = requestId(path, sortedQuery);
        Path folder = lake.landingDay(dataset, date);
        Path file = folder.resolve(requestId + ".json");
        boolean replaces = Files.exists(file);
        FolderLock lock = lockOf(folder);
        synchronized (lock) {
            lock.createdHere |= !Files.isDirectory(folder);
            lock.staging++;
        }
        AtomicFiles.Staged staged;
        try {
            staged = AtomicFiles.stage(file, body); // from here the temp file keeps the folder
        } finally {
            synchronized (lock) {
                lock.staging--;
            }
        }
        ObjectNode entry = JSON.createObjectNode();
        entry.put("request_id", requestId);
        entry.put("file", file.getFileName().toString());
        entry.put("method", "GET");
        entry.put("path", path);
        entry.set("query", JSON.valueToTree(sortedQuery));
        entry.put("status", status);
        entry.put("received_at", receivedAt.toString());
        entry.put("sha256", sha256(body));
        return new StagedPage(new LandingPage(requestId, file, body, receivedAt), staged, entry, replaces);
    }

    /**
     * Lands an answer that is not a capture (an HTTP status other than 200) as the request's last failed answer;
     * returns where it is. Its index line is written when due or with the chain's ({@link #closeIndex}), with
     * {@code headers} (those of the answer a replay should send again, e.g. {@code Retry-After}) when there are any.
     * {@code query} and {@code headers} must not hold the API key, nor {@code body} quote it.
     */
    public Path saveFailed(String dataset, LocalDate date, String path, Map<String, String> query, int status,
                           Map<String, String> headers, byte[] body, Instant receivedAt, String failure)
            throws IOException {
        if (!REPLAYED_HEADERS.containsAll(headers.keySet())
                || !headers.values().stream().allMatch(LandingStore::replayableHeaderValue)) {
            throw new IllegalArgumentException("a failed answer keeps only the headers " + REPLAYED_HEADERS + ", as"
                    + " printable ASCII, not " + headers.keySet());
        }
        StagedPage staged = stage(dataset, date, path, query, status, body, receivedAt);
        if (!headers.isEmpty()) {
            staged.indexEntry.set("headers", JSON.valueToTree(new TreeMap<>(headers)));
        }
        return staged.keepAsFailed(failure);
    }

    /**
     * Held by every index write of a landing folder's dataset, a re-fetch's whole commit and {@link #bronzeWritten}:
     * one process at a time, one thread of it.
     */
    static RunLock datasetLock(Path landingDay) throws IOException {
        return RunLock.acquireQuietly(landingDay.resolveSibling(LOCK_FILE));
    }

    /**
     * Whether the pages of a day fetched again replaced the earlier ones in this landing folder and the day's bronze
     * was not written from them since (the run stopped, or the day failed): the day is to be fetched again.
     */
    public static boolean commitInterrupted(Path landingDay) {
        return Files.exists(landingDay.resolve(PENDING_FILE));
    }

    /**
     * Commits the whole chain of a request fetched again, all in one folder, as one ({@link AtomicFiles#commitAll}):
     * a rename failing half-way leaves the folder's earlier capture as it was, not a mix. Pages of the earlier chain
     * the new one no longer reaches (Polygon now pages it in fewer) go with their index lines, so that the folder
     * holds the request's chain as last fetched; found through the index lines' {@code next}, which lines written
     * before it was recorded do not have (their extra pages stay).
     */
    public void commitAll(List<StagedPage> pages) throws IOException {
        if (pages.isEmpty()) {
            return;
        }
        Path folder = pages.get(0).page().file().getParent();
        synchronized (lockOf(folder)) {
            FolderIndex index = openIndex(folder);
            try (RunLock held = datasetLock(folder)) {
                commitLocked(index, pages);
            }
        }
    }

    private void commitLocked(FolderIndex index, List<StagedPage> pages) throws IOException {
        Path folder = pages.get(0).page().file().getParent();
        Set<String> earlierChain = index.chainFrom(pages.get(0).page().file().getFileName().toString());
        Set<String> chain = pages.stream().map(page -> page.page().file().getFileName().toString())
                .collect(Collectors.toSet());
        Set<String> toRetire = new LinkedHashSet<>();
        for (String name : earlierChain) {
            if (!chain.contains(name) && !index.reachedFromOutside(name, earlierChain)) {
                toRetire.add(name);
                toRetire.add(failedBeside(folder.resolve(name)).getFileName().toString());
            }
        }
        List<String> lines = new ArrayList<>();
        for (StagedPage page : pages) {
            lines.add(page.indexLine());
        }
        index.writeAhead(lines, toRetire);
        for (StagedPage page : pages) {
            page.fileKey = page.file.fileKey();
        }
        try {
            AtomicFiles.commitAll(pages.stream().map(page -> page.file).toList());
        } catch (IOException | RuntimeException e) {
            index.abandonWriteAhead(e); // the renames were undone: the earlier pages are in place
            throw e;
        }
        afterRenames.run();
        for (StagedPage page : pages) {
            page.putIndexLine(index);
        }
        for (String name : toRetire) {
            index.retire(name);
        }
        index.writeLocked();
    }

    /** {@link #bronzeWritten(Path, List)} for each landing folder the pages are in. */
    public static void bronzeWritten(List<LandingPage> pages) throws IOException {
        Set<Path> folders = new LinkedHashSet<>();
        for (LandingPage page : pages) {
            if (page.file() != null && page.file().getParent() != null) {
                folders.add(page.file().getParent());
            }
        }
        for (Path folder : folders) {
            bronzeWritten(folder, pages);
        }
    }

    /**
     * The day's bronze file is written from these pages of a landing folder (or found unchanged): a re-fetch's
     * {@link #PENDING_FILE}, which told the planner to fetch the day again, has served its purpose if it names these
     * pages, and not if it is another run's (two runs fetching the day at once), which it leaves to that run.
     */
    public static void bronzeWritten(Path landingDay, List<LandingPage> pages) throws IOException {
        if (!Files.exists(landingDay.resolve(PENDING_FILE))) {
            return;
        }
        Map<String, String> bodies = new java.util.HashMap<>();
        for (LandingPage page : pages) {
            if (page.file() != null && landingDay.equals(page.file().getParent())) {
                bodies.put(page.file().getFileName().toString(), sha256(page.body()));
            }
        }
        synchronized (lockOf(landingDay)) {
            try (RunLock held = datasetLock(landingDay)) {
                if (InterruptedCommit.onlyPagesOf(landingDay, bodies)) {
                    Files.deleteIfExists(landingDay.resolve(PENDING_FILE));
                }
            }
        }
    }

    /** A body written to landing under a temp name; see {@link #stage}. */
    public final class StagedPage {
        private final LandingPage page;
        private final AtomicFiles.Staged file;
        private final ObjectNode indexEntry;
        private final boolean replaces;
        /** The file's identity, taken before it is renamed in: see {@link FolderIndex#put}. */
        private Object fileKey;

        private StagedPage(LandingPage page, AtomicFiles.Staged file, ObjectNode indexEntry, boolean replaces) {
            this.page = page;
            this.file = file;
            this.indexEntry = indexEntry;
            this.replaces = replaces;
        }

        /**
         * Records the request id of the page after it in its chain (its {@code next_url}'s), as its index line's
         * {@code next}; null: none.
         */
        public void precedes(String nextRequestId) {
            if (nextRequestId != null) {
                indexEntry.put("next", nextRequestId);
            }
        }

        /** Whether committing it replaces an earlier capture of the same request (the day is fetched again). */
        public boolean replacesCapture() {
            return replaces;
        }

        /** The page as it will be once committed (its {@code file} is the final landing path). */
        public LandingPage page() {
            return page;
        }

        public void commit() throws IOException {
            synchronized (lockOf(page.file().getParent())) {
                fileKey = file.fileKey();
                file.commit();
                indexCommitted();
            }
        }

        /**
         * Its index line, once its file is in; under the folder's lock. The request's last failed answer
         * ({@link #keepAsFailed}) has served its purpose and goes.
         */
        private void indexCommitted() throws IOException {
            FolderIndex index = openIndex(page.file().getParent());
            putIndexLine(index);
            index.writeIfDue();
        }

        private void putIndexLine(FolderIndex index) throws IOException {
            index.put(page.file().getFileName().toString(), indexLine(), fileKey);
            index.retire(failedBeside(page.file()).getFileName().toString());
        }

        private String indexLine() throws IOException {
            return JSON.writeValueAsString(indexEntry);
        }

        /**
         * Keeps the body as the request's last failed answer ({@code <request-id>.failed.json}, replacing an earlier
         * one) instead of its capture, which stays as it was: {@code failure} says why it is not one. Returns where
         * it is.
         */
        public Path keepAsFailed(String failure) throws IOException {
            Path kept = failedBeside(page.file());
            ObjectNode entry = indexEntry.deepCopy();
            entry.put("file", kept.getFileName().toString());
            entry.put("failure", failure);
            synchronized (lockOf(kept.getParent())) {
                Object keptKey = file.fileKey();
                file.commitAs(kept);
                FolderIndex index = openIndex(kept.getParent());
                index.put(kept.getFileName().toString(), JSON.writeValueAsString(entry), keptKey);
                index.writeIfDue();
            }
            return kept;
        }

        /**
         * Drops the body; a day folder this process created is removed again if nothing landed in it and no other
         * thread is staging a page into it.
         */
        public void discard() throws IOException {
            file.discard();
            FolderLock lock = lockOf(page.file().getParent());
            synchronized (lock) {
                if (lock.createdHere && lock.staging == 0) {
                    try {
                        lock.createdHere = !Files.deleteIfExists(page.file().getParent());
                    } catch (java.nio.file.DirectoryNotEmptyException otherPagesLanded) {
                        // another page of the day is there: the folder stays
                    }
                }
            }
        }
    }

    /** The folder's index, read when a chain first lands in it; under the folder's lock. */
    private FolderIndex openIndex(Path folder) throws IOException {
        FolderIndex index = openIndexes.get(folder);
        if (index == null) {
            index = new FolderIndex(folder, indexWrites);
            openIndexes.put(folder, index);
        }
        return index;
    }

    static Path failedBeside(Path landingFile) {
        String name = landingFile.getFileName().toString();
        return landingFile.resolveSibling(name.substring(0, name.length() - ".json".length()) + FAILED_SUFFIX);
    }

    /**
     * A stable name for a request: the same path and query always give the same id, and different ones different ids.
     * Keys and values have their {@code %}, {@code &} and {@code =} escaped, so that {@code search=AT&type=CS} as one
     * value does not read as two parameters (it did, and one capture replaced the other); ids of queries without
     * those characters are the ones earlier versions gave.
     */
    public static String requestId(String path, Map<String, String> query) {
        StringBuilder canonical = new StringBuilder(path);
        new TreeMap<>(query).forEach((k, v) -> canonical.append('&').append(escaped(k)).append('=').append(escaped(v)));
        return sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 24);
    }

    private static String escaped(String text) {
        return text.replace("%", "%25").replace("&", "%26").replace("=", "%3D");
    }

    /** The SHA-256 of a file's bytes, or "" when it is not there. */
    static String sha256Of(Path file) throws IOException {
        return Files.isRegularFile(file) ? sha256(Files.readAllBytes(file)) : "";
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
