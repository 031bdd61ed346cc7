package io.quantmini.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the landing index files ({@code landing/<dataset>/<day>/_index.jsonl}), one JSON object per
 * captured response: request_id, file, method, path, query, status, received_at, sha256.
 * When the same request was captured more than once, the latest {@code received_at} wins.
 */
final class LandingIndex {

    static final String INDEX_FILE = "_index.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LandingIndex() {
    }

    /** {@code dir} may be the data root, its landing folder or any folder below it. */
    static Map<RequestKey, CapturedResponse> read(Path dir) {
        Path searchRoot = Files.isDirectory(dir.resolve("landing")) ? dir.resolve("landing") : dir;
        Map<RequestKey, CapturedResponse> responses = new HashMap<>();
        for (Path index : indexFiles(searchRoot)) {
            readIndex(index, responses);
        }
        return responses;
    }

    private static List<Path> indexFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().equals(INDEX_FILE) && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot search " + root + " for " + INDEX_FILE, e);
        }
    }

    private static void readIndex(Path index, Map<RequestKey, CapturedResponse> responses) {
        List<String> lines;
        try {
            lines = Files.readAllLines(index, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read landing index " + index, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                addEntry(index, JSON.readTree(lines.get(i)), responses);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(index + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
    }

    private static void addEntry(Path index, JsonNode entry, Map<RequestKey, CapturedResponse> responses) {
        String method = entry.path("method").asText("GET");
        if (!method.equalsIgnoreCase("GET")) {
            return; // Polygon's REST API is read-only; nothing else can be asked of the replay server
        }
        Path file = index.resolveSibling(required(entry, "file"));
        if (!Files.isRegularFile(file)) {
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
                entry.path("sha256").asText(null), entry.path("received_at").asText(null));
        responses.merge(RequestKey.recorded(path, query), response,
                (earlier, later) -> later.receivedAt().compareTo(earlier.receivedAt()) >= 0 ? later : earlier);
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
