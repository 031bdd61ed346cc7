package io.quantmini.polygon;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.quantmini.lake.JsonErrors;

import java.io.IOException;

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

    /**
     * Every string of a JSON body (field names too) as decoded text, one per line; the body as UTF-8 text where it is
     * not complete JSON. For a check that escapes cannot get around (a key written as {@code \\u0041...}).
     */
    static String decodedStrings(byte[] body) {
        StringBuilder text = new StringBuilder();
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING) {
                    text.append(parser.getText()).append('\n');
                }
            }
            return text.toString();
        } catch (IOException notJson) {
            return text.append(new String(body, java.nio.charset.StandardCharsets.UTF_8)).toString();
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
        String text = new String(body, 0, Math.min(body.length, 200), java.nio.charset.StandardCharsets.UTF_8);
        return text.replaceAll("\\s+", " ").strip();
    }
}
