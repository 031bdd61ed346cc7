package io.quantmini.config;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The Polygon API key. Its {@link #toString()} never shows the value, so the key cannot leak through a
 * log line, an exception message or a debugger dump of an object that holds it.
 */
public final class ApiKey {

    private static final ApiKey NONE = new ApiKey("");
    /** The placeholder of {@code config/credentials.yaml.example}: refused as a key, by name. */
    public static final String EXAMPLE = "your-polygon-api-key";
    /** Every key this process has read: {@link #maskAll} takes them out of any text that leaves it. */
    private static final Set<ApiKey> READ = ConcurrentHashMap.newKeySet();

    private final String value;
    /**
     * The key as a body may quote it: as it is; percent-encoded the ways encoders do (every character, or every one but
     * letters and digits, or all but RFC 3986's unreserved {@code - . _ ~} (and {@code /}), or as {@link URLEncoder}
     * does, hex in either case); JSON-escaped ({@code \/}), as a URL echoed back carries it; and every character a
     * JSON "backslash u" escape. Other mixes of escapes are not found in raw bytes: the messages and URLs read from a body
     * are masked again once decoded.
     */
    private final List<String> quotedForms;

    private ApiKey(String value) {
        this.value = value;
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        for (String hex : List.of("%%%02X", "%%%02x")) {
            forms.add(percentEncoded(value, hex, null));
            forms.add(percentEncoded(value, hex, ""));
            forms.add(percentEncoded(value, hex, "-._~"));
            forms.add(percentEncoded(value, hex, "-._~/")); // Python's quote()
        }
        forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        forms.addAll(forms.stream().map(form -> form.replace("/", "\\/")).toList());
        for (String hex : List.of("\\u%04X", "\\u%04x")) {
            forms.add(value.chars().mapToObj(c -> String.format(hex, c)).collect(Collectors.joining()));
        }
        this.quotedForms = List.copyOf(forms);
    }

    /** @param keptAsIs the characters besides letters and digits left as they are; null: none, not even those */
    private static String percentEncoded(String value, String byteFormat, String keptAsIs) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean plain = keptAsIs != null && c < 128 && (Character.isLetterOrDigit(c) || keptAsIs.indexOf(c) >= 0);
            encoded.append(plain ? String.valueOf(c) : String.format(byteFormat, b & 0xff));
        }
        return encoded.toString();
    }

    public static ApiKey of(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        ApiKey key = new ApiKey(value.strip());
        if (!key.value.equals(EXAMPLE)) { // not a secret: the error that refuses it names it
            READ.add(key);
        }
        return key;
    }

    /**
     * {@code text} with every key this process has read ({@code POLYGON_API_KEY}, {@code config/credentials.yaml})
     * replaced by {@link #REDACTED} ({@link #redactedFrom(String)}): for what leaves the process as text, log lines and
     * the command line's error lines, whatever put the key there (a server echoing it in a form the body's masking
     * cannot see, the same key also pasted into another setting).
     */
    public static String maskAll(String text) {
        String masked = text;
        for (ApiKey key : READ) {
            masked = key.redactedFrom(masked);
        }
        return masked;
    }

    public static ApiKey none() {
        return NONE;
    }

    public boolean isPresent() {
        return !value.isEmpty();
    }

    /** The secret itself: only the HTTP client's request interceptor should call this. */
    public String reveal() {
        return value;
    }

    /**
     * Polygon's keys are 32 characters. A key much shorter is refused for a real Polygon
     * ({@code QuantMiniConfig.requireApiKeyForBaseUrl}) and not masked in bodies: a string that short occurs in
     * market data (a ticker) and masking it there would rewrite the data.
     */
    public static final int MIN_LENGTH = 16;

    /** What stands in for the key wherever a response quoted it (Polygon's {@code next_url} can carry it). */
    public static final String REDACTED = "REDACTED";

    /**
     * {@code body} with every occurrence of the key (as it is, or percent-encoded) replaced by {@link #REDACTED}; the
     * same array when it holds none (the usual case: one pass over the bytes per form of the key) or the key is
     * shorter than {@link #MIN_LENGTH}. Keeps a landing capture free of the secret it was fetched with, and still
     * valid JSON (a key has no JSON-special characters, and the replacement has none either).
     */
    public byte[] redactedFrom(byte[] body) {
        if (value.length() < MIN_LENGTH) {
            return body; // no key, or not a real one (a replay test's): masking it could rewrite a ticker named alike
        }
        byte[] redacted = body;
        for (String form : quotedForms) {
            redacted = replaced(redacted, form.getBytes(StandardCharsets.UTF_8));
        }
        return redacted;
    }

    private static byte[] replaced(byte[] body, byte[] key) {
        int at = indexOf(body, key, 0);
        if (at < 0) {
            return body;
        }
        byte[] stand = REDACTED.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        int from = 0;
        for (; at >= 0; at = indexOf(body, key, from)) {
            out.write(body, from, at - from);
            out.write(stand, 0, stand.length);
            from = at + key.length;
        }
        out.write(body, from, body.length - from);
        return out.toByteArray();
    }

    /** {@code text} with every occurrence of the key replaced by {@link #REDACTED}, as {@link #redactedFrom(byte[])}. */
    public String redactedFrom(String text) {
        if (text == null || value.length() < MIN_LENGTH) {
            return text;
        }
        String redacted = text;
        for (String form : quotedForms) {
            redacted = redacted.replace(form, REDACTED);
        }
        return redacted;
    }

    /** Whether {@code text} holds the key in one of the forms {@link #redactedFrom(String)} replaces. */
    public boolean quotedIn(String text) {
        return text != null && value.length() >= MIN_LENGTH && quotedForms.stream().anyMatch(text::contains);
    }

    /**
     * Whether {@code text} holds the key as {@link #quotedIn} finds it, as it is or after up to four rounds of
     * percent-decoding: what a server sends back (a header, a URL) may encode the key any number of times, or in part.
     * A text whose escapes do not decode, or that still changes after four rounds, counts as quoting it.
     */
    public boolean quotedInDecoded(String text) {
        if (text == null || value.length() < MIN_LENGTH) {
            return false;
        }
        String decoded = text;
        for (int round = 0; round < 4; round++) {
            if (quotedIn(decoded)) {
                return true;
            }
            String next;
            try {
                next = java.net.URLDecoder.decode(decoded, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return true;
            }
            if (next.equals(decoded)) {
                return false;
            }
            decoded = next;
        }
        return true;
    }

    private static int indexOf(byte[] body, byte[] key, int from) {
        byte first = key[0];
        for (int i = from, last = body.length - key.length; i <= last; i++) {
            if (body[i] == first && Arrays.equals(body, i, i + key.length, key, 0, key.length)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKey key && key.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return isPresent() ? "ApiKey[****]" : "ApiKey[none]";
    }
}
