package io.quantmini.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantmini.landing.InterruptedCommit;
import io.quantmini.landing.LandingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the landing index files ({@code landing/<dataset>/<day>/_index.jsonl}), one JSON object per
 * captured response: request_id, file, method, path, query, status, received_at, sha256.
 * When the same request was captured more than once, the latest {@code received_at} wins (compared as instants), but a
 * capture always wins over a failed answer (a line with a {@code failure}: see {@code LandingStore}), whose replay
 * would fail a day that bronze holds from the capture. A request with only a failed answer gets it, status and all.
 * Every body is checked against its recorded SHA-256 when the index is read, and bodies no index line names are
 * reported (they are not served).
 */
final class LandingIndex {

    static final String INDEX_FILE = LandingStore.INDEX_FILE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(LandingIndex.class);

    private LandingIndex() {
    }

    /**
     * @param dir    the data root, its landing folder or any folder below it
     * @param listed bodies another index already serves (a fixtures folder's {@code INDEX.md}): no index line of
     *               ours names them, and none is missing
     */
    static Map<RequestKey, CapturedResponse> read(Path dir, Set<Path> listed) {
        Map<RequestKey, Answer> answers = new HashMap<>();
        Path searchRoot = Files.isDirectory(dir.resolve("landing")) ? dir.resolve("landing") : dir;
        List<Path> files = filesUnder(searchRoot);
        Set<Path> indexed = new HashSet<>(listed);
        for (Path index : files) {
            if (index.getFileName().toString().equals(INDEX_FILE)) {
                readIndex(index, answers, indexed);
            }
        }
        // a failed answer whose request has since landed, if the run stopped between index and delete, is no capture
        List<Path> unindexed = files.stream().filter(f -> f.getFileName().toString().endsWith(".json"))
                .filter(f -> !f.getFileName().toString().endsWith(LandingStore.FAILED_SUFFIX))
                .filter(f -> !indexed.contains(f.normalize())).toList();
        if (!unindexed.isEmpty()) {
            LOG.warn("{} captured bodies under {} have no index line and are not served (a capture killed before"
                    + " indexing them, or a missing {}{}): {}{}", unindexed.size(), searchRoot, INDEX_FILE,
                    listed.isEmpty() ? "" : " or INDEX.md row",
                    unindexed.subList(0, Math.min(5, unindexed.size())), unindexed.size() > 5 ? " ..." : "");
        }
        Map<RequestKey, CapturedResponse> responses = new HashMap<>();
        answers.forEach((request, answer) -> responses.put(request, answer.response()));
        return responses;
    }

