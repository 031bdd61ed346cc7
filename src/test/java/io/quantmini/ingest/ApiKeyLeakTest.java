package io.quantmini.ingest;

import io.quantmini.LogCapture;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.quantmini.config.QuantMiniConfig;
import io.quantmini.replay.ReplayResponse;
import io.quantmini.replay.ReplayServer;
import io.quantmini.replay.SyntheticMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The key reaches Polygon as a Bearer header and nowhere else: not in the lake, not in any log line. */
class ApiKeyLeakTest {

    @TempDir
    Path lake;

    @Test
    void keyAppearsInNoFileAndNoLogLineEvenAtDebugWithRetriesAndFailures() throws Exception {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Map<String, Level> saved = new java.util.HashMap<>();
        for (String name : List.of("ROOT", "org.apache.camel", "io.quantmini", "org.apache.hc",
                "org.apache.hc.client5.http.headers")) {
            saved.put(name, level(logging, name.equals("ROOT") ? org.slf4j.Logger.ROOT_LOGGER_NAME : name));
        }
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(logging);
        captured.start();
        root.addAppender(captured);
        saved.keySet().forEach(name -> logging.getLogger(name.equals("ROOT") ? org.slf4j.Logger.ROOT_LOGGER_NAME : name)
                .setLevel(Level.DEBUG));
        try {
            LocalDate d1 = LocalDate.of(2024, 1, 2);
            LocalDate d3 = LocalDate.of(2024, 1, 4);
            SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(5, d1, d3, 1), TestApp.calendar());
            ScriptedPolygon polygon = new ScriptedPolygon(market)
                    .first("2024-01-02", new ReplayResponse(429, Map.of("Retry-After", "0"),
                            "{}".getBytes(StandardCharsets.UTF_8), 0, false))
                    // Polygon's error message quoting the key (as it may quote a request URL): not to be repeated
                    .always("2024-01-04", ReplayResponse.json(400, ("{\"status\":\"ERROR\",\"error\":\"bad request for "
                            + "/v2/x?apiKey=" + TestApp.SECRET + "\"}").getBytes(StandardCharsets.UTF_8)));
            try (ReplayServer server = ReplayServer.start(polygon, 0)) {
                IngestRun run = TestApp.ingest(TestApp.config(lake, server.baseUrl(), Map.of()),
                        new IngestRequest("stocks_daily", d1, d3, false));
                assertTrue(run.failed(), "the 400 day fails");
                assertTrue(server.authorizationHeaders().contains("Bearer " + TestApp.SECRET), "the key was sent");
                assertFalse(run.failureSummary().contains(TestApp.SECRET), run.failureSummary());
                assertTrue(run.failureSummary().contains("bad request for /v2/x?apiKey=REDACTED"),
                        run.failureSummary());
            }
        } finally {
            root.detachAppender(captured);
            saved.forEach((name, level) -> logging.getLogger(name.equals("ROOT")
                    ? org.slf4j.Logger.ROOT_LOGGER_NAME : name).setLevel(level));
        }
        List<String> lines = captured.list.stream().map(event -> event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage()))
                .collect(Collectors.toList());
        assertTrue(lines.size() > 20, "debug logging was on: " + lines.size() + " lines");
        assertTrue(lines.stream().noneMatch(line -> line.contains(TestApp.SECRET)),
                () -> lines.stream().filter(l -> l.contains(TestApp.SECRET)).findFirst().orElse(""));
        try (Stream<Path> files = Files.walk(lake)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(bytes.contains(TestApp.SECRET), "key found in " + file);
            }
        }
    }

    /**
     * A server that echoes the key escaped in a way no raw-byte match finds (half of it JSON-escaped in an error
     * message; half of it percent-encoded in a next_url): the message is masked once decoded, the next_url is not
     * followed, and the key reaches neither the run's summary, nor its log lines, nor the lake.
     */
    @Test
    void aKeyEchoedInMixedEscapesIsMaskedOnceDecodedAndSuchANextUrlIsNotFollowed() throws Exception {
        String secret = TestApp.SECRET;
        StringBuilder jsonEscaped = new StringBuilder(secret.substring(0, 5));
        StringBuilder percentEncoded = new StringBuilder(secret.substring(0, 5));
        for (char c : secret.substring(5).toCharArray()) {
            jsonEscaped.append(String.format("\\u%04x", (int) c));
            percentEncoded.append(String.format("%%%02X", (int) c));
        }
        LocalDate d1 = LocalDate.of(2024, 1, 2);
        LocalDate d3 = LocalDate.of(2024, 1, 4);
        SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(5, d1, d3, 1), TestApp.calendar());
        ScriptedPolygon polygon = new ScriptedPolygon(market)
                .always("2024-01-02", ReplayResponse.json(400, ("{\"status\":\"ERROR\",\"error\":\"unknown key "
                        + jsonEscaped + "\"}").getBytes(StandardCharsets.UTF_8)))
                .always("2024-01-03", ReplayResponse.json(200, ("{\"status\":\"OK\",\"resultsCount\":0,\"results\":[],"
                        + "\"next_url\":\"http://127.0.0.1:1/v2/aggs/grouped/locale/us/market/stocks/2024-01-03?cursor="
                        + percentEncoded + "\"}").getBytes(StandardCharsets.UTF_8)));
        IngestRun[] ran = new IngestRun[1];
        List<String> errors = LogCapture.messages(DayOutcomes.class, () -> {
            try (ReplayServer server = ReplayServer.start(polygon, 0)) {
                ran[0] = TestApp.ingest(TestApp.config(lake, server.baseUrl(), Map.of()),
                        new IngestRequest("stocks_daily", d1, d3, false));
            }
        });
        IngestRun run = ran[0];
        String summary = run.failureSummary();
        assertTrue(run.failed());
        assertFalse(summary.contains(secret), summary);
        assertTrue(summary.contains("(ERROR: unknown key REDACTED)"), summary);
        assertTrue(errors.stream().anyMatch(line -> line.contains("next_url of "
                + "/v2/aggs/grouped/locale/us/market/stocks/2024-01-03 carries the API key in an encoded form: not"
                + " followed")), errors::toString);
        assertTrue(errors.stream().noneMatch(line -> line.contains(secret)), errors::toString);
        try (Stream<Path> files = Files.walk(lake)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                assertFalse(text.contains(secret), "key found in " + file);
                assertFalse(file.toString().endsWith(".json") && decoded(text).contains(secret),
                        "key found in " + file + " once its JSON escapes are decoded");
            }
        }
        // the 400 whose body quotes the key escaped is not kept; the 200s are, as their days' captures
        try (Stream<Path> files = Files.walk(lake.resolve("landing"))) {
            assertEquals(List.of("2024-01-03", "2024-01-04"), files.filter(f -> f.toString().endsWith(".json"))
                    .map(f -> f.getParent().getFileName().toString()).sorted().toList());
        }
    }

    /** A JSON text with its escapes decoded: Jackson writes it back with every ASCII character as itself. */
    private static String decoded(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).toString();
        } catch (java.io.IOException notJson) {
            return json;
        }
    }

    /**
     * Failed answers quoting the key in a mixed escape where a JSON parser does not reach it (found by the QA helper):
     * a 503 and a 200 cut short inside the escaped key, a complete 200 whose Polygon status is an error with a NaN
     * before the key (our page decoder reads NaN, a strict parser stops there), and a re-fetch whose only array is
     * named by the key (the shape problem quotes the decoded name). None of those bodies is kept, and no failure text
     * in an index line quotes the key.
     */
    @Test
    void failedAnswersQuotingTheKeyBeyondAParsersReachAreNotKept() throws Exception {
        StringBuilder escaped = new StringBuilder(TestApp.SECRET.substring(0, 5));
        for (char c : TestApp.SECRET.substring(5).toCharArray()) {
            escaped.append(String.format("\\u%04x", (int) c));
        }
        LocalDate d1 = LocalDate.of(2024, 1, 2);
        LocalDate d4 = LocalDate.of(2024, 1, 5);
        String grouped = "/v2/aggs/grouped/locale/us/market/stocks/";
        SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(5, d1, d4, 1), TestApp.calendar());
        java.util.concurrent.atomic.AtomicBoolean refetch = new java.util.concurrent.atomic.AtomicBoolean();
        io.quantmini.replay.PolygonResponder polygon = (path, query, base) -> {
            if (path.endsWith("2024-01-02")) {
                return ReplayResponse.json(503, ("{\"status\":\"ERROR\",\"error\":\"unknown key " + escaped)
                        .getBytes(StandardCharsets.UTF_8));
            }
            if (path.endsWith("2024-01-03")) {
                return ReplayResponse.json(200, ("{\"status\":\"OK\",\"results\":[],\"next_url\":\"" + base + grouped
                        + "2024-01-03?cursor=2&apiKey=" + escaped).getBytes(StandardCharsets.UTF_8));
            }
            if (path.endsWith("2024-01-04")) {
                return ReplayResponse.json(200, ("{\"status\":\"ERROR\",\"took\":NaN,\"error\":\"unknown key "
                        + escaped + "\"}").getBytes(StandardCharsets.UTF_8));
            }
            return refetch.get() ? ReplayResponse.json(200, ("{\"status\":\"OK\",\"took\":NaN,\"" + escaped + "\":[]}")
                    .getBytes(StandardCharsets.UTF_8)) : market.respond(path, query, base);
        };
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            QuantMiniConfig config = TestApp.config(lake, server.baseUrl(), Map.of());
            assertEquals(List.of(d1, LocalDate.of(2024, 1, 3), LocalDate.of(2024, 1, 4)), List.copyOf(
                    TestApp.ingest(config, new IngestRequest("stocks_daily", d1, d4, false)).failures().keySet()));
            refetch.set(true);
            assertTrue(TestApp.ingest(config, new IngestRequest("stocks_daily", d4, d4, false)).failed());
        }
        try (Stream<Path> files = Files.walk(lake)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                assertFalse(text.contains(TestApp.SECRET), "key found in " + file);
                assertFalse(file.getFileName().toString().endsWith(".failed.json"), "kept: " + file + ": " + text);
            }
        }
    }

    /**
     * Masking finds the whole key: a failed answer that echoes part of it (all but its last character) or the key in
     * another case is neither repeated in the day's failure nor kept in landing, and the failure says why.
     */
    @Test
    void aFailedAnswerEchoingPartOfTheKeyOrItInAnotherCaseIsNeitherShownNorKept() throws Exception {
        String prefix = TestApp.SECRET.substring(0, TestApp.SECRET.length() - 1);
        String upper = TestApp.SECRET.toUpperCase(java.util.Locale.ROOT);
        LocalDate d1 = LocalDate.of(2024, 1, 2);
        LocalDate d2 = LocalDate.of(2024, 1, 3);
        SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(5, d1, d2, 1), TestApp.calendar());
        io.quantmini.replay.PolygonResponder polygon = (path, query, base) -> {
            if (path.endsWith("2024-01-02")) {
                // a 400, not a 401, which would stop the run before the other day may have started
                return ReplayResponse.json(400, ("{\"status\":\"ERROR\",\"message\":\"Unknown API Key: " + prefix
                        + "...\"}").getBytes(StandardCharsets.UTF_8));
            }
            return path.endsWith("2024-01-03") ? ReplayResponse.json(400, ("<html>bad key " + upper + " 100%</html>")
                    .getBytes(StandardCharsets.UTF_8)) : market.respond(path, query, base);
        };
        IngestRun run;
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            QuantMiniConfig config = TestApp.config(lake, server.baseUrl(), Map.of());
            run = TestApp.ingest(config, new IngestRequest("stocks_daily", d1, d2, false));
        }
        String said = run.failureSummary() + " | " + run.failures();
        assertTrue(said.contains("HTTP 400 for /v2/aggs/grouped/locale/us/market/stocks/2024-01-02?adjusted=true (its"
                + " message quotes the API key, or part of it: not shown); the answer is not kept: it quotes the API"
                + " key, or part of it"), said);
        assertTrue(said.contains("HTTP 400 for /v2/aggs/grouped/locale/us/market/stocks/2024-01-03?adjusted=true (its"
                + " message quotes the API key, or part of it: not shown)"), said);
        assertFalse(said.contains(prefix.substring(0, 8)) || said.toUpperCase(java.util.Locale.ROOT)
                .contains(upper.substring(0, 8)), said);
        try (Stream<Path> files = Files.walk(lake)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                assertFalse(text.contains(prefix) || text.contains(upper), "key found in " + file);
                assertFalse(file.getFileName().toString().endsWith(".failed.json"), "kept: " + file + ": " + text);
            }
        }
    }

    private static Level level(LoggerContext logging, String name) {
        return logging.getLogger(name).getLevel();
    }
}
