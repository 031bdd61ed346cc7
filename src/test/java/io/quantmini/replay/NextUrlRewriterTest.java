package io.quantmini.replay;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which {@code next_url} values the replay server points at itself: an absolute URL's scheme, host and port are
 * replaced, whatever its scheme's characters; anything else (a relative URL, a scheme-less or malformed value, a
 * value that is not a string) stays as captured, as does every other byte.
 */
class NextUrlRewriterTest {

    private static final String BASE = "http://127.0.0.1:9";

    @Test
    void anAbsoluteUrlGetsTheBaseAndKeepsItsPathQueryAndFragment() {
        assertEquals(BASE + "/v2/a?cursor=1", rewrittenValue("https://api.polygon.io/v2/a?cursor=1"));
        assertEquals(BASE, rewrittenValue("https://api.polygon.io"));
        assertEquals(BASE + "?cursor=1", rewrittenValue("https://api.polygon.io?cursor=1"));
        assertEquals(BASE + "#top", rewrittenValue("https://api.polygon.io#top"));
        assertEquals(BASE + "/p", rewrittenValue("https://user@h:8443/p"));
    }

    @Test
    void aSchemeIsLettersDigitsPlusMinusAndDotAtEitherEndOfTheirRanges() {
        assertEquals(BASE + "/p", rewrittenValue("azAZ09+-.://h/p"));
        assertEquals(BASE + "/p", rewrittenValue("z://h/p"));
        // a byte just outside each range ends the scheme before its colon: not an absolute URL
        for (String scheme : new String[] {"a@b", "a[b", "a`b", "a{b", "a/b", "a:b", "a_b", "a,b", "a*b"}) {
            String value = scheme + "://h/p";
            assertEquals(value, rewrittenValue(value), scheme);
        }
    }

    /** JSON may escape a slash: such a URL, which the client reads as https://h/v2/a, is pointed at the base too. */
    @Test
    void escapedSlashesAreSlashes() {
        assertEquals(BASE + "\\/v2\\/a?cursor=1", rewrittenValue("https:\\/\\/api.polygon.io\\/v2\\/a?cursor=1"));
        assertEquals(BASE + "/v2/a", rewrittenValue("https:\\//api.polygon.io/v2/a"));
        assertEquals(BASE + "?c=1", rewrittenValue("https:\\/\\/h?c=1"));
        for (String value : new String[] {"https:\\/h/p", "https:\\\\//h/p", "https:\\"}) {
            assertEquals(value, rewrittenValue(value), value);
        }
    }

    @Test
    void whatIsNotAnAbsoluteUrlStaysAsCaptured() {
        for (String value : new String[] {"/v2/a?cursor=1", "://h/p", "mailto:x", "a:/x", "a:", "", "https:/h/p"}) {
            assertEquals(value, rewrittenValue(value), value);
        }
        for (String body : new String[] {"{\"next_url\":null}", "{\"next_url\":5}", "{\"next_url\"", "{\"next_url\":",
            "{\"next_url\" x \"https://h/p\"}", "{\"next_url\":[\"https://h/p\"]}"}) {
            assertEquals(body, rewrite(body), body);
        }
    }

    @Test
    void anEscapedQuoteDoesNotEndTheValueAndOtherUnderscoresDoNotHideTheKey() {
        assertEquals(BASE + "/p?q=\\\"x\\\"", rewrittenValue("https://h/p?q=\\\"x\\\""));
        assertEquals("{\"a_b\":\"c_d\",\"next_url\":\"" + BASE + "/p\"}",
                rewrite("{\"a_b\":\"c_d\",\"next_url\":\"https://h/p\"}"));
    }

    @Test
    void whitespaceAroundTheColonAndAnUnclosedValueAreRead() {
        assertEquals("{\"next_url\"\t:\r\n \"" + BASE + "/p\"}", rewrite("{\"next_url\"\t:\r\n \"https://h/p\"}"));
        assertEquals("{\"next_url\":\"" + BASE + "/p", rewrite("{\"next_url\":\"https://h/p"));
    }

    private static String rewrittenValue(String value) {
        String body = rewrite("{\"next_url\":\"" + value + "\",\"status\":\"OK\"}");
        String prefix = "{\"next_url\":\"";
        String suffix = "\",\"status\":\"OK\"}";
        assertEquals(true, body.startsWith(prefix) && body.endsWith(suffix), body);
        return body.substring(prefix.length(), body.length() - suffix.length());
    }

    private static String rewrite(String body) {
        return new String(NextUrlRewriter.rewrite(body.getBytes(StandardCharsets.UTF_8), BASE), StandardCharsets.UTF_8);
    }
}