    /** Every regular file below {@code root}, through symbolic links (a capture folder is often a link). */
    private static List<Path> filesUnder(Path root) {
        try (Stream<Path> files = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("Cannot search " + root + " for " + INDEX_FILE,
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
    }

    private static void readIndex(Path index, Map<RequestKey, Answer> responses, Set<Path> indexed) {
        List<String> lines;
        try {
            lines = Files.readAllLines(index, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read landing index " + index, e);
        }
        Map<String, JsonNode> entries = new LinkedHashMap<>(); // by file: the last line of each wins, as it does
        Map<String, String> texts = new HashMap<>();
        Map<String, String> where = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                JsonNode entry = JSON.readTree(lines.get(i));
                String file = entry.path("file").asText("");
                String key = file.isEmpty() ? "line " + (i + 1) : file;
                entries.remove(key);
                entries.put(key, entry);
                texts.put(key, lines.get(i));
                where.put(key, "line " + (i + 1));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // the original message: the full one adds a second line quoting where Jackson read from
                throw new IllegalArgumentException(index + " line " + (i + 1) + ": not JSON: "
                        + e.getOriginalMessage(), e);
            }
        }
        InterruptedCommit interrupted = interruptedCommit(index, texts);
        for (Map.Entry<String, String> newer : interrupted.newerLines().entrySet()) {
            entries.remove(newer.getKey());
            entries.put(newer.getKey(), readTree(newer.getValue()));
            where.put(newer.getKey(), "(its line in " + LandingStore.PENDING_FILE + ")");
        }
        for (Map.Entry<String, JsonNode> entry : entries.entrySet()) {
            if (interrupted.retired().contains(entry.getKey())) {
                indexed.add(index.resolveSibling(entry.getKey()).normalize()); // goes at the next run's index write
                continue;
            }
            try {
                indexed.add(addEntry(index, entry.getValue(), responses).normalize());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(index + " " + where.get(entry.getKey()) + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * What a re-fetch's commit wrote ahead and its day's bronze has not yet taken ({@link InterruptedCommit}): each
     * page whose new body is on disk is served with its new line, a page it retires is not.
     */
    private static InterruptedCommit interruptedCommit(Path index, Map<String, String> lines) {
        try {
            InterruptedCommit interrupted = InterruptedCommit.read(index.getParent(), lines);
            if (!interrupted.newerLines().isEmpty()) {
                LOG.warn("{}: this day's pages were replaced but its bronze file not written from them (a run stopped,"
                        + " or the day failed); fetch the day again (quantmini data ingest, which does so even with"
                        + " --incremental)", index.getParent());
            }
            return interrupted;
        } catch (IOException e) { // written whole or not at all (a temp and a rename): not one of ours
            LOG.warn("{} is unreadable, left out: {}", index.resolveSibling(LandingStore.PENDING_FILE), e.getMessage());
            return new InterruptedCommit(Map.of(), Set.of());
        }
    }

    private static JsonNode readTree(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds one index line's response; returns its body file. */
    private static Path addEntry(Path index, JsonNode entry, Map<RequestKey, Answer> responses) {
        Path file = FolderEntry.resolve(index.getParent(), required(entry, "file"));
        String method = entry.path("method").asText("GET");
        if (!method.equalsIgnoreCase("GET")) {
            return file; // Polygon's REST API is read-only; nothing else can be asked of the replay server
        }
        boolean failed = entry.hasNonNull("failure");
        if (!Files.isRegularFile(file)) {
            if (failed) {
                LOG.warn("{}: the failed answer {} is gone (another run's capture of the request retired it): not"
                        + " served", index, file.getFileName());
                return file;
            }
            throw new IllegalArgumentException("response file " + file + " does not exist");
        }
        String path = required(entry, "path");
        Map<String, String> query = query(entry.path("query"));
        int queryStart = path.indexOf('?');
        if (queryStart >= 0) {
            query.putAll(QueryString.parse(path.substring(queryStart + 1)).params());
            path = path.substring(0, queryStart);
        }
        JsonNode status = entry.get("status");
        if (status == null || !status.canConvertToInt()) {
            throw new IllegalArgumentException("'status' is missing or not a number");
        }
        CapturedResponse response = new CapturedResponse(file, status.asInt(),
                entry.path("sha256").asText(null), receivedAt(entry.path("received_at").asText(null)),
                headers(entry.path("headers")));
        try {
            response.verify(); // a body changed since capture is named now, not answered later with a retryable 500
        } catch (IllegalStateException changed) {
            if (!failed) {
                throw new IllegalStateException(changed.getMessage() + " (changed after it was indexed: by hand, or by"
                        + " a run stopped while it landed the day fetched again; fetch that day again with `quantmini"
                        + " data ingest` without --incremental)", changed);
            }
            // each retry replaces a request's failed answer, then its line: a run stopped between the two leaves this
            LOG.warn("{}: not served, {}", index, changed.getMessage());
            return file;
        }
        responses.merge(RequestKey.recorded(path, query), new Answer(response, failed), LandingIndex::served);
        return file;
    }

    /**
     * A line's {@code headers} that a replay sends again ({@link LandingStore#REPLAYED_HEADERS}: a failed answer's
     * {@code Retry-After}, {@code Location}, {@code Content-Type}, names in any case); a value must be printable ASCII
     * ({@link LandingStore#replayableHeaderValue}), since a hand-edited index could hold anything, and other names are
     * left out (the server sets the body's own headers).
     */
    private static Map<String, String> headers(JsonNode headers) {
        if (headers.isMissingNode() || headers.isNull()) {
            return Map.of();
        }
        if (!headers.isObject()) {
            throw new IllegalArgumentException("'headers' is not an object of header names and values");
        }
        Map<String, String> served = new java.util.TreeMap<>();
        headers.fields().forEachRemaining(header -> {
            String name = LandingStore.REPLAYED_HEADERS.stream().filter(header.getKey()::equalsIgnoreCase).findFirst()
                    .orElse(null);
            if (name == null) {
                return;
            }
            JsonNode value = header.getValue();
            if (!value.isTextual() || !LandingStore.replayableHeaderValue(value.asText())) {
                throw new IllegalArgumentException("'headers' has " + header.getKey() + " " + value + ", not printable"
                        + " ASCII text");
            }
            served.put(name, value.asText());
        });
        return served;
    }

    /** One index line's response, and whether it is a failed answer rather than a capture. */
    record Answer(CapturedResponse response, boolean failed) {
    }

    /** Which of two answers to one request the replay serves. */
    private static Answer served(Answer one, Answer other) {
        if (one.failed() != other.failed()) {
            return one.failed() ? other : one;
        }
        return orOldest(other.response().receivedAt()).compareTo(orOldest(one.response().receivedAt())) >= 0
                ? other : one;
    }

    /** An unknown time counts as the oldest when two answers compete. */
    private static Instant orOldest(Instant receivedAt) {
        return receivedAt == null ? Instant.MIN : receivedAt;
    }

    /**
     * An ISO-8601 instant, with 'Z' or an offset; null when the line has none: the answer is then served without a
     * time, as an {@code INDEX.md} row is (a 1970 placeholder would make a lake ingested from it take every split as
     * later than its bars).
     */
    private static Instant receivedAt(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'received_at' is not an ISO-8601 instant: '" + text + "'");
        }
    }

    private static Map<String, String> query(JsonNode query) {
        Map<String, String> params = new HashMap<>();
        if (query.isObject()) {
            query.fields().forEachRemaining(field -> params.put(field.getKey(), field.getValue().asText()));
        } else if (query.isTextual()) {
            String text = query.asText();
            params.putAll(QueryString.parse(text.startsWith("?") ? text.substring(1) : text).params());
        } else if (!query.isMissingNode() && !query.isNull()) {
            throw new IllegalArgumentException("'query' must be an object or a string");
        }
        return params;
    }

    private static String required(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return value.asText();
    }
}
