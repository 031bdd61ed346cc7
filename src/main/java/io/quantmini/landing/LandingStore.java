package io.quantmini.landing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantmini.lake.AtomicFiles;
import io.quantmini.lake.LakeLayout;

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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps every Polygon response body exactly as received:
 * {@code landing/<dataset>/<date>/<request-id>.json}, plus one line per response in that folder's
 * {@code _index.jsonl} (method, path, query, status, received time, body hash). The request id is
 * derived from the request itself, so fetching the same page again replaces its file and its index line
 * instead of adding a second copy: a re-run leaves the same landing as a single run.
 */
public final class LandingStore {

    public static final String INDEX_FILE = "_index.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LakeLayout lake;
    private final Map<Path, Object> folderLocks = new ConcurrentHashMap<>();

    public LandingStore(LakeLayout lake) {
        this.lake = lake;
    }

    /** Stores a body; {@code query} must not hold the API key (the caller strips it). */
    public LandingPage save(String dataset, LocalDate date, String path, Map<String, String> query, int status,
                            byte[] body, Instant receivedAt) throws IOException {
        StagedPage staged = stage(dataset, date, path, query, status, body, receivedAt);
        staged.commit();
        return staged.page();
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
        boolean newFolder = !Files.isDirectory(folder);
        AtomicFiles.Staged staged = AtomicFiles.stage(file, body);
        ObjectNode entry = JSON.createObjectNode();
        entry.put("request_id", requestId);
        entry.put("file", file.getFileName().toString());
        entry.put("method", "GET");
        entry.put("path", path);
        entry.set("query", JSON.valueToTree(sortedQuery));
        entry.put("status", status);
        entry.put("received_at", receivedAt.toString());
        entry.put("sha256", sha256(body));
        return new StagedPage(new LandingPage(requestId, file, body), staged, JSON.writeValueAsString(entry), newFolder);
    }

    /** A body written to landing under a temp name; see {@link #stage}. */
    public final class StagedPage {
        private final LandingPage page;
        private final AtomicFiles.Staged file;
        private final String indexLine;
        private final boolean newFolder;

        private StagedPage(LandingPage page, AtomicFiles.Staged file, String indexLine, boolean newFolder) {
            this.page = page;
            this.file = file;
            this.indexLine = indexLine;
            this.newFolder = newFolder;
        }

        /** The page as it will be once committed (its {@code file} is the final landing path). */
        public LandingPage page() {
            return page;
        }

        public void commit() throws IOException {
            Path folder = page.file().getParent();
            synchronized (folderLocks.computeIfAbsent(folder, f -> new Object())) {
                file.commit();
                replaceIndexEntry(folder.resolve(INDEX_FILE), page.requestId(), indexLine);
            }
        }

        /** Drops the body; a day folder this page created is removed again if nothing else landed in it. */
        public void discard() throws IOException {
            file.discard();
            if (newFolder) {
                try {
                    Files.deleteIfExists(page.file().getParent());
                } catch (java.nio.file.DirectoryNotEmptyException otherPagesLanded) {
                    // another page of the day is there: the folder stays
                }
            }
        }
    }

    private static void replaceIndexEntry(Path index, String requestId, String line) throws IOException {
        List<String> lines = new ArrayList<>();
        if (Files.exists(index)) {
            String marker = "\"request_id\":\"" + requestId + "\"";
            for (String existing : Files.readAllLines(index, StandardCharsets.UTF_8)) {
                if (!existing.isBlank() && !existing.contains(marker)) {
                    lines.add(existing);
                }
            }
        }
        lines.add(line);
        AtomicFiles.write(index, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A stable name for a request: the same path and query always give the same id. */
    public static String requestId(String path, Map<String, String> query) {
        StringBuilder canonical = new StringBuilder(path);
        new TreeMap<>(query).forEach((k, v) -> canonical.append('&').append(k).append('=').append(v));
        return sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 24);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
