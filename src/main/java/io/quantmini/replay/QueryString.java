package io.quantmini.replay;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's query string with the API key taken out: the decoded parameters for matching, and
 * the raw text (still encoded, original order) for the request log.
 */
record QueryString(Map<String, String> params, String rawWithoutKey) {

    static final String API_KEY = "apiKey";

    static QueryString parse(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        List<String> kept = new ArrayList<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                if (name.equalsIgnoreCase(API_KEY)) { // as the client drops it, however it is spelled
                    continue;
                }
                // given twice, the last value: as landing records the request (PolygonUrls.queryWithoutKey)
                params.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
                kept.add(pair);
            }
        }
        return new QueryString(Collections.unmodifiableMap(params), String.join("&", kept));
    }

    /** A malformed escape never gets here: the JDK's server answers such a request 400 itself. */
    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
