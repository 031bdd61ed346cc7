package io.quantmini.replay;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Map;

/** What identifies a request for replay: its decoded path and its query parameters in any order, no API key. */
record RequestKey(String path, Map<String, String> query) {

    RequestKey {
        Map<String, String> params = new HashMap<>(query);
        params.keySet().removeIf(name -> name.equalsIgnoreCase(QueryString.API_KEY));
        query = Map.copyOf(params);
    }

    /** A key for a recorded request, whose path may still be percent-encoded as it was sent. */
    static RequestKey recorded(String path, Map<String, String> query) {
        return new RequestKey(decodePath(path), query);
    }

    private static String decodePath(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        try {
            return new URI("http://replay" + path).getPath();
        } catch (URISyntaxException e) {
            return path;
        }
    }

    @Override
    public String toString() {
        if (query.isEmpty()) {
            return path;
        }
        return path + "?" + new java.util.TreeMap<>(query).entrySet().stream()
                .map(param -> param.getKey() + "=" + param.getValue())
                .collect(java.util.stream.Collectors.joining("&"));
    }
}
