package io.quantmini.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApiKeyTest {

    private static String redacted(ApiKey key, String body) {
        return new String(key.redactedFrom(body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void everyQuotedKeyIsReplacedAndABodyWithoutOneIsTheSameArray() {
        ApiKey key = ApiKey.of("k3y");
        assertEquals("REDACTED{\"next_url\":\"h?apiKey=REDACTED&x=REDACTEDREDACTED\"}REDACTED",
                redacted(key, "k3y{\"next_url\":\"h?apiKey=k3y&x=k3yk3y\"}k3y"));
        assertEquals("k3", redacted(key, "k3"));
        byte[] clean = "{\"results\":[],\"k\":\"3y\"}".getBytes(StandardCharsets.UTF_8);
        assertSame(clean, key.redactedFrom(clean));
        byte[] any = "k3y".getBytes(StandardCharsets.UTF_8);
        assertSame(any, ApiKey.none().redactedFrom(any));
    }
}
