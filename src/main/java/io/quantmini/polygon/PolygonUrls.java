package io.quantmini.polygon;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds request URLs from a route's path template and reads their query back, always without a key. */
public final class PolygonUrls {

    private PolygonUrls() {
    }

    /**
     * The request of one day: {@code baseUrl + pathTemplate + "?" + query} (e.g.
     * {@code /v2/aggs/grouped/locale/us/market/stocks/{date}} and {@code adjusted=true}) with {@code {date}} replaced,
     * and each {@code {name}} of {@code vars}, encoded as a path segment in the path and as a value in the query (a
     * ticker such as {@code TEST/WS} stays one segment).
     */
    public static URI forDay(URI baseUrl, String pathTemplate, String query, LocalDate date, Map<String, String> vars) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        String path = pathTemplate.replace("{date}", date.toString());
        String q = query == null || query.isBlank() ? "" : query.replace("{date}", date.toString());
        for (Map.Entry<String, String> var : vars.entrySet()) {
            String placeholder = "{" + var.getKey() + "}";
            path = path.replace(placeholder, pathSegment(var.getValue()));
            q = q.replace(placeholder, URLEncoder.encode(var.getValue(), StandardCharsets.UTF_8));
        }
        return URI.create(base + path + (q.isEmpty() ? "" : "?" + q));
    }

    /**
     * {@code value} as one path segment: percent-encoded, and a value of dots only ({@code .}, {@code ..}) with its
     * dots escaped too, which a proxy or server would otherwise resolve as the current or parent folder:
     * {@code /v2/aggs/ticker/../range/...} is {@code /v2/aggs/range/...} to them.
     */
    static String pathSegment(String value) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        return !value.isEmpty() && value.chars().allMatch(c -> c == '.') ? encoded.replace(".", "%2E") : encoded;
    }

    /** The query parameters, decoded, with any {@code apiKey} removed. */
    public static Map<String, String> queryWithoutKey(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!name.equalsIgnoreCase("apiKey")) {
                query.put(name, value);
            }
        }
        return query;
    }

    /**
     * {@code next_url} as Polygon sent it, minus an {@code apiKey} parameter should one ever appear in it, however its
     * name is percent-encoded ({@code api%4Bey}).
     */
    public static URI withoutKey(URI uri) {
        String raw = uri.getRawQuery();
        if (raw == null) {
            return uri;
        }
        StringBuilder kept = new StringBuilder();
        boolean dropped = false;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            boolean isKey = decode(eq < 0 ? pair : pair.substring(0, eq)).equalsIgnoreCase("apiKey");
            dropped |= isKey;
            if (!isKey && !pair.isEmpty()) {
                kept.append(kept.length() == 0 ? "" : "&").append(pair);
            }
        }
        if (!dropped) {
            return uri;
        }
        String text = uri.toString();
        String withoutQuery = text.substring(0, text.indexOf('?'));
        return URI.create(kept.length() == 0 ? withoutQuery : withoutQuery + "?" + kept);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** {@code url} with its percent-escapes decoded, as the landing index shows its parts; as it is if malformed. */
    static String decoded(String url) {
        try {
            return decode(url);
        } catch (IllegalArgumentException malformed) {
            return url;
        }
    }
}
