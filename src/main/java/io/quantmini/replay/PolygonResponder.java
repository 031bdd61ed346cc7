package io.quantmini.replay;

import java.util.Map;

/** Answers one request made to the {@link ReplayServer}, as Polygon would. */
@FunctionalInterface
public interface PolygonResponder {

    /**
     * @param path    the decoded request path, e.g. {@code /v2/aggs/grouped/locale/us/market/stocks/2024-01-02}
     * @param query   the decoded query parameters, {@code apiKey} removed
     * @param baseUrl {@code http://127.0.0.1:<port>} of the serving server, for rewriting {@code next_url}
     */
    ReplayResponse respond(String path, Map<String, String> query, String baseUrl);
}
