package io.quantmini.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeyTest {

    private static String redacted(ApiKey key, String body) {
        return new String(key.redactedFrom(body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void everyQuotedKeyIsReplacedAndABodyWithoutOneIsTheSameArray() {
        String k = "k3y-0123456789ab"; // MIN_LENGTH characters
        ApiKey key = ApiKey.of(k);
        assertEquals("REDACTED{\"next_url\":\"h?apiKey=REDACTED&x=REDACTEDREDACTED\"}REDACTED",
                redacted(key, k + "{\"next_url\":\"h?apiKey=" + k + "&x=" + k + k + "\"}" + k));
        assertEquals("k3y-0123456789a", redacted(key, "k3y-0123456789a"));
        // percent-encoded, as a URL echoed back may carry it, in either hex case; in text as in bytes
        assertEquals("{\"next_url\":\"h?apiKey=REDACTED&y=REDACTED\"}",
                redacted(key, "{\"next_url\":\"h?apiKey=k3y%2D0123456789ab&y=k3y%2d0123456789ab\"}"));
        assertEquals("HTTP 400: REDACTED", key.redactedFrom("HTTP 400: k3y%2d0123456789ab"));
        // a key with reserved characters, as Go's QueryEscape, Python's quote, Java's URLEncoder and JSON give it back
        ApiKey reserved = ApiKey.of("Ab3-xyz/Q+9_kkkkkkkk");
        for (String quoted : List.of("Ab3-xyz%2FQ%2B9_kkkkkkkk", "Ab3-xyz/Q%2B9_kkkkkkkk", "Ab3-xyz%2fQ%2b9_kkkkkkkk",
                "Ab3%2Dxyz%2FQ%2B9%5Fkkkkkkkk", "Ab3-xyz\\/Q+9_kkkkkkkk", "Ab3-xyz/Q+9_kkkkkkkk")) {
            assertEquals("{\"next_url\":\"h?apiKey=REDACTED\"}",
                    redacted(reserved, "{\"next_url\":\"h?apiKey=" + quoted + "\"}"), quoted);
        }
        byte[] clean = "{\"results\":[],\"k\":\"3y\"}".getBytes(StandardCharsets.UTF_8);
        assertSame(clean, key.redactedFrom(clean));
        byte[] any = k.getBytes(StandardCharsets.UTF_8);
        assertSame(any, ApiKey.none().redactedFrom(any));
        // Not a Polygon key (a replay test's): masking it would rewrite a ticker of that name.
        byte[] bars = "{\"results\":[{\"T\":\"AAAB\"}]}".getBytes(StandardCharsets.UTF_8);
        assertSame(bars, ApiKey.of("AAAB").redactedFrom(bars));
    }

    /** Every character escaped, in either hex case: a percent-encoded URL, a JSON string of backslash-u escapes. */
    @Test
    void aKeyEscapedCharacterByCharacterIsReplacedToo() {
        String k = "k3y-0123456789ab";
        ApiKey key = ApiKey.of(k);
        StringBuilder percent = new StringBuilder();
        StringBuilder json = new StringBuilder();
        for (char c : k.toCharArray()) {
            percent.append(String.format("%%%02x", (int) c));
            json.append(String.format("\\u%04X", (int) c));
        }
        assertEquals("cursor=REDACTED", redacted(key, "cursor=" + percent));
        org.junit.jupiter.api.Assertions.assertTrue(key.quotedIn("cursor=" + percent));
        org.junit.jupiter.api.Assertions.assertFalse(key.quotedIn("cursor=k3y-0123456789a"));
        org.junit.jupiter.api.Assertions.assertFalse(ApiKey.of("short-key").quotedIn("short-key"));
        assertEquals("cursor=REDACTED", redacted(key, "cursor=" + percent.toString().toUpperCase()));
        assertEquals("{\"error\":\"key REDACTED\"}", redacted(key, "{\"error\":\"key " + json + "\"}"));
    }

    /** What leaves the process as text (log lines, error lines) loses every key the process has read. */
    @Test
    void maskAllTakesOutEveryKeyRead() {
        ApiKey.of("first-key-0123456789");
        ApiKey.of("second-key-0123456789");
        ApiKey.of("short-key"); // too short to be a real key: masking it could rewrite a ticker
        assertEquals("a REDACTED, b REDACTED, c short-key",
                ApiKey.maskAll("a first-key-0123456789, b second%2Dkey%2D0123456789, c short-key"));
    }

    /**
     * What a server sends back is checked for any run of 8 of the key's characters, in any case and however encoded;
     * an unrelated value, a malformed escape included, is not taken for it.
     */
    @Test
    void anEchoOfPartOfTheKeyIsFoundHoweverItIsEncoded() {
        String secret = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";
        ApiKey key = ApiKey.of(secret);
        for (String echo : new String[] {secret, "x=" + secret.substring(10, 18), secret.toLowerCase(),
            "%41" + secret.substring(1, 9), "%2541" + secret.substring(1, 8), "\\u0041\\u0062\\u0043\\u0064EfGh",
            "&#65;&#x62;CdEfGh", "%41%62%43%64%45%66%47%68"}) {
            assertTrue(key.echoedIn(echo), echo);
        }
        for (String other : new String[] {"https://api.newhost.example/v2/aggs/100%/x", "%u0041", "120",
            "Wed, 21 Oct 2015 07:28:00 GMT", secret.substring(0, 7), null}) {
            assertFalse(key.echoedIn(other), String.valueOf(other));
        }
        assertFalse(ApiKey.of("short-key-123").echoedIn("short-key-123"), "a key too short to be masked anywhere");
    }
}
