package io.quantmini.replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Serves recorded Polygon responses: a landing folder written by our ingest (found through its
 * {@code _index.jsonl} files) or the captured fixtures (listed in their {@code INDEX.md}).
 * Requests match on path and query parameters in any order, the API key ignored. Bodies are served
 * byte for byte, except that {@code next_url} is pointed at the replay server so clients follow
 * pagination back to it. Anything not recorded gets Polygon's 404.
 */
public final class CapturedResponses implements PolygonResponder {

    private final Map<RequestKey, CapturedResponse> responses;
    private final String description;

    private CapturedResponses(Map<RequestKey, CapturedResponse> responses, String description) {
        this.responses = Map.copyOf(responses);
        this.description = description;
    }

    /**
     * @param dir a fixtures folder (holding {@code INDEX.md}), or a data root, its {@code landing/}
     *            folder or one dataset folder below it
     * @throws IllegalArgumentException if {@code dir} holds no recorded responses, or an index entry is
     *                                  malformed or names a missing file
     */
    public static CapturedResponses load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory");
        }
        boolean fixtures = Files.isRegularFile(dir.resolve(FixturesIndex.INDEX_FILE));
        Map<RequestKey, CapturedResponse> responses = fixtures ? FixturesIndex.read(dir) : LandingIndex.read(dir);
        if (responses.isEmpty()) {
            throw new IllegalArgumentException("no recorded responses in " + dir + ": expected "
                    + FixturesIndex.INDEX_FILE + " or landing " + LandingIndex.INDEX_FILE + " files");
        }
        String kind = fixtures ? "captured fixtures" : "landing folder";
        return new CapturedResponses(responses, kind + " " + dir + " (" + responses.size() + " responses)");
    }

    @Override
    public ReplayResponse respond(String path, Map<String, String> query, String baseUrl) {
        CapturedResponse response = responses.get(new RequestKey(path, query));
        return response == null ? ReplayResponse.notFound(path) : response.serve(baseUrl);
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
