package io.quantmini.ingest;

import io.quantmini.LogCapture;
import io.quantmini.app.QuantMiniCamel;
import io.quantmini.bronze.BronzeReader;
import io.quantmini.config.QuantMiniConfig;
import io.quantmini.lake.LakeLayout;
import io.quantmini.polygon.RawLoopbackServer;
import io.quantmini.replay.PolygonResponder;
import io.quantmini.replay.ReplayResponse;
import io.quantmini.replay.ReplayServer;
import io.quantmini.replay.SyntheticMarket;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.processor.FatalFallbackErrorHandler;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTP errors, throttling, broken bodies and dead connections, against a scripted loopback Polygon. */
class PolygonFailuresTest {

    private static final LocalDate D1 = LocalDate.of(2024, 1, 2);
    private static final LocalDate D2 = LocalDate.of(2024, 1, 3);
    private static final LocalDate D3 = LocalDate.of(2024, 1, 4);

    @TempDir
    Path lake;

    private final SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(10, D1, D3, 3),
            TestApp.calendar());

    private static ReplayResponse status(int status, String body, Map<String, String> headers) {
        return new ReplayResponse(status, headers, body.getBytes(StandardCharsets.UTF_8), 0, false);
    }

    private int barsServedOn(LocalDate day) throws java.io.IOException {
        byte[] body = market.respond("/v2/aggs/grouped/locale/us/market/stocks/" + day, Map.of("adjusted", "true"),
                "http://127.0.0.1").body();
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get("results").size();
    }

    private IngestRun ingest(ScriptedPolygon polygon, ReplayServer server, LocalDate start, LocalDate end) {
        return TestApp.ingest(TestApp.config(lake, server.baseUrl(), Map.of()),
                new IngestRequest("stocks_daily", start, end, false));
    }

    /**
     * Two ingests through one exchange, as a firing of the schedule sends them (splits, then the bars): a failed day's
     * record of Camel's error handlers (an empty deque once its onException is done) came back on the exchange with
     * the split's result, and the next ingest handed that one deque to all its days at once. Two of them failing
     * together then looked like one error handler entered twice: "Circular error-handler detected", and the second
     * day's onException skipped. Every day here fails at once with a 404.
     */
    @Test
    void aFailedDayLeavesNoErrorHandlerRecordToTheNextIngestOfItsExchange() throws Exception {
        PolygonResponder notFound = (path, query, baseUrl) -> status(404,
                "{\"status\":\"NOT_FOUND\",\"message\":\"Data not found.\"}", Map.of());
        LocalDate end = LocalDate.of(2024, 3, 28);
        int days = TestApp.calendar().tradingDays(D1, end).size();
        try (ReplayServer server = ReplayServer.start(notFound, 0);
             QuantMiniCamel app = QuantMiniCamel.create(TestApp.config(lake, server.baseUrl(), Map.of()),
                     TestApp.ROUTES_DIR, false, java.time.Clock.systemUTC()).start();
             org.apache.camel.ProducerTemplate template = app.context().createProducerTemplate()) {
            Exchange firing = new DefaultExchange(app.context());
            List<String> warnings = LogCapture.warnings(FatalFallbackErrorHandler.class, () -> {
                for (String dataset : List.of("splits", "stocks_daily")) {
                    IngestRun run = new IngestRun(new IngestRequest(dataset, D1, end, false));
                    firing.getIn().setBody(run);
                    template.send(QuantMiniCamel.ingestUri(dataset), firing);
                    assertEquals(days, run.failures().size(), dataset);
                    assertNull(firing.getProperty(ExchangePropertyKey.FATAL_FALLBACK_ERROR_HANDLER), dataset);
                }
            });
            assertEquals(List.of(), warnings);
            assertEquals(2 * days, server.requestCount());
        }
    }

    @Test
    void waitsOutRetryAfterOn429ThenSucceeds() throws Exception {
        ScriptedPolygon polygon = new ScriptedPolygon(market).first(D1.toString(),
                status(429, "{\"status\":\"ERROR\",\"error\":\"You've exceeded the maximum requests per minute\"}",
                        Map.of("Retry-After", "1")));
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            long started = System.nanoTime();
            IngestRun run = ingest(polygon, server, D1, D1);
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertFalse(run.failed(), () -> String.valueOf(run.failureSummary()));
            assertEquals(1, run.retries());
            assertEquals(2, server.requestCount());
            assertTrue(millis >= 1000, "Retry-After: 1 honoured, took " + millis + " ms");
            assertTrue(Files.exists(new LakeLayout(lake).bronzeDayFile("stocks_daily", D1)));
        }
    }

    @Test
    void retryAfterBeyondTheCapWaitsOnlyTheCap() throws Exception {
        ScriptedPolygon polygon = new ScriptedPolygon(market).first(D1.toString(),
                status(429, "{\"status\":\"ERROR\"}", Map.of("Retry-After", "3600")));
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            long started = System.nanoTime();
            IngestRun run = ingest(polygon, server, D1, D1);
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertFalse(run.failed());
            assertTrue(millis < 10_000, "a one-hour Retry-After is capped at retry-max-delay-ms, took " + millis
                    + " ms");
        }
    }

    @Test
    void retries503TruncatedBodiesAndDroppedConnections() throws Exception {
        ScriptedPolygon polygon = new ScriptedPolygon(market)
                .first(D1.toString(), status(503, "<html>Service Unavailable</html>", Map.of()))
                .first(D2.toString(), status(200, "{\"status\":\"OK\",\"results\":[{\"T\":\"AAA\",\"o\":1", Map.of()))
                .first(D3.toString(), ReplayResponse.drop());
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            IngestRun run = ingest(polygon, server, D1, D3);

            assertFalse(run.failed(), () -> String.valueOf(run.failureSummary()));
            assertEquals(3, run.retries());
            assertEquals(3, run.written().size());
            assertEquals(barsServedOn(D2), io.quantmini.bronze.BronzeReader.readAll(
                    new LakeLayout(lake).bronzeDayFile("stocks_daily", D2)).size(),
                    "the truncated body's partial record is not kept: each bar once");
            Path landingD2 = new LakeLayout(lake).landingDay("stocks_daily", D2);
            try (Stream<Path> files = Files.list(landingD2)) {
                List<Path> bodies = files.filter(f -> f.toString().endsWith(".json")).collect(Collectors.toList());
                assertEquals(1, bodies.size(), "the truncated body is not kept in landing");
                assertTrue(new String(Files.readAllBytes(bodies.get(0)), StandardCharsets.UTF_8).trim().endsWith("}"));
            }
        }
    }

    /**
     * 500 itself and 408 (the server's own timeout) are retried like the other 5xx; the summary counts the bytes the
     * run wrote to landing: the captures, and the failed answers it kept until the retries replaced them.
     */
    @Test
    void retries500And408AndCountsTheBytesLanded() throws Exception {
        String internal = "{\"status\":\"ERROR\",\"error\":\"Internal\"}";
        String timeout = "Request Timeout";
        ScriptedPolygon polygon = new ScriptedPolygon(market)
                .first(D1.toString(), status(500, internal, Map.of()))
                .first(D2.toString(), status(408, timeout, Map.of()));
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            IngestRun run = ingest(polygon, server, D1, D3);

            assertFalse(run.failed(), () -> String.valueOf(run.failureSummary()));
            assertEquals(2, run.retries());
            assertEquals(3, run.written().size());
            long captured;
            try (Stream<Path> files = Files.walk(new LakeLayout(lake).landingDataset("stocks_daily"))) {
                List<Path> bodies = files.filter(f -> f.toString().endsWith(".json")).toList();
                assertEquals(3, bodies.size(), "one capture a day, the failed answers gone: " + bodies);
                captured = bodies.stream().mapToLong(f -> f.toFile().length()).sum();
            }
            assertEquals(captured + internal.length() + timeout.length(), run.landedBytes());
        }
    }

    @Test
    void aTruncatedRefetchLeavesTheEarlierCaptureAndBronzeFileAsTheyWere() throws Exception {
        LakeLayout layout = new LakeLayout(lake);
        try (ReplayServer server = ReplayServer.start(market, 0)) {
            assertFalse(ingest(null, server, D1, D1).failed());
        }
        Path landed;
        try (Stream<Path> files = Files.list(layout.landingDay("stocks_daily", D1))) {
            landed = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        byte[] capture = Files.readAllBytes(landed);
        byte[] index = Files.readAllBytes(landed.resolveSibling("_index.jsonl"));
        byte[] bronze = Files.readAllBytes(layout.bronzeDayFile("stocks_daily", D1));

        ScriptedPolygon truncating = new ScriptedPolygon(market)
                .always(D1.toString(), status(200, "{\"status\":\"OK\",\"results\":[{\"T\":\"AAA\",\"o\":1", Map.of()));
        try (ReplayServer server = ReplayServer.start(truncating, 0)) {
            IngestRun rerun = ingest(truncating, server, D1, D1);

            assertEquals(List.of(D1), List.copyOf(rerun.failures().keySet()));
            assertTrue(rerun.failureSummary().contains("not complete JSON"), rerun.failureSummary());
        }
        assertArrayEquals(capture, Files.readAllBytes(landed), "the good capture is not replaced by a truncated body");
        assertArrayEquals(bronze, Files.readAllBytes(layout.bronzeDayFile("stocks_daily", D1)));
        // the truncated body lands beside the capture as the request's failed answer, with its own index line
        List<String> lines = Files.readAllLines(landed.resolveSibling("_index.jsonl"));
        assertEquals(new String(index, StandardCharsets.UTF_8).strip(), lines.get(0), "the capture's line as it was");
        assertEquals(2, lines.size(), lines.toString());
        Path failed = landed.resolveSibling(landed.getFileName().toString().replace(".json", ".failed.json"));
        assertEquals("{\"status\":\"OK\",\"results\":[{\"T\":\"AAA\",\"o\":1", Files.readString(failed));
        assertTrue(lines.get(1).contains("\"file\":\"" + failed.getFileName() + "\""), lines.get(1));
        assertTrue(lines.get(1).contains("\"failure\":\"HTTP 200 for ") && lines.get(1).contains("not complete JSON"),
                lines.get(1));
        // replayed, the lake answers with the capture its bronze file was read from
        ReplayResponse replayed = io.quantmini.replay.CapturedResponses.load(lake).respond(
                "/v2/aggs/grouped/locale/us/market/stocks/" + D1, Map.of("adjusted", "true"), "http://127.0.0.1:1");
        assertEquals(200, replayed.status());
        assertArrayEquals(capture, replayed.body());
        try (Stream<Path> all = Files.walk(lake)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "no temp file left");
        }
    }

    /**
     * A day fetched again that now answers without a bar (Polygon's hiccup, or a trading day it lost) keeps its
     * capture as its bronze file stays: landing still replays what bronze was built from.
     */
    @Test
    void aRefetchAnsweredEmptyLeavesTheEarlierCaptureAndBronzeFileAsTheyWere() throws Exception {
        LakeLayout layout = new LakeLayout(lake);
        try (ReplayServer server = ReplayServer.start(market, 0)) {
            assertFalse(ingest(null, server, D1, D1).failed());
        }
        Path day = layout.landingDay("stocks_daily", D1);
        Map<Path, byte[]> landing = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(day)) {
            for (Path file : files.toList()) {
                landing.put(file, Files.readAllBytes(file));
            }
        }
        byte[] bronze = Files.readAllBytes(layout.bronzeDayFile("stocks_daily", D1));

        ScriptedPolygon empty = new ScriptedPolygon(market).always(D1.toString(),
                status(200, "{\"queryCount\":0,\"resultsCount\":0,\"adjusted\":true,\"status\":\"OK\"}", Map.of()));
        try (ReplayServer server = ReplayServer.start(empty, 0)) {
            IngestRun rerun = ingest(empty, server, D1, D1);
            assertFalse(rerun.failed(), () -> String.valueOf(rerun.failureSummary()));
        }
        try (Stream<Path> files = Files.list(day)) {
            assertEquals(landing.keySet(), new java.util.TreeSet<>(files.toList()));
        }
        for (Map.Entry<Path, byte[]> file : landing.entrySet()) {
            assertArrayEquals(file.getValue(), Files.readAllBytes(file.getKey()), "landing " + file.getKey());
        }
        assertArrayEquals(bronze, Files.readAllBytes(layout.bronzeDayFile("stocks_daily", D1)));
    }

    /** A redirect is not followed (the key goes to the base URL only), and the error says where it pointed. */
    @Test
    void aRedirectFailsTheDayNamingWhereItPoints() throws Exception {
        ScriptedPolygon polygon = new ScriptedPolygon(market).always(D1.toString(), status(301,
                "<html>Moved</html>", Map.of("Location", "https://api.massive.example/v2/aggs/grouped?apiKey=x")));
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            IngestRun run = ingest(polygon, server, D1, D2);

            assertEquals(List.of(D1), List.copyOf(run.failures().keySet()));
            assertTrue(run.failureSummary().contains("HTTP 301 for /v2/aggs/grouped/locale/us/market/stocks/" + D1
                    + "?adjusted=true (<html>Moved</html>); it redirects to https://api.massive.example/v2/aggs/grouped"
                    + "?apiKey=x, which is not followed: the API key goes to quantmini.polygon.base-url only"),
                    run.failureSummary());
            assertTrue(Files.exists(new LakeLayout(lake).bronzeDayFile("stocks_daily", D2)));
        }
    }

    @Test
    void retriesATimeout() throws Exception {
        ScriptedPolygon polygon = new ScriptedPolygon(market)
                .first(D1.toString(), ReplayResponse.ok("{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8))
                        .withDelay(4000));
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            IngestRun run = ingest(polygon, server, D1, D1);

            assertFalse(run.failed(), () -> String.valueOf(run.failureSummary()));
            assertEquals(1, run.retries());
            assertTrue(Files.exists(new LakeLayout(lake).bronzeDayFile("stocks_daily", D1)));
        }
    }

    @Test
    void exhaustedRetriesFailThatDayOnlyAndLeaveNothingHalfWritten() throws Exception {
        ScriptedPolygon polygon = new ScriptedPolygon(market)
                .always(D2.toString(), status(502, "{\"status\":\"ERROR\",\"error\":\"bad gateway\"}", Map.of()));
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            IngestRun run = ingest(polygon, server, D1, D3);

            assertTrue(run.failed());
            assertEquals(List.of(D2), List.copyOf(run.failures().keySet()));
            assertTrue(run.failureSummary().contains("HTTP 502"), run.failureSummary());
            assertEquals(3, run.retries(), "max-retries=3 in tests");
            LakeLayout layout = new LakeLayout(lake);
            assertFalse(Files.exists(layout.bronzeDayFile("stocks_daily", D2)));
            assertTrue(Files.exists(layout.bronzeDayFile("stocks_daily", D1)), "good days still land");
            assertTrue(Files.exists(layout.bronzeDayFile("stocks_daily", D3)));
            try (Stream<Path> all = Files.walk(lake)) {
                assertTrue(all.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "no temp file left");
            }
        }
    }

    /**
     * An outage retried on every day: the first retries are said one by one, then a line says the rest are only
     * counted (an hour of 502s across a catch-up wrote hundreds of lines of one cause); a day giving up is said once,
     * by its ERROR, not also by an INFO line of the same words. The summary counts every retry.
     */
    @Test
    void theRetriesOfARunAreSaidUpToALimitAndAllCounted() throws Exception {
        ScriptedPolygon polygon = new ScriptedPolygon(market);
        for (LocalDate day : List.of(D1, D2, D3)) {
            polygon.always(day.toString(), status(502, "{\"status\":\"ERROR\",\"error\":\"bad gateway\"}", Map.of()));
        }
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            IngestRun[] run = new IngestRun[1];
            QuantMiniConfig fiveRetries = TestApp.config(lake, server.baseUrl(),
                    Map.of(QuantMiniConfig.MAX_RETRIES, "5"));
            List<String> said = io.quantmini.LogCapture.messages(
                    io.quantmini.polygon.PolygonRetryPolicy.class.getName(), ch.qos.logback.classic.Level.INFO,
                    () -> run[0] = TestApp.ingest(fiveRetries, new IngestRequest("stocks_daily", D1, D3, false)));

            assertEquals(15, run[0].retries());
            assertEquals(3, run[0].failedDays());
            List<String> retries = said.stream().filter(line -> line.contains("; retry ")).toList();
            assertEquals(10, retries.size(), said.toString());
            assertTrue(retries.get(9).endsWith("; the run's further retries are counted in its summary, not said"),
                    retries.get(9));
            assertTrue(retries.get(0).contains(": HTTP 502") && !retries.get(0).contains("Exception"), retries.get(0));
            assertTrue(said.stream().noneMatch(line -> line.contains("giving up")), said.toString());
        }
    }

    /**
     * Every day of a long run failing for one cause: the first 10 are said as ERRORs (the tenth saying the rest are
     * not), and the summary names the failed dates after the first, 20 of them and how many more.
     */
    @Test
    void theFailedDaysOfARunAreSaidUpToALimitAndNamedInItsSummary() throws Exception {
        PolygonResponder notFound = (path, query, baseUrl) -> status(404,
                "{\"status\":\"NOT_FOUND\",\"message\":\"Data not found.\"}", Map.of());
        LocalDate end = LocalDate.of(2024, 2, 16);
        List<LocalDate> days = TestApp.calendar().tradingDays(D1, end);
        assertEquals(33, days.size());
        try (ReplayServer server = ReplayServer.start(notFound, 0)) {
            IngestRun[] run = new IngestRun[1];
            IngestRequest request = new IngestRequest("stocks_daily", D1, end, false);
            List<String> errors = LogCapture.warnings(DayOutcomes.class, () -> run[0] = TestApp.ingest(
                    TestApp.config(lake, server.baseUrl(), Map.of()), request));

            assertEquals(33, run[0].failedDays());
            assertEquals(10, errors.size(), errors.toString());
            assertTrue(errors.get(9).endsWith("(the run's further failed days are named in its summary, not said)"),
                    errors.get(9));
            String named = days.subList(1, 21).stream().map(LocalDate::toString)
                    .collect(Collectors.joining(", "));
            assertTrue(run[0].failureSummary().endsWith("(and 32 more failed dates: " + named + ", and 12 more)"),
                    run[0].failureSummary());
        }
    }

    /** The body lands as the request's failed answer, not as its capture. */
    @Test
    void aBodyWhosePolygonStatusIsAnErrorFailsThatDayAndLandsAsItsFailedAnswer() throws Exception {
        String error = "{\"status\":\"ERROR\",\"request_id\":\"x\",\"error\":\"Internal lookup failed\"}";
        ScriptedPolygon polygon = new ScriptedPolygon(market).always(D1.toString(), status(200, error, Map.of()));
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            IngestRun run = ingest(polygon, server, D1, D2);

            assertEquals(List.of(D1), List.copyOf(run.failures().keySet()));
            assertTrue(run.failureSummary().contains("Polygon says ERROR: Internal lookup failed"),
                    run.failureSummary());
            Path landingD1 = new LakeLayout(lake).landingDay("stocks_daily", D1);
            try (Stream<Path> files = Files.list(landingD1)) {
                List<Path> bodies = files.filter(f -> f.toString().endsWith(".json")).toList();
                assertEquals(1, bodies.size(), bodies.toString());
                assertTrue(bodies.get(0).toString().endsWith(".failed.json"), bodies.toString());
                assertEquals(error, Files.readString(bodies.get(0)));
            }
            assertTrue(Files.exists(new LakeLayout(lake).bronzeDayFile("stocks_daily", D2)));
        }
    }

    /**
     * An error without Polygon's own words (a proxy's HTML page) names the file its answer is kept in, which is what
     * shows why; with Polygon's words the error quotes them instead.
     */
    @Test
    void anErrorWithoutPolygonsWordsNamesTheFileItsAnswerIsKeptIn() throws Exception {
        String html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        String words = "{\"status\":\"ERROR\",\"request_id\":\"r\",\"error\":\"Upstream busy\"}";
        ScriptedPolygon polygon = new ScriptedPolygon(market).always(D1.toString(), status(502, html, Map.of()))
                .always(D2.toString(), status(502, words, Map.of()));
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            IngestRun run = ingest(polygon, server, D1, D2);

            assertEquals(List.of(D1, D2), List.copyOf(run.failures().keySet()));
            Path kept = onlyFailedAnswer(D1);
            assertEquals(html, Files.readString(kept));
            String htmlError = run.failures().get(D1);
            assertTrue(htmlError.contains("HTTP 502") && htmlError.endsWith("the answer is kept as " + kept),
                    htmlError);
            String pagesError = run.failures().get(D2);
            assertTrue(pagesError.contains("(ERROR: Upstream busy)"), pagesError);
            assertFalse(pagesError.contains("kept as"), pagesError);
            assertEquals(words, Files.readString(onlyFailedAnswer(D2)), "kept all the same");
        }
    }

    private Path onlyFailedAnswer(LocalDate day) throws java.io.IOException {
        try (Stream<Path> files = Files.list(new LakeLayout(lake).landingDay("stocks_daily", day))) {
            List<Path> kept = files.filter(f -> f.toString().endsWith(".failed.json")).toList();
            assertEquals(1, kept.size(), kept.toString());
            return kept.get(0);
        }
    }

    /** A day failed by our own check is told in its words, naming the landed file, with no Java class name first. */
    @Test
    void aBodyOfTheWrongShapeFailsItsDayInWordsNamingTheLandedFile() throws Exception {
        byte[] body = "{\"status\":\"OK\",\"results\":\"oops\"}".getBytes(StandardCharsets.US_ASCII);
        ScriptedPolygon polygon = new ScriptedPolygon(market).always(D1.toString(),
                new ReplayResponse(200, Map.of(), body, 0, false));
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            IngestRun run = ingest(polygon, server, D1, D1);
            String reason = run.failures().get(D1);
            assertTrue(reason.startsWith(new LakeLayout(lake).landingDay("stocks_daily", D1).toString())
                    && reason.endsWith(": \"results\" is a string, expected an array of records"), reason);
            assertEquals(0, run.retries(), "complete JSON: asking again would get the same");
        }
    }

    /** A body that is not UTF-8 is retried like a cut one, and its last copy is kept, byte for byte, to look at. */
    @Test
    void aBodyThatIsNotUtf8FailsItsDayAndIsKeptAsItCame() throws Exception {
        byte[] body = "{\"status\":\"OK\",\"results\":[{\"T\":\"A?\"}]}".getBytes(StandardCharsets.US_ASCII);
        body[new String(body, StandardCharsets.US_ASCII).indexOf('?')] = (byte) 0xFF; // in a string: valid JSON else
        ScriptedPolygon polygon = new ScriptedPolygon(market).always(D1.toString(),
                new ReplayResponse(200, Map.of(), body, 0, false));
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            IngestRun run = ingest(polygon, server, D1, D1);
            assertEquals(List.of(D1), List.copyOf(run.failures().keySet()));
            assertEquals(3, run.retries(), "retried, as a garbled transfer");
        }
        try (Stream<Path> files = Files.list(new LakeLayout(lake).landingDay("stocks_daily", D1))) {
            List<Path> kept = files.filter(f -> f.toString().endsWith(".failed.json")).toList();
            assertEquals(1, kept.size());
            assertArrayEquals(body, Files.readAllBytes(kept.get(0)));
        }
    }

    /**
     * Retries exhausted on one day: its last answer lands as the request's failed answer, so that the lake's landing
     * replays the run as it went, the failed day failing again with Polygon's status and words.
     */
    @Test
    void aDayThatFailedForGoodReplaysAsItFailed() throws Exception {
        String busy = "{\"status\":\"ERROR\",\"request_id\":\"r\",\"error\":\"Upstream busy\"}";
        ScriptedPolygon polygon = new ScriptedPolygon(market).always(D2.toString(), status(502, busy, Map.of()));
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            assertEquals(List.of(D2), List.copyOf(ingest(polygon, server, D1, D3).failures().keySet()));
        }
        Path landingD2 = new LakeLayout(lake).landingDay("stocks_daily", D2);
        List<String> index = Files.readAllLines(landingD2.resolve("_index.jsonl"));
        assertEquals(1, index.size(), "one line: the last failed answer replaced the earlier ones " + index);
        assertTrue(index.get(0).contains("\"status\":502") && index.get(0).contains("\"failure\":\"HTTP 502 for "),
                index.get(0));

        Path replayLake = lake.resolve("replayed");
        try (ReplayServer replay = ReplayServer.start(io.quantmini.replay.CapturedResponses.load(lake), 0)) {
            IngestRun run = TestApp.ingest(TestApp.config(replayLake, replay.baseUrl(), Map.of()),
                    new IngestRequest("stocks_daily", D1, D3, false));
            assertEquals(List.of(D2), List.copyOf(run.failures().keySet()));
            assertTrue(run.failureSummary().contains("HTTP 502") && run.failureSummary().contains("Upstream busy"),
                    run.failureSummary());
        }
        for (LocalDate day : List.of(D1, D3)) {
            assertEquals(BronzeReader.readAll(new LakeLayout(lake).bronzeDayFile("stocks_daily", day)),
                    BronzeReader.readAll(new LakeLayout(replayLake).bronzeDayFile("stocks_daily", day)));
        }
    }

    @Test
    void notAuthorizedFailsFastWithPolygonsMessageAndStopsTheRun() throws Exception {
        String denied = "{\"status\":\"NOT_AUTHORIZED\",\"request_id\":\"abc\",\"message\":\"You are not entitled to"
                + " this data.\"}";
        ScriptedPolygon polygon = new ScriptedPolygon(market).always("/v2/", status(403, denied, Map.of()));
        IngestRun run = runStoppedAtItsFirstRequest(polygon);
        assertTrue(run.failureSummary().contains("HTTP 403 for /v2/aggs/grouped/locale/us/market/stocks/" + D1
                + "?adjusted=true (NOT_AUTHORIZED"), run.failureSummary());
        assertTrue(run.failureSummary().contains("You are not entitled"), run.failureSummary());
    }

    /** Polygon's NOT_AUTHORIZED in a 200 body stops the run as a 401 does: every other day would be refused too. */
    @Test
    void notAuthorizedInAnOkAnswerStopsTheRun() throws Exception {
        String denied = "{\"status\":\"NOT_AUTHORIZED\",\"request_id\":\"abc\",\"message\":\"Your plan doesn't include"
                + " this data.\"}";
        ScriptedPolygon polygon = new ScriptedPolygon(market).always("/v2/", status(200, denied, Map.of()));
        IngestRun run = runStoppedAtItsFirstRequest(polygon);
        assertTrue(run.failureSummary().startsWith("run stopped at stocks_daily " + D1 + ": HTTP 200 for"
                + " /v2/aggs/grouped/locale/us/market/stocks/" + D1 + " but Polygon says NOT_AUTHORIZED: Your plan"),
                run.failureSummary());
    }

    @Test
    void whatStoppedTheRunLeadsItsReasonBeforeAnEarlierDaysFailure() throws Exception {
        String denied = "{\"status\":\"NOT_AUTHORIZED\",\"request_id\":\"abc\",\"message\":\"Unknown API Key\"}";
        ScriptedPolygon polygon = new ScriptedPolygon(market)
                .always(D1.toString(), status(400, "{\"status\":\"ERROR\",\"error\":\"bad day\"}", Map.of()))
                .always(D2.toString(), status(401, denied, Map.of()));
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            IngestRun run = TestApp.ingest(TestApp.config(lake, server.baseUrl(),
                    Map.of("quantmini.polygon.max-concurrent", "1")),
                    new IngestRequest("stocks_daily", D1, D3, false));
            assertTrue(run.failureSummary().startsWith("run stopped at stocks_daily " + D2 + ": HTTP 401 for /v2/aggs/"
                    + "grouped/locale/us/market/stocks/" + D2 + "?adjusted=true (NOT_AUTHORIZED: Unknown API Key) (1"
                    + " day not started); stocks_daily " + D1 + ": HTTP 400"), run.failureSummary());
        }
    }

    /**
     * A run that stops (here a refused key on its third day; a signal alike) hands its split no more days: the rest
     * count as not started at once. Before, the split walked each of them through the route, failing it there: a
     * stop on a 36-year range took ~5 s. The days entering the split are counted by a step put first in its steps.
     */
    @Test
    void aStoppedRunHandsItsSplitNoMoreDays() throws Exception {
        LocalDate end = LocalDate.of(2024, 12, 31);
        int tradingDays = TestApp.calendar().tradingDays(D1, end).size();
        SyntheticMarket year = new SyntheticMarket(new SyntheticMarket.Spec(5, D1, end, 3), TestApp.calendar());
        ScriptedPolygon polygon = new ScriptedPolygon(year).always(D3.toString(),
                status(401, "{\"status\":\"NOT_AUTHORIZED\",\"message\":\"Unknown API Key\"}", Map.of()));
        Path routes = lake.resolveSibling(lake.getFileName() + "-routes");
        TestApp.copyTree(TestApp.ROUTES_DIR, routes);
        String splitSteps = "            steps:\n              - ";
        TestApp.edit(routes.resolve("stocks_daily.camel.yaml"), splitSteps + "choice:",
                splitSteps + "to:\n                  uri: mock:day-entered\n              - choice:");
        try (ReplayServer server = ReplayServer.start(polygon, 0);
             QuantMiniCamel app = QuantMiniCamel.create(TestApp.config(lake, server.baseUrl(),
                     Map.of("quantmini.polygon.max-concurrent", "1")), routes, false, Clock.systemUTC()).start()) {
            IngestRun run = app.ingest(new IngestRequest("stocks_daily", D1, end, false));
            assertEquals(3, server.requestCount());
            assertEquals(2, run.writtenDays());
            assertEquals(tradingDays - 3, run.notStartedDays(), run.failureSummary());
            int entered = app.context().getEndpoint("mock:day-entered", MockEndpoint.class).getReceivedCounter();
            assertTrue(entered <= 5, entered + " of " + tradingDays + " days entered the split");
        }
    }

    /** Days D1..D3 one at a time: the run fails at its first request, retries nothing and asks for no other day. */
    private IngestRun runStoppedAtItsFirstRequest(ScriptedPolygon polygon) throws Exception {
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            IngestRun run = TestApp.ingest(TestApp.config(lake, server.baseUrl(),
                    Map.of("quantmini.polygon.max-concurrent", "1")),
                    new IngestRequest("stocks_daily", D1, D3, false));
            assertTrue(run.failed());
            assertEquals(0, run.retries());
            assertEquals(1, server.requestCount(), "no retry, and the remaining days are not requested");
            return run;
        }
    }

    /** Our own disk refusing the landing write is not Polygon's fault: no retry, and the run stops at once. */
    @Test
    void aLandingWriteTheDiskRefusesStopsTheRunWithoutRetrying() throws Exception {
        Path landingOfDataset = new LakeLayout(lake).landingDay("stocks_daily", D1).getParent();
        Files.createDirectories(landingOfDataset.getParent());
        Files.writeString(landingOfDataset, "a file where the dataset's landing folder belongs");
        IngestRun[] stopped = new IngestRun[1];
        List<String> said = io.quantmini.LogCapture.warnings(DayOutcomes.class,
                () -> stopped[0] = runStoppedAtItsFirstRequest(new ScriptedPolygon(market)));
        IngestRun run = stopped[0];
        // the day that stopped the run is an ERROR of its own, not one of the days the stop failed
        assertTrue(said.stream().anyMatch(line -> line.startsWith("stocks_daily " + D1 + " failed:"
                + " cannot write landing page of ") && !line.endsWith("waiting to send a request)")), said.toString());
        assertTrue(run.failureSummary()
                .contains("cannot write landing page of /v2/aggs/grouped/locale/us/market/stocks/"
                + D1), run.failureSummary());
        assertTrue(run.failureSummary().contains(landingOfDataset.toString()), run.failureSummary());
        assertFalse(Files.exists(new LakeLayout(lake).bronzeDayFile("stocks_daily", D1)));
    }

    /**
     * Every read gets a byte within the client's timeout, but the body never ends: the request deadline closes the
     * connection, and the request is retried like any dropped one, then the day fails. Before, it waited for ever.
     */
    @Test
    void aBodyTrickledByteByByteIsCutOffAtTheRequestDeadline() throws Exception {
        byte[] body = market.respond("/v2/aggs/grouped/locale/us/market/stocks/" + D1, Map.of("adjusted", "true"),
                "http://127.0.0.1").body();
        try (RawLoopbackServer server = RawLoopbackServer.start(connection -> trickle(connection, body))) {
            long started = System.nanoTime();
            IngestRun run = TestApp.ingest(TestApp.config(lake, server.baseUrl(), Map.of(
                            QuantMiniConfig.REQUEST_DEADLINE_SECONDS, "1", QuantMiniConfig.MAX_RETRIES, "1",
                            QuantMiniConfig.TIMEOUT_SECONDS, "1")),
                    new IngestRequest("stocks_daily", D1, D1, false));
            double seconds = (System.nanoTime() - started) / 1e9;

            assertTrue(run.failed());
            assertTrue(run.failureSummary().contains(": no complete answer within 1 s"
                    + " (quantmini.polygon.request-deadline-seconds) (/v2/aggs/grouped/locale/us/market/stocks/" + D1),
                    run.failureSummary());
            assertEquals(1, run.retries());
            assertEquals(2, server.accepted());
            assertTrue(seconds < 15, "two requests of ~1 s each, not the " + body.length / 20 + " s of the body: "
                    + seconds);
            assertFalse(Files.exists(new LakeLayout(lake).bronzeDayFile("stocks_daily", D1)));
        }
    }

    /**
     * A base URL whose host refuses the connection (a mistyped port, a replay server not started) fails each day after
     * its retries, and the reason names the setting the host came from, not only the address.
     */
    @Test
    void aRefusedConnectionNamesTheBaseUrlSetting() throws Exception {
        int closedPort;
        java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, loopback)) {
            closedPort = socket.getLocalPort();
        }
        IngestRun run = TestApp.ingest(TestApp.config(lake, "http://127.0.0.1:" + closedPort,
                Map.of(QuantMiniConfig.MAX_RETRIES, "1")), new IngestRequest("stocks_daily", D1, D1, false));

        assertTrue(run.failed());
        assertEquals(1, run.failedDays());
        String summary = run.failureSummary();
        assertTrue(summary.contains("127.0.0.1:" + closedPort) && summary.contains(
                "(/v2/aggs/grouped/locale/us/market/stocks/2024-01-02?adjusted=true; the host of"
                        + " quantmini.polygon.base-url, from command line)"), summary);
        assertTrue(summary.contains(": Connect to http://127.0.0.1:" + closedPort + " failed: Connection refused (")
                && !summary.contains("Exception"), "in the client's words, without its class name: " + summary);
        assertFalse(Files.exists(new LakeLayout(lake).bronzeDayFile("stocks_daily", D1)));
    }

    /** Reads the request head, then sends a 200 for {@code body} one byte every 50 ms. */
    private static void trickle(java.net.Socket connection, byte[] body) throws java.io.IOException,
            InterruptedException {
        RawLoopbackServer.readHead(connection.getInputStream());
        java.io.OutputStream out = connection.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte b : body) {
            out.write(b);
            out.flush();
            Thread.sleep(50);
        }
    }
}
