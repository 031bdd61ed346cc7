package io.quantmini.polygon;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The completeness check refuses every truncated or non-JSON body, and reads the fields the fetcher follows. */
class JsonBodyTest {

    private static final String PAGE = "{\"queryCount\":2,\"results\":[{\"T\":\"A\",\"o\":1.5,\"otc\":true,\"x\":null},"
            + "{\"T\":\"B\",\"v\":-2e3,\"n\":[1,{\"a\":[]}]}],\"status\":\"OK\",\"request_id\":\"r\","
            + "\"next_url\":\"http://127.0.0.1:1/v2/next?cursor=abc\",\"count\":2}";

    @Test
    void readsTheTopLevelFieldsTheFetcherNeeds() throws IOException {
        assertEquals(new PageHeader("http://127.0.0.1:1/v2/next?cursor=abc", "OK", null), JsonBody.scan(bytes(PAGE)));
        assertEquals(new PageHeader(null, "NOT_AUTHORIZED", "caf\u00e9"),
                JsonBody.scan(bytes("{\"status\":\"NOT_AUTHORIZED\",\"message\":\"caf\\u00e9\"}")));
        assertEquals("bad key", JsonBody.scan(bytes("{\"status\":\"ERROR\",\"error\":\"bad key\"}")).message());
    }

    /** Polygon's words for an error: status and message, either alone without a dangling colon. */
    @Test
    void polygonsMessageForAnErrorBody() {
        assertEquals("ERROR: bad key", JsonBody.polygonMessage(bytes("{\"status\":\"ERROR\",\"error\":\"bad key\"}")));
        assertEquals("ERROR", JsonBody.polygonMessage(bytes("{\"status\":\"ERROR\"}")));
        assertEquals("slow down", JsonBody.polygonMessage(bytes("{\"message\":\"slow down\"}")));
        assertEquals("<html>429</html>", JsonBody.polygonMessage(bytes("<html>429</html>")));
    }

    /** A body that is not Polygon's JSON is quoted up to 200 bytes, never ending in half a character. */
    @Test
    void anExcerptNeverCutsACharacterInTwo() {
        String ascii = "x".repeat(198);
        assertEquals(ascii + "\u00e9", JsonBody.polygonMessage(bytes(ascii + "\u00e9\u00e9")));  // 2-byte é fits whole
        assertEquals(ascii + "x", JsonBody.polygonMessage(bytes(ascii + "x\u00e9")));         // é's 2nd byte is 201st
        assertEquals(ascii, JsonBody.polygonMessage(bytes(ascii + "\u20ac")));                  // 3-byte euro sign
        assertEquals(ascii, JsonBody.polygonMessage(bytes(ascii + "\uD83D\uDE00")));           // 4-byte emoji
    }

    @Test
    void rejectsEveryTruncationAndNonJson() {
        for (int cut = 0; cut < PAGE.length(); cut++) {
            String truncated = PAGE.substring(0, cut);
            IOException refused = assertThrows(IOException.class, () -> JsonBody.scan(bytes(truncated)), truncated);
            assertFalse(refused.getMessage().contains("Source:"), "no parser location noise: " + refused.getMessage());
        }
        for (String body : new String[] {"", "<html>502 Bad Gateway</html>", "[]", "null", "{} {}", "{}x",
                "{\"a\":01}", "{\"a\":1.}", "{\"a\":tru}", "{\"a\":[1,]}", "{\"a\":1,}", "{\"a\" 1}", "{'a':1}",
                "{\"a\":\"b\nc\"}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":NaN}"}) {
            assertThrows(IOException.class, () -> JsonBody.scan(bytes(body)), body);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
