package io.quantmini.replay;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the {@link ReplayServer} sends for one request.
 *
 * @param status         HTTP status
 * @param headers        response headers (Content-Length is always set from the body)
 * @param body           the body, sent byte for byte
 * @param delayMillis    wait this long before answering (for client timeout tests)
 * @param dropConnection close the connection without sending anything (the client sees no response)
 */
public record ReplayResponse(int status, Map<String, String> headers, byte[] body, long delayMillis,
                             boolean dropConnection) {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    public ReplayResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delayMillis must not be negative: " + delayMillis);
        }
    }

    public static ReplayResponse json(int status, byte[] body) {
        return new ReplayResponse(status, JSON, body, 0, false);
    }

    public static ReplayResponse ok(byte[] body) {
        return json(200, body);
    }

    /** Polygon's answer to a request it has no data for. */
    public static ReplayResponse notFound(String path) {
        String requestId = RequestIds.of("not-found", path, Map.of());
        return json(404, ("{\"status\":\"NOT_FOUND\",\"request_id\":\"" + requestId
                + "\",\"message\":\"Data not found.\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** A 200 with an empty Polygon result list, sent after {@code millis}. */
    public static ReplayResponse delayed(long millis) {
        String requestId = RequestIds.of("delayed", Long.toString(millis), Map.of());
        return ok(("{\"results\":[],\"status\":\"OK\",\"request_id\":\"" + requestId + "\",\"count\":0}")
                .getBytes(StandardCharsets.UTF_8)).withDelay(millis);
    }

    /** No response at all: the connection is closed as soon as the request is read. */
    public static ReplayResponse drop() {
        return new ReplayResponse(0, Map.of(), new byte[0], 0, true);
    }

    /** This response with one more header. */
    public ReplayResponse withHeader(String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new ReplayResponse(status, more, body, delayMillis, dropConnection);
    }

    /** This response, sent after {@code millis}. */
    public ReplayResponse withDelay(long millis) {
        return new ReplayResponse(status, headers, body, millis, dropConnection);
    }
}
