package io.quantmini.replay;

import io.quantmini.landing.LandingPage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapturedResponsesTest {

    private static final Path FIXTURES = Path.of("src/test/resources/polygon-fixtures");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void servesFixtureBodiesByteForByte() throws Exception {
        CapturedResponses fixtures = CapturedResponses.load(FIXTURES);
        assertEquals(22, fixtures.size());
        try (ReplayServer server = ReplayServer.start(fixtures, 0)) {
            HttpResponse<byte[]> response = Http.get(server.baseUrl()
                    + "/v2/aggs/grouped/locale/us/market/stocks/2005-04-04?adjusted=true&apiKey=secret");
            assertEquals(200, response.statusCode());
            assertArrayEquals(Files.readAllBytes(FIXTURES.resolve(
                    "captured/v2/aggs/grouped/locale/us/market/stocks/2005-04-04__adjusted_true.json")),
                    response.body());
            assertEquals(List.of("GET /v2/aggs/grouped/locale/us/market/stocks/2005-04-04?adjusted=true"),
                    server.requestLog());
        }
    }

    /** A tester replaying a capture sees on the server's console which request the capture lacks, no API key. */
    @Test
    void aRequestNotRecordedIsAnswered404AndNamedInAWarning() throws Exception {
        CapturedResponses fixtures = CapturedResponses.load(FIXTURES);
        try (ReplayServer server = ReplayServer.start(fixtures, 0)) {
            String grouped = "/v2/aggs/grouped/locale/us/market/stocks/";
            List<String> said = io.quantmini.LogCapture.warnings(CapturedResponses.class, () -> {
                assertEquals(200, Http.get(server.baseUrl() + grouped + "2005-04-04?adjusted=true").statusCode());
                assertEquals(404, Http.get(server.baseUrl() + grouped + "2005-04-05?apiKey=secret&adjusted=true"
                        + "&include_otc=false").statusCode());
            });
            assertEquals(List.of("not recorded: GET " + grouped + "2005-04-05?adjusted=true&include_otc=false,"
                    + " answered with Polygon's 404 (" + fixtures.description() + ")"), said);
        }
    }

    @Test
    void paginationChainLeadsBackToTheReplayServer() throws Exception {
        try (ReplayServer server = ReplayServer.start(CapturedResponses.load(FIXTURES), 0)) {
            JsonNode first = JSON.readTree(Http.get(server.baseUrl() + "/v3/reference/options/contracts").body());
            String next = first.get("next_url").asText();
            assertEquals(server.baseUrl() + "/v3/reference/options/contracts?cursor=YXA9JTdCJTIySUQlMjIlM0ElMjIy",
                    next);

            HttpResponse<byte[]> second = Http.get(next + "&apiKey=secret");
            assertEquals(200, second.statusCode());
            assertArrayEquals(Files.readAllBytes(FIXTURES.resolve(
                    "captured/v3/reference/options/contracts__cursor_YXA9JTdCJTIySUQlMjIlM0ElMjIy.json")),
                    second.body());
        }
    }

    @Test
    void longCursorIsMatchedFromTheIndexNotTheFileName() throws Exception {
        try (ReplayServer server = ReplayServer.start(CapturedResponses.load(FIXTURES), 0)) {
            String next = JSON.readTree(Http.get(server.baseUrl() + "/v3/reference/tickers").body()).get("next_url")
                    .asText();
            assertTrue(next.startsWith(server.baseUrl() + "/v3/reference/tickers?cursor="), next);
            HttpResponse<byte[]> page = Http.get(next);
            assertEquals(200, page.statusCode());
            assertArrayEquals(Files.readAllBytes(FIXTURES.resolve(
                    "captured/v3/reference/tickers__cursor_YWN0aXZlPXRydWUmZGF0ZT0yMDIyLTA0L_1318.json")), page.body());
        }
    }

    @Test
    void queryParameterOrderDoesNotMatter() throws Exception {
        try (ReplayServer server = ReplayServer.start(CapturedResponses.load(FIXTURES), 0)) {
            assertEquals(200, Http.get(server.baseUrl() + "/v3/reference/tickers/AAPL?apiKey=k&date=2020-10-01")
                    .statusCode());
            // the key however it is spelled, as the client drops it from what it records
            assertEquals(200, Http.get(server.baseUrl() + "/v3/reference/tickers/AAPL?APIKEY=k&date=2020-10-01")
                    .statusCode());
            assertEquals(200, Http.get(server.baseUrl() + "/v3/trades/AAPL?apikey=zz&limit=2").statusCode());
            assertEquals(404, Http.get(server.baseUrl() + "/v3/reference/tickers/AAPL?date=2020-10-02").statusCode());
            assertEquals(404, Http.get(server.baseUrl() + "/v3/trades/AAPL").statusCode()); // only limit=2 was captured
        }
    }

    @Test
    void unknownRequestIsPolygons404() throws Exception {
        try (ReplayServer server = ReplayServer.start(CapturedResponses.load(FIXTURES), 0)) {
            HttpResponse<byte[]> response = Http.get(server.baseUrl()
                    + "/v2/aggs/grouped/locale/us/market/stocks/2030-01-02");
            assertEquals(404, response.statusCode());
            JsonNode body = JSON.readTree(response.body());
            assertEquals("NOT_FOUND", body.get("status").asText());
            assertEquals("Data not found.", body.get("message").asText());
            assertTrue(body.get("request_id").asText().matches("[0-9a-f]{32}"));
        }
    }

    @Test
    void servesALandingFolder(@TempDir Path root) throws Exception {
        byte[] page1 = ("{\"results\":[{\"ticker\":\"A\"}],\"status\":\"OK\",\"request_id\":\"r1\","
                + "\"next_url\":\"https://api.polygon.io/v3/reference/tickers?cursor=abc%3D&limit=1\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] page2 = "{\"results\":[{\"ticker\":\"B\"}],\"status\":\"OK\",\"request_id\":\"r2\"}"
                .getBytes(StandardCharsets.UTF_8);
        Path day = root.resolve("landing/tickers/2024-01-02");
        Files.createDirectories(day);
        Files.write(day.resolve("r1.json"), page1);
        Files.write(day.resolve("r2.json"), page2);
        Files.writeString(day.resolve("_index.jsonl"),
                indexLine("r1", "/v3/reference/tickers", "{\"active\":\"true\",\"limit\":\"1\"}", 200, page1)
                        + indexLine("r2", "/v3/reference/tickers", "{\"cursor\":\"abc=\",\"limit\":\"1\"}", 200,
                                page2));

        for (Path dir : List.of(root, root.resolve("landing"), root.resolve("landing/tickers"))) {
            CapturedResponses landing = CapturedResponses.load(dir);
            assertEquals(2, landing.size());
            try (ReplayServer server = ReplayServer.start(landing, 0)) {
                HttpResponse<byte[]> first = Http.get(server.baseUrl()
                        + "/v3/reference/tickers?limit=1&active=true&apiKey=k");
                assertEquals(200, first.statusCode());
                String next = JSON.readTree(first.body()).get("next_url").asText();
                assertEquals(server.baseUrl() + "/v3/reference/tickers?cursor=abc%3D&limit=1", next);
                assertEquals(new String(page1, StandardCharsets.UTF_8)
                        .replace("https://api.polygon.io", server.baseUrl()),
                        new String(first.body(), StandardCharsets.UTF_8));
                HttpResponse<byte[]> second = Http.get(next);
                assertArrayEquals(page2, second.body());
                assertEquals(List.of("GET /v3/reference/tickers?limit=1&active=true",
                        "GET /v3/reference/tickers?cursor=abc%3D&limit=1"), server.requestLog());
                assertEquals(List.of("Bearer test-key", "Bearer test-key"), server.authorizationHeaders());
            }
        }
    }

    /**
     * A fixtures folder with a landing index written by hand beside its INDEX.md (as the README suggests for another
     * status than 200) serves both: the hand-written 429 used to be left out without a word, so a test meant to replay
     * a 429 replayed a 404.
     */
    @Test
    void aFixturesFolderAlsoServesTheLandingIndexesWrittenBesideIt(@TempDir Path root) throws Exception {
        Path fixtures = root.resolve("fixtures");
        io.quantmini.ingest.TestApp.copyTree(FIXTURES, fixtures);
        Path busyDay = Files.createDirectories(fixtures.resolve("by-hand/2024-03-14"));
        byte[] busy = "{\"status\":\"ERROR\",\"error\":\"slow down\"}".getBytes(StandardCharsets.UTF_8);
        Files.write(busyDay.resolve("d1.json"), busy);
        String line = indexLine("d1", "/v3/reference/dividends", "{\"ex_dividend_date\":\"2024-03-14\"}", 429, busy);
        Files.writeString(busyDay.resolve("_index.jsonl"), line);

        CapturedResponses both = CapturedResponses.load(fixtures);
        assertEquals(23, both.size());
        assertTrue(both.description().startsWith("captured fixtures and landing captures "), both.description());
        try (ReplayServer server = ReplayServer.start(both, 0)) {
            HttpResponse<byte[]> limited = Http.get(server.baseUrl()
                    + "/v3/reference/dividends?ex_dividend_date=2024-03-14");
            assertEquals(429, limited.statusCode());
            assertArrayEquals(busy, limited.body());
            assertEquals(200, Http.get(server.baseUrl() + "/v3/reference/dividends").statusCode()); // INDEX.md's
        }

        // the same request in both: which one a test gets would be a guess
        Files.writeString(busyDay.resolve("_index.jsonl"), line.replace("{\"ex_dividend_date\":\"2024-03-14\"}",
                "{}"));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> CapturedResponses.load(fixtures));
        assertTrue(twice.getMessage().contains("/v3/reference/dividends") && twice.getMessage().contains(
                "is answered twice, by " + fixtures.resolve("captured/v3/reference/dividends.json")
                + " (INDEX.md) and by " + busyDay.resolve("d1.json") + " (_index.jsonl): keep one"),
                twice.getMessage());
    }

    @Test
    void landingServesTheRecordedStatusAndTheLatestCapture(@TempDir Path root) throws Exception {
        Path day = root.resolve("landing/grouped/2024-01-02");
        Files.createDirectories(day);
        byte[] old = body(day, "old", "{\"status\":\"OK\",\"request_id\":\"old\"}");
        byte[] latest = body(day, "new", "{\"status\":\"OK\",\"request_id\":\"new\"}");
        byte[] missing = body(day, "x",
                "{\"status\":\"NOT_FOUND\",\"request_id\":\"x\",\"message\":\"Data not found.\"}");
        String path = "/v2/aggs/grouped/locale/us/market/stocks/2024-01-02";
        // received_at of new, old, x; the second set compares as instants, not text: "…00.250Z" is later than
        // "…00Z" though '.' sorts before 'Z', and an offset counts
        String[][] receivedAt = {{"2024-01-03T10:00:00Z", "2024-01-03T09:00:00Z", "2024-01-03T09:00:00Z"},
            {"2024-01-03T10:00:00.250Z", "2024-01-03T10:00:00Z", "2024-01-03T05:00:01-05:00"}};
        for (String[] at : receivedAt) {
            Files.writeString(day.resolve("_index.jsonl"),
                    indexLine("new", path, "\"adjusted=true\"", 200, latest, at[0])
                            + indexLine("old", path, "{\"adjusted\":\"true\"}", 200, old, at[1])
                            + indexLine("x", "/v1/open-close/ZZZZ/2024-01-02", "{}", 404, missing, at[2]));
            try (ReplayServer server = ReplayServer.start(CapturedResponses.load(root), 0)) {
                assertArrayEquals(latest, Http.get(server.baseUrl() + path + "?adjusted=true").body());
                HttpResponse<byte[]> notFound = Http.get(server.baseUrl() + "/v1/open-close/ZZZZ/2024-01-02");
                assertEquals(404, notFound.statusCode());
                assertArrayEquals(missing, notFound.body());
                // HEAD: GET's status and headers, without the body
                HttpResponse<byte[]> head = Http.head(server.baseUrl() + path + "?adjusted=true");
                assertEquals(200, head.statusCode());
                assertEquals(0, head.body().length);
                assertEquals(String.valueOf(latest.length), head.headers().firstValue("Content-Length").orElse(""));
            }
        }
    }

    /**
     * A line without {@code received_at} (written by hand) is served without a time, not with 1970's, which a lake
     * ingested from the replay recorded as when its bars came (and took every split as later than them); against a
     * dated capture of the same request it counts as the older.
     */
    @Test
    void aLineWithoutAReceivedTimeIsServedWithoutOne(@TempDir Path root) throws Exception {
        Path day = root.resolve("landing/grouped/2024-01-02");
        Files.createDirectories(day);
        byte[] undated = body(day, "undated", "{\"status\":\"OK\",\"request_id\":\"undated\"}");
        byte[] dated = body(day, "dated", "{\"status\":\"OK\",\"request_id\":\"dated\"}");
        String path = "/v2/aggs/grouped/locale/us/market/stocks/2024-01-02";
        Files.writeString(day.resolve("_index.jsonl"), indexLine("undated", path, "{}", 200, undated, null));
        try (ReplayServer server = ReplayServer.start(CapturedResponses.load(root), 0)) {
            HttpResponse<byte[]> served = Http.get(server.baseUrl() + path);
            assertArrayEquals(undated, served.body());
            assertEquals(java.util.Optional.empty(), served.headers().firstValue(LandingPage.RECEIVED_AT_HEADER));
        }
        Files.writeString(day.resolve("_index.jsonl"), indexLine("dated", path, "{}", 200, dated,
                "2024-01-03T09:00:00Z") + indexLine("undated", path, "{}", 200, undated, null));
        try (ReplayServer server = ReplayServer.start(CapturedResponses.load(root), 0)) {
            HttpResponse<byte[]> served = Http.get(server.baseUrl() + path);
            assertArrayEquals(dated, served.body());
            assertEquals("2024-01-03T09:00:00Z", served.headers().firstValue(LandingPage.RECEIVED_AT_HEADER)
                    .orElse(""));
        }
    }

    /**
     * A request's failed answer (an index line with a {@code failure}) never hides its capture, even received later (a
     * re-fetch that failed: bronze holds the capture's rows); a request with only a failed answer gets it, status and
     * body as received. An unindexed failed answer (a run stopped between index and delete) is not served.
     */
    @Test
    void aCaptureWinsOverAFailedAnswerAndAFailedAnswerAloneIsServed(@TempDir Path root) throws Exception {
        Path day = root.resolve("landing/stocks_daily/2024-01-02");
        Files.createDirectories(day);
        byte[] capture = body(day, "c", "{\"status\":\"OK\",\"request_id\":\"c\"}");
        byte[] busy = body(day, "c.failed", "<html>busy</html>");
        byte[] cut = body(day, "d.failed", "{\"status\":\"OK\",\"res");
        body(day, "e.failed", "left by a stopped run");
        String failure = ",\"failure\":\"HTTP 503\"}";
        Files.writeString(day.resolve("_index.jsonl"),
                indexLine("c", "/v1/c", "{}", 200, capture, "2024-01-03T09:00:00Z")
                        + indexLine("c.failed", "/v1/c", "{}", 503, busy, "2024-01-04T09:00:00Z").replace("}\n",
                        failure + "\n")
                        + indexLine("d.failed", "/v1/d", "{}", 200, cut).replace("}\n", failure + "\n"));

        try (ReplayServer server = ReplayServer.start(CapturedResponses.load(root), 0)) {
            HttpResponse<byte[]> c = Http.get(server.baseUrl() + "/v1/c");
            assertEquals(200, c.statusCode());
            assertArrayEquals(capture, c.body());
            HttpResponse<byte[]> d = Http.get(server.baseUrl() + "/v1/d");
            assertEquals(200, d.statusCode());
            assertArrayEquals(cut, d.body(), "a body cut short, served as it came");
        }
        Files.writeString(day.resolve("_index.jsonl"), indexLine("c.failed", "/v1/c", "{}", 503, busy)
                .replace("}\n", failure + "\n"));
        try (ReplayServer server = ReplayServer.start(CapturedResponses.load(root), 0)) {
            HttpResponse<byte[]> c = Http.get(server.baseUrl() + "/v1/c");
            assertEquals(503, c.statusCode());
            assertArrayEquals(busy, c.body());
        }
    }

    /**
     * Index lines as other capture tools write them: the query inside the path, a method other than GET (Polygon's REST
     * API has none: skipped, its file not required), two captures received at the same instant (the later line wins,
     * as a later capture does).
     */
    @Test
    void anIndexLineMayHoldItsQueryInThePathAndOnlyGetLinesAreServed(@TempDir Path root) throws Exception {
        Path day = root.resolve("landing/other/2024-01-02");
        Files.createDirectories(day);
        byte[] x = body(day, "x", "{\"status\":\"OK\",\"request_id\":\"x\"}");
        byte[] first = body(day, "first", "{\"status\":\"OK\",\"request_id\":\"first\"}");
        byte[] second = body(day, "second", "{\"status\":\"OK\",\"request_id\":\"second\"}");
        String at = "2024-01-03T09:00:00Z";
        Files.writeString(day.resolve("_index.jsonl"), indexLine("x", "/v1/x?b=2&a=1", "{\"c\":\"3\"}", 200, x)
                + indexLine("post", "/v1/y", "{}", 200, x).replace("\"method\":\"GET\"", "\"method\":\"POST\"")
                + indexLine("first", "/v1/z", "{}", 200, first, at)
                + indexLine("second", "/v1/z", "{}", 200, second, at));

        CapturedResponses landing = CapturedResponses.load(root);
        assertEquals(2, landing.size());
        try (ReplayServer server = ReplayServer.start(landing, 0)) {
            assertArrayEquals(x, Http.get(server.baseUrl() + "/v1/x?a=1&c=3&b=2").body());
            assertEquals(404, Http.get(server.baseUrl() + "/v1/x?a=1&b=2").statusCode(),
                    "the query is the whole of it");
            assertEquals(404, Http.get(server.baseUrl() + "/v1/y").statusCode());
            assertArrayEquals(second, Http.get(server.baseUrl() + "/v1/z").body());
        }
    }

    /** Writes a captured body, {@code day/<requestId>.json}; returns its bytes. */
    private static byte[] body(Path day, String requestId, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Files.write(day.resolve(requestId + ".json"), bytes);
        return bytes;
    }

    /** Captures a 200 for {@code /v1/x} in {@code day} (body r.json, one index line); returns the body. */
    private static byte[] captureOfV1X(Path day) throws IOException {
        Files.createDirectories(day);
        byte[] body = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
        Files.write(day.resolve("r.json"), body);
        Files.writeString(day.resolve("_index.jsonl"), indexLine("r", "/v1/x", "{}", 200, body));
        return body;
    }

    /** A landing folder reached through a symbolic link (a capture kept elsewhere) is served like the folder. */
    @Test
    void aLinkedLandingFolderIsServed(@TempDir Path root) throws Exception {
        byte[] body = captureOfV1X(root.resolve("capture/grouped/2024-01-02"));
        Path lake = Files.createDirectories(root.resolve("lake"));
        Files.createSymbolicLink(lake.resolve("landing"), root.resolve("capture"));
        for (Path served : new Path[] {lake, lake.resolve("landing")}) {
            try (ReplayServer server = ReplayServer.start(CapturedResponses.load(served), 0)) {
                assertArrayEquals(body, Http.get(server.baseUrl() + "/v1/x").body(), served.toString());
            }
        }
    }

    @Test
    void corruptedLandingFileIsNotServed(@TempDir Path root) throws Exception {
        Path day = root.resolve("landing/grouped/2024-01-02");
        captureOfV1X(day);
        Files.writeString(day.resolve("r.json"), "{\"status\":\"tampered\"}");
        // named when the capture is loaded, not answered later with a 500 the client would retry
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CapturedResponses.load(root));
        assertTrue(e.getMessage().contains(day.resolve("r.json") + " has SHA-256 "), e.getMessage());
        assertTrue(e.getMessage().contains("fetch that day again with `quantmini data ingest` without --incremental"),
                e.getMessage());
    }

    @Test
    void badIndexLineNamesFileAndLine(@TempDir Path root) throws IOException {
        Path day = root.resolve("landing/grouped/2024-01-02");
        Files.createDirectories(day);
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Files.write(day.resolve("r.json"), body);
        Path index = day.resolve("_index.jsonl");
        Files.writeString(index, indexLine("r", "/v1/x", "{}", 200, body)
                + "{\"request_id\":\"q\",\"file\":\"q.json\"\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CapturedResponses.load(root));
        assertTrue(e.getMessage().contains(index + " line 2"), e.getMessage());
    }

    /** The server serves what an index names: a name out of the folder would serve any file on the machine. */
    @Test
    void anIndexNamesFilesInItsOwnFolderOnly(@TempDir Path root) throws IOException {
        byte[] secret = "{\"status\":\"OK\",\"secret\":1}".getBytes(StandardCharsets.UTF_8);
        Path outside = root.resolve("outside.json");
        Files.write(outside, secret);
        Path day = Files.createDirectories(root.resolve("capture/landing/grouped/2024-01-02"));
        Path index = day.resolve("_index.jsonl");
        for (String name : List.of("../../../../outside.json", outside.toString(), ".")) {
            Files.writeString(index, indexLine("r", "/v1/x", "{}", 200, secret).replace("\"r.json\"",
                    JSON.writeValueAsString(name)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CapturedResponses.load(root.resolve("capture")), name);
            assertTrue(e.getMessage().contains(index + " line 1: '" + name + "' is outside "), e.getMessage());
        }

        Path fixtures = Files.createDirectories(root.resolve("fixtures"));
        Files.createDirectories(root.resolve("fixtures/captured"));
        String row = refusal(fixtures, "## captured/\n| file | path | query |\n|---|---|---|\n"
                + "| `../../outside.json` | /v3/a | |\n");
        assertTrue(row.contains("INDEX.md line 4: '../../outside.json' is outside "), row);
        String heading = refusal(fixtures, "## ../\n| file | path | query |\n|---|---|---|\n"
                + "| `outside.json` | /v3/a | |\n");
        assertTrue(heading.contains("INDEX.md line 1: '../' is outside "), heading);
    }

    /**
     * A hand-written INDEX.md's mistakes are named with their line: a path without its leading slash (it loaded, and
     * was never matched), a heading that lacks the slash that makes it a folder, a request listed twice (with the line
     * it was first listed on), a cell count off; a | inside a query is written \|, as in any Markdown table.
     */
    @Test
    void aHandWrittenIndexNamesItsMistakesAndTakesAnEscapedBar(@TempDir Path root) throws Exception {
        Path caps = Files.createDirectories(root.resolve("caps"));
        byte[] body = "{\"status\":\"OK\",\"request_id\":\"p1\"}".getBytes(StandardCharsets.UTF_8);
        Files.write(caps.resolve("p1.json"), body);
        Path index = root.resolve("INDEX.md");
        String table = "| file | path | query |\n|---|---|---|\n";

        assertEquals(index + " line 4: the path 'v3/reference/splits' does not start with /, as every request path"
                + " does (e.g. /v3/reference/splits)", refusal(root, "## caps/\n" + table
                + "| `p1.json` | `v3/reference/splits` | |\n"));
        String prose = refusal(root, "## caps\n" + table + "| `p1.json` | /v3/reference/splits | |\n");
        assertTrue(prose.endsWith("p1.json does not exist (the heading '## caps' above names a folder only as"
                + " '## caps/')"), prose);
        assertEquals(index + " line 5: /a?y=2&x=1 is listed twice (first on line 4)", refusal(root, "## caps/\n"
                + table + "| `p1.json` | /a | `x=1&y=2` |\n| `p1.json` | /a | `y=2&x=1` |\n"));
        assertEquals(index + " line 4: expected | file | path | query |, found 4 cells (a | inside a cell is written"
                + " \\|)", refusal(root, "## caps/\n" + table + "| `p1.json` | /a | q=a|b |\n"));

        Files.writeString(index, "## caps/\n" + table + "| `p1.json` | /a | q=a\\|b |\n");
        try (ReplayServer server = ReplayServer.start(CapturedResponses.load(root), 0)) {
            assertArrayEquals(body, Http.get(server.baseUrl() + "/a?q=a%7Cb").body());
        }
    }

    /** Why loading {@code root} with {@code indexMd} as its INDEX.md is refused. */
    private static String refusal(Path root, String indexMd) throws IOException {
        Files.writeString(root.resolve("INDEX.md"), indexMd);
        return assertThrows(IllegalArgumentException.class, () -> CapturedResponses.load(root)).getMessage();
    }

    @Test
    void anIndexLineThatIsNotJsonIsNamedInOneLine(@TempDir Path root) throws IOException {
        Path day = Files.createDirectories(root.resolve("landing/grouped/2024-01-02"));
        Path index = day.resolve("_index.jsonl");
        Files.writeString(index, "{\"request_id\": oops}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CapturedResponses.load(root));
        assertTrue(e.getMessage().startsWith(index + " line 1: not JSON: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("Source:"), e.getMessage());
    }

    @Test
    void folderWithoutRecordingsIsRejected(@TempDir Path root) {
        assertThrows(IllegalArgumentException.class, () -> CapturedResponses.load(root));
        assertThrows(IllegalArgumentException.class, () -> CapturedResponses.load(root.resolve("absent")));
    }

    @Test
    void nextUrlRewriteKeepsEverythingElse() {
        String body = "{\"a\":\"next_url\",\"next_url\" : \"https://api.massive.com:443/v3/x?cursor=q\\\"z\",\"b\":1}";
        assertEquals("{\"a\":\"next_url\",\"next_url\" : \"http://127.0.0.1:9/v3/x?cursor=q\\\"z\",\"b\":1}",
                rewrittenToLoopback(body));
        byte[] none = "{\"next_url\":null}".getBytes(StandardCharsets.UTF_8);
        assertTrue(none == NextUrlRewriter.rewrite(none, "http://127.0.0.1:9"));
    }

    @Test
    void nextUrlRewriteFindsEveryKeyAmongOtherUnderscores() {
        // The key is found by its underscore: others before, between and inside the values must not hide it.
        String body = "{\"_\":\"a_b\",\"next_url\":\"https://h:1/p_1?c=1\",\"request_id\":\"r_1\",\"x_next_url\":1,"
                + "\"inner\":{\"next_url\":\"http://h/q\"}}";
        assertEquals("{\"_\":\"a_b\",\"next_url\":\"http://127.0.0.1:9/p_1?c=1\",\"request_id\":\"r_1\","
                + "\"x_next_url\":1,\"inner\":{\"next_url\":\"http://127.0.0.1:9/q\"}}", rewrittenToLoopback(body));
        assertEquals("\"next_url\":\"http://127.0.0.1:9/a\"", rewrittenToLoopback("\"next_url\":\"https://h/a\""));
    }

    @Test
    void nextUrlRewriteFindsTheKeyAfterMultiByteText() {
        // Multi-byte UTF-8 before and after the key: the rewrite works on byte offsets and keeps every other byte.
        String body = "{\"title\":\"Société Générale €"
                + " 5\",\"next_url\":\"https://api.polygon.io/v2/x?cursor=é\",\"z\":\"日本\"}";
        assertEquals("{\"title\":\"Société Générale €"
                + " 5\",\"next_url\":\"http://127.0.0.1:9/v2/x?cursor=é\",\"z\":\"日本\"}",
                rewrittenToLoopback(body));
    }

    /** The body with its next_url links pointed at a replay server on loopback port 9. */
    private static String rewrittenToLoopback(String body) {
        return new String(NextUrlRewriter.rewrite(body.getBytes(StandardCharsets.UTF_8), "http://127.0.0.1:9"),
                StandardCharsets.UTF_8);
    }

    private static String indexLine(String id, String path, String query, int status, byte[] body) throws IOException {
        return indexLine(id, path, query, status, body, "2024-01-03T09:00:00Z");
    }

    private static String indexLine(String id, String path, String query, int status, byte[] body, String receivedAt)
            throws IOException {
        String sha256;
        try {
            sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> entry = new java.util.LinkedHashMap<>();
        entry.put("request_id", id);
        entry.put("file", id + ".json");
        entry.put("method", "GET");
        entry.put("path", path);
        entry.put("query", JSON.readTree(query));
        entry.put("status", status);
        if (receivedAt != null) {
            entry.put("received_at", receivedAt);
        }
        entry.put("sha256", sha256);
        return JSON.writeValueAsString(entry) + "\n";
    }
}
