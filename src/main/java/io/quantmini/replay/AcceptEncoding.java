package io.quantmini.replay;

import java.util.Locale;

/**
 * Whether a request's {@code Accept-Encoding} header (RFC 9110 §12.5.3) lets the server answer in gzip: {@code gzip}
 * or {@code x-gzip} listed with a weight above 0, or else {@code *} with a weight above 0. Polygon answers such a
 * request in gzip; our HTTP client sends one, as Polygon's own Python client and {@code curl --compressed} do.
 */
final class AcceptEncoding {

    private AcceptEncoding() {
    }

    static boolean allowsGzip(String header) {
        if (header == null) {
            return false;
        }
        Boolean wildcard = null;
        for (String item : header.split(",")) {
            String[] parts = item.split(";");
            String coding = parts[0].strip().toLowerCase(Locale.ROOT);
            boolean allowed = weight(parts) > 0;
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                return allowed;
            }
            if (coding.equals("*")) {
                wildcard = allowed;
            }
        }
        return Boolean.TRUE.equals(wildcard);
    }

    /** The item's {@code q} parameter; 1 if it has none, 0 if it is not a number. */
    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.regionMatches(true, 0, "q=", 0, 2)) {
                try {
                    return Double.parseDouble(parameter.substring(2).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
