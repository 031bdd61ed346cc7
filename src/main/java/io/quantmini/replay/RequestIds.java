package io.quantmini.replay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Polygon-style request ids (32 lowercase hex digits), derived from the request so that the same
 * request always gets the same id: replayed responses stay byte-identical run after run.
 */
final class RequestIds {

    private RequestIds() {
    }

    static String of(String salt, String path, Map<String, String> query) {
        StringBuilder text = new StringBuilder(salt).append('\n').append(path);
        new TreeMap<>(query).forEach((k, v) -> text.append('\n').append(k).append('=').append(v));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
