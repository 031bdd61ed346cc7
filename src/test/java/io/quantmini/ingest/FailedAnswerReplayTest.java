package io.quantmini.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantmini.lake.LakeLayout;
import io.quantmini.replay.CapturedResponses;
import io.quantmini.replay.ReplayResponse;
import io.quantmini.replay.ReplayServer;
import io.quantmini.replay.SyntheticMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A failed answer lands with the headers its replay needs: a replayed 429 asks for the back-off the captured one did.
 */
class FailedAnswerReplayTest {

    private static final LocalDate DAY = LocalDate.of(2024, 3, 5);

    @TempDir
    Path temp;

    @Test
    void aCaptured429IsReplayedWithItsRetryAfter() throws Exception {
        byte[] busy = "{\"status\":\"ERROR\",\"error\":\"too many requests\"}".getBytes(StandardCharsets.UTF_8);
        Path lake = landedFrom(new ReplayResponse(429, Map.of("Retry-After", "7"), busy, 0, false));

        Path folder = new LakeLayout(lake).landingDay("stocks_daily", DAY);
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve("_index.jsonl"))) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertEquals(1, lines.size(), lines::toString);
        assertEquals(429, lines.get(0).get("status").asInt());
        assertEquals("{\"Retry-After\":\"7\"}", lines.get(0).get("headers").toString());

        HttpResponse<byte[]> answer = replayedDay(lake);
        assertEquals(429, answer.statusCode());
        assertEquals(List.of("7"), answer.headers().allValues("Retry-After"));
        assertArrayEquals(busy, answer.body());
    }

    /** A proxy's HTML 503 is kept with its Content-Type, and replayed as HTML, not as the JSON a replay else says. */
    @Test
    void aCapturedHtmlErrorIsReplayedAsHtml() throws Exception {
        byte[] page = "<html><body>503 Service Temporarily Unavailable</body></html>".getBytes(StandardCharsets.UTF_8);
        Path lake = landedFrom(new ReplayResponse(503, Map.of("Content-Type", "text/html; charset=utf-8"), page, 0,
                false));
        String line = Files.readString(new LakeLayout(lake).landingDay("stocks_daily", DAY).resolve("_index.jsonl"));
        assertEquals("{\"Content-Type\":\"text/html; charset=utf-8\"}",
                new ObjectMapper().readTree(line).get("headers").toString());

        HttpResponse<byte[]> answer = replayedDay(lake);
        assertEquals(503, answer.statusCode());
        assertEquals(List.of("text/html; charset=utf-8"), answer.headers().allValues("Content-Type"));
        assertArrayEquals(page, answer.body());
    }

    /** A lake whose ingest of {@link #DAY}, without retries, got {@code failed} from Polygon: the day fails. */
    private Path landedFrom(ReplayResponse failed) throws Exception {
        SyntheticMarket market = new SyntheticMarket(
                new SyntheticMarket.Spec(5, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 8), 7), TestApp.calendar());
        Path lake = temp.resolve("lake");
        try (ReplayServer polygon = ReplayServer.start(new ScriptedPolygon(market).always("/stocks/" + DAY, failed),
                0)) {
            assertTrue(TestApp.ingest(TestApp.config(lake, polygon.baseUrl(), Map.of("quantmini.polygon.max-retries",
                    "0")), new IngestRequest("stocks_daily", DAY, DAY, false)).failed());
        }
        return lake;
    }

    /** What a replay of the lake's landing answers to the day's grouped request. */
    private HttpResponse<byte[]> replayedDay(Path lake) throws Exception {
        try (ReplayServer replay = ReplayServer.start(CapturedResponses.load(lake), 0)) {
            return get(replay.baseUrl() + "/v2/aggs/grouped/locale/us/market/stocks/" + DAY + "?adjusted=true");
        }
    }

    /**
     * A hand-edited index whose header value is not printable ASCII is refused, naming the header: a CR or LF, or a
     * character the JDK's server would send as its low byte (U+010D goes out as CR), could split the answer's head. A
     * name in another case is the same header; other names are left out.
     */
    @Test
    void aReplayedHeaderMustBePrintableAscii() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("landing/stocks_daily/2024-03-05"));
        byte[] busy = "{}".getBytes(StandardCharsets.UTF_8);
        Files.write(folder.resolve("a.failed.json"), busy);
        String line = "{\"request_id\":\"a\",\"file\":\"a.failed.json\",\"method\":\"GET\",\"path\":\"/v1/a\","
                + "\"query\":{},\"status\":429,\"received_at\":\"2024-03-05T10:00:00Z\",\"failure\":\"HTTP 429\","
                + "\"headers\":{\"Retry-After\":\"VALUE\"}}\n";
        for (String value : new String[] {"7\\r\\nX-Evil: 1", "7\\u010d\\u010aX-Evil: 1"}) {
            Files.writeString(folder.resolve("_index.jsonl"), line.replace("VALUE", value));
            RuntimeException refused = assertThrows(RuntimeException.class, () -> CapturedResponses.load(temp));
            String said = refused.getMessage() + (refused.getCause() == null ? "" : refused.getCause().getMessage());
            assertTrue(said.contains("Retry-After") && said.contains("not printable ASCII"), said);
        }

        Files.writeString(folder.resolve("_index.jsonl"), line.replace("VALUE", "3").replace(
                "\"Retry-After\"", "\"Set-Cookie\":\"x\",\"retry-after\""));
        try (ReplayServer replay = ReplayServer.start(CapturedResponses.load(temp), 0)) {
            HttpResponse<byte[]> answer = get(replay.baseUrl() + "/v1/a");
            assertEquals(List.of("3"), answer.headers().allValues("Retry-After"));
            assertFalse(answer.headers().firstValue("Set-Cookie").isPresent(), "only the headers landing keeps");
        }
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
