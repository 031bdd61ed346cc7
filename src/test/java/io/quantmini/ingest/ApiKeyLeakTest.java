package io.quantmini.ingest;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
        for (String name : List.of("ROOT", "org.apache.camel", "io.quantmini", "org.apache.hc", "org.apache.hc.client5.http.headers")) {
            saved.put(name, level(logging, name.equals("ROOT") ? org.slf4j.Logger.ROOT_LOGGER_NAME : name));
        }
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(logging);
        captured.start();
        root.addAppender(captured);
        saved.keySet().forEach(name -> logging.getLogger(name.equals("ROOT") ? org.slf4j.Logger.ROOT_LOGGER_NAME : name).setLevel(Level.DEBUG));
        try {
            LocalDate d1 = LocalDate.of(2024, 1, 2);
            LocalDate d3 = LocalDate.of(2024, 1, 4);
            SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(5, d1, d3, 1), TestApp.calendar());
            ScriptedPolygon polygon = new ScriptedPolygon(market)
                    .first("2024-01-02", new ReplayResponse(429, Map.of("Retry-After", "0"), "{}".getBytes(StandardCharsets.UTF_8), 0, false))
                    // Polygon's error message quoting the key (as it may quote a request URL): not to be repeated
                    .always("2024-01-04", ReplayResponse.json(400, ("{\"status\":\"ERROR\",\"error\":\"bad request for "
                            + "/v2/x?apiKey=" + TestApp.SECRET + "\"}").getBytes(StandardCharsets.UTF_8)));
            try (ReplayServer server = ReplayServer.start(polygon, 0)) {
                IngestRun run = TestApp.ingest(TestApp.config(lake, server.baseUrl(), Map.of()),
                        new IngestRequest("stocks_daily", d1, d3, false));
                assertTrue(run.failed(), "the 400 day fails");
                assertTrue(server.authorizationHeaders().contains("Bearer " + TestApp.SECRET), "the key was sent");
                assertFalse(run.failureSummary().contains(TestApp.SECRET), run.failureSummary());
                assertTrue(run.failureSummary().contains("bad request for /v2/x?apiKey=REDACTED"), run.failureSummary());
            }
        } finally {
            root.detachAppender(captured);
            saved.forEach((name, level) -> logging.getLogger(name.equals("ROOT") ? org.slf4j.Logger.ROOT_LOGGER_NAME : name).setLevel(level));
        }
        List<String> lines = captured.list.stream().map(event -> event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage())).collect(Collectors.toList());
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

    private static Level level(LoggerContext logging, String name) {
        return logging.getLogger(name).getLevel();
    }
}
