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
     * JSON "backslash u" escape. Other mixes of escapes are not found in raw bytes: the messages and URLs read from a
     * body are masked again once decoded.
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

    /**
     * {@code text} with every occurrence of the key replaced by {@link #REDACTED}, as {@link #redactedFrom(byte[])}.
     */
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

    /** The shortest run of the key's characters that {@link #echoedIn} looks for. */
    static final int ECHO_RUN = 8;

    /**
     * Whether {@code text}, something a server sent back (a header, a URL), holds {@value #ECHO_RUN} or more
     * consecutive characters of the key, in any case: as it is, after up to four rounds of percent-decoding (until a
     * round changes nothing or does not decode), or with {@code \}{@code uXXXX} escapes and HTML character references
     * decoded. Stricter than {@link #quotedIn}, which finds the whole key in the forms a body carries it: such a text
     * is shown or kept only when this is false, whatever part of the key, however encoded, a server put there.
     */
    public boolean echoedIn(String text) {
        if (text == null || value.length() < MIN_LENGTH) {
            return false;
        }
        List<String> forms = new java.util.ArrayList<>(List.of(text, unescaped(text)));
        String decoded = text;
        for (int round = 0; round < 4; round++) {
            String next;
            try {
                next = java.net.URLDecoder.decode(decoded, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                break;
            }
            if (next.equals(decoded)) {
                break;
            }
            decoded = next;
            forms.add(decoded);
            forms.add(unescaped(decoded));
        }
        String key = value.toLowerCase(java.util.Locale.ROOT);
        for (String form : forms) {
            String lower = form.toLowerCase(java.util.Locale.ROOT);
            for (int at = 0; at + ECHO_RUN <= key.length(); at++) {
                if (lower.contains(key.substring(at, at + ECHO_RUN))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern ESCAPE = java.util.regex.Pattern.compile(
            "\\\\u([0-9a-fA-F]{4})|&#[xX]([0-9a-fA-F]{1,6});|&#([0-9]{1,7});");

    /** {@code text} with JSON/Java {@code \}{@code uXXXX} escapes and numeric HTML character references decoded. */
    private static String unescaped(String text) {
        java.util.regex.Matcher escape = ESCAPE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (escape.find()) {
            int code = escape.group(1) != null ? Integer.parseInt(escape.group(1), 16)
                    : escape.group(2) != null ? Integer.parseInt(escape.group(2), 16)
                    : Integer.parseInt(escape.group(3));
            String replacement = Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : "?";
            escape.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        escape.appendTail(out);
        return out.toString();
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
