package io.quantmini.replay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Serves recorded Polygon responses: a landing folder written by our ingest (found through its
 * {@code _index.jsonl} files) or the captured fixtures (listed in their {@code INDEX.md}), with any landing
 * {@code _index.jsonl} written by hand beside them (the way to replay a 429 or a 500 next to captured 200s).
 * Requests match on path and query parameters in any order, the API key ignored. Bodies are served
 * byte for byte, except that {@code next_url} is pointed at the replay server so clients follow
 * pagination back to it. Anything not recorded gets Polygon's 404.
 */
public final class CapturedResponses implements PolygonResponder {

    private static final Logger LOG = LoggerFactory.getLogger(CapturedResponses.class);

    private final Map<RequestKey, CapturedResponse> responses;
    private final String description;

    private CapturedResponses(Map<RequestKey, CapturedResponse> responses, String description) {
        this.responses = Map.copyOf(responses);
        this.description = description;
    }

    /**
     * @param dir a fixtures folder (holding {@code INDEX.md}, and possibly landing {@code _index.jsonl} files below it,
     *            written by hand for answers other than 200), or a data root, its {@code landing/} folder or one
     *            dataset folder below it
     * @throws IllegalArgumentException if {@code dir} holds no recorded responses, an index entry is malformed or
     *                                  names a missing file, or both kinds of index list the same request
     */
    public static CapturedResponses load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory");
        }
        boolean fixtures = Files.isRegularFile(dir.resolve(FixturesIndex.INDEX_FILE));
        Map<RequestKey, CapturedResponse> responses = new HashMap<>(fixtures ? FixturesIndex.read(dir) : Map.of());
        Set<Path> listed = new HashSet<>();
        responses.values().forEach(response -> listed.add(response.file().normalize()));
        Map<RequestKey, CapturedResponse> landing = LandingIndex.read(dir, listed);
        for (Map.Entry<RequestKey, CapturedResponse> answer : landing.entrySet()) {
            CapturedResponse inIndexMd = responses.putIfAbsent(answer.getKey(), answer.getValue());
            if (inIndexMd != null) {
                throw new IllegalArgumentException(dir + ": " + answer.getKey() + " is answered twice, by "
                        + inIndexMd.file() + " (" + FixturesIndex.INDEX_FILE + ") and by " + answer.getValue().file()
                        + " (" + LandingIndex.INDEX_FILE + "): keep one");
            }
        }
        if (responses.isEmpty()) {
            throw new IllegalArgumentException("no recorded responses in " + dir + ": expected "
                    + FixturesIndex.INDEX_FILE + " or landing " + LandingIndex.INDEX_FILE + " files");
        }
        String kind = !fixtures ? "landing folder" : landing.isEmpty() ? "captured fixtures"
                : "captured fixtures and landing captures";
        return new CapturedResponses(responses, kind + " " + dir + " (" + responses.size() + " responses)");
    }

    @Override
    public ReplayResponse respond(String path, Map<String, String> query, String baseUrl) {
        RequestKey key = new RequestKey(path, query);
        CapturedResponse response = responses.get(key);
        if (response == null) {
            // the tester's cue: a capture lacks a request the client now sends (a new query parameter, a date)
            LOG.warn("not recorded: GET {}, answered with Polygon's 404 ({})", key, description);
            return ReplayResponse.notFound(path);
        }
        return response.serve(baseUrl);
    }

    public int size() {
        return responses.size();
    }

    /** e.g. {@code landing folder /data/landing (250 responses)}. */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}
