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
