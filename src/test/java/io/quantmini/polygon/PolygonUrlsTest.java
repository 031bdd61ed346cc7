package io.quantmini.polygon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query a landing index line records, and the next_url a chain follows: never with an API key in them. */
class PolygonUrlsTest {

    @Test
    void theRecordedQueryIsDecodedInOrderWithoutTheKeyHoweverItIsSpelled() {
        URI uri = URI.create("https://api.polygon.io/v3/x?cursor=a%20b&apiKey=k1&&flag&API%4Bey=k2&limit=5&APIKEY=k3");
        assertEquals(Map.of("cursor", "a b", "flag", "", "limit", "5"), PolygonUrls.queryWithoutKey(uri));
        assertEquals(java.util.List.of("cursor", "flag", "limit"),
                java.util.List.copyOf(PolygonUrls.queryWithoutKey(uri).keySet()), "in the request's order");
        assertEquals(Map.of(), PolygonUrls.queryWithoutKey(URI.create("https://api.polygon.io/v2/x")));
        assertEquals(Map.of(), PolygonUrls.queryWithoutKey(URI.create("https://api.polygon.io/v2/x?")));
        assertEquals(Map.of("a", "=b"), PolygonUrls.queryWithoutKey(URI.create("https://h/x?a==b")));
    }

    /** A ticker is one path segment, whatever it holds; a ticker of dots is not a folder step either. */
    @Test
    void aTickerIsOnePathSegment() {
        URI base = URI.create("http://127.0.0.1:1/");
        java.time.LocalDate day = java.time.LocalDate.of(2024, 2, 16);
        String template = "/v2/aggs/ticker/{ticker}/range/1/day/{from}/{date}";
        String[][] cases = {{"BRK.A", "BRK.A"}, {"TEST/WS", "TEST%2FWS"}, {"../x", "..%2Fx"}, {"A B", "A%20B"},
            {"%2F", "%252F"}, {".", "%2E"}, {"..", "%2E%2E"}, {"...", "%2E%2E%2E"}};
        for (String[] c : cases) {
            URI uri = PolygonUrls.forDay(base, template, "adjusted=true", day, Map.of("ticker", c[0], "from",
                    "2024-01-02"));
            assertEquals("http://127.0.0.1:1/v2/aggs/ticker/" + c[1] + "/range/1/day/2024-01-02/2024-02-16"
                    + "?adjusted=true", uri.toString(), c[0]);
            assertEquals(c[0], java.net.URLDecoder.decode(c[1], java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void aNextUrlLosesOnlyItsKey() {
        assertEquals(URI.create("https://api.polygon.io/v3/x?cursor=abc&limit=5"),
                PolygonUrls.withoutKey(URI.create("https://api.polygon.io/v3/x?cursor=abc&api%4Bey=secret&limit=5")));
        assertEquals(URI.create("https://api.polygon.io/v3/x"),
                PolygonUrls.withoutKey(URI.create("https://api.polygon.io/v3/x?apiKey=secret")));
        URI keyless = URI.create("https://api.polygon.io/v3/x?cursor=a%26b");
        assertSame(keyless, PolygonUrls.withoutKey(keyless), "nothing to drop: the same URI, escapes untouched");
    }
}
