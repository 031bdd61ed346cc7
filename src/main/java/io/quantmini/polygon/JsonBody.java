package io.quantmini.polygon;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.quantmini.lake.JsonErrors;

import java.io.IOException;
import java.util.List;

/**
 * One streaming pass over an error response's body: picks out Polygon's {@code status} and {@code message}
 * (or {@code error}) when the body is one complete JSON object. Data pages are read by the chain's
 * {@link PageReader} instead, which decodes their records in the same pass.
 */
public final class JsonBody {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonBody() {
    }

    /** @throws IOException when the bytes are not exactly one complete JSON object */
    static PageHeader scan(byte[] body) throws IOException {
        PageHeader.Builder header = new PageHeader.Builder();
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("body is not a JSON object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    header.field(field, parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw new IOException("body ends before the JSON object is complete");
            }
            if (parser.nextToken() != null) {
                throw new IOException("unexpected content after the JSON object");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("body is not complete JSON: " + JsonErrors.withoutSource(e), e);
        }
        return header.build();
    }

    private static final java.util.regex.Pattern UNICODE_ESCAPE = java.util.regex.Pattern.compile(
            "\\\\u([0-9a-fA-F]{4})");
    private static final java.util.regex.Pattern PERCENT_ESCAPE = java.util.regex.Pattern.compile("%([0-9a-fA-F]{2})");

    /**
     * A body as text with its escapes undone, however far it is JSON: every {@code \\uXXXX} as its character (then
     * every {@code %XX} too, in a second text), for a check that no mix of escapes gets around (a key written half as
     * {@code \\u0041...}, half percent-encoded, in a body cut short). Undoing one that was not an escape can only make
     * the check say yes more often.
     */
    static List<String> unescapedTexts(byte[] body) {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        String unicode = UNICODE_ESCAPE.matcher(text)
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                        String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        String percent = PERCENT_ESCAPE.matcher(unicode)
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                        String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        return List.of(unicode, percent);
    }

    /** Whether an error body is Polygon's JSON with a message of its own (not just a status such as "ERROR"). */
    static boolean hasMessage(byte[] body) {
        try {
            return scan(body).message() != null;
        } catch (IOException notJson) {
            return false;
        }
    }

    /** Polygon's own words for an error body, or a short excerpt when the body is not Polygon's JSON. */
    static String polygonMessage(byte[] body) {
        try {
            PageHeader scanned = scan(body);
            if (scanned.status() != null || scanned.message() != null) {
                return scanned.message() == null ? scanned.status()
                        : scanned.status() == null ? scanned.message() : scanned.status() + ": " + scanned.message();
            }
        } catch (IOException notJson) {
            // fall through to the excerpt
        }
        String text = new String(body, 0, excerptEnd(body, 200), java.nio.charset.StandardCharsets.UTF_8);
        return text.replaceAll("\\s+", " ").strip();
    }

    /** Where an excerpt of at most {@code limit} bytes ends without cutting a UTF-8 character in two. */
    private static int excerptEnd(byte[] body, int limit) {
        int end = Math.min(body.length, limit);
        while (end > 0 && end < body.length && (body[end] & 0xC0) == 0x80) { // a continuation byte: back to its lead
            end--;
        }
        return end;
    }
}
