package io.quantmini.polygon;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The origin the key is sent to: scheme, host and port, a scheme's default port written or not. */
class PolygonAuthTest {

    @Test
    void plainHttpToTheSameHostIsAnotherOrigin() {
        assertNotEquals(PolygonAuth.originOf(URI.create("https://api.polygon.io/v2")),
                PolygonAuth.originOf(URI.create("http://api.polygon.io/v2")));
        assertNotEquals(PolygonAuth.originOf(URI.create("https://127.0.0.1:18100/")),
                PolygonAuth.originOf(URI.create("http://127.0.0.1:18100/")));
    }

    @Test
    void aDefaultPortWrittenOutIsTheSameOrigin() {
        assertEquals("https://api.polygon.io", PolygonAuth.originOf(URI.create("https://api.polygon.io:443/v3?x=1")));
        assertEquals("http://127.0.0.1", PolygonAuth.originOf(URI.create("http://127.0.0.1:80/")));
        assertEquals("http://127.0.0.1:8080", PolygonAuth.originOf(URI.create("http://127.0.0.1:8080")));
        assertEquals(PolygonAuth.originOf("HTTPS", "api.polygon.io", 443),
                PolygonAuth.originOf("https", "api.polygon.io", -1));
    }

    @Test
    void anApiKeyParameterIsStrippedHoweverItsNameIsEncoded() {
        assertEquals(URI.create("http://h/p?cursor=1"),
                PolygonUrls.withoutKey(URI.create("http://h/p?cursor=1&api%4Bey=SECRET")));
        assertEquals(URI.create("http://h/p?cursor=1"),
                PolygonUrls.withoutKey(URI.create("http://h/p?APIKEY=SECRET&cursor=1")));
        assertEquals(URI.create("http://h/p?cursor=1&apiKeys=x"),
                PolygonUrls.withoutKey(URI.create("http://h/p?cursor=1&apiKeys=x")));
    }
}
