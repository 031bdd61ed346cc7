package io.quantmini.ingest;

import io.quantmini.LogCapture;
import io.quantmini.app.QuantMiniCamel;
import io.quantmini.lake.LakeLayout;
import io.quantmini.replay.ReplayServer;
import io.quantmini.replay.SyntheticMarket;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daily schedule's route (routes/schedule.camel.yaml), fired by hand instead of by Quartz. */
class ScheduleRouteTest {

    @TempDir
    Path temp;

    /**
     * The splits ingest throws outside its days (the lake cannot be listed, say): the firing reports it as a failed
     * scheduled ingest and still ingests the bars; before, the bars were skipped and nothing said why.
     */
    @Test
    void anIngestThatThrowsIsReportedAndTheNextStillRuns() throws Exception {
        Path routes = temp.resolve("routes");
        TestApp.copyTree(TestApp.ROUTES_DIR, routes);
        String firstStep = "      uri: direct:ingest-splits\n      steps:\n";
        TestApp.edit(routes.resolve("splits.camel.yaml"), firstStep, firstStep + """
                        - throwException:
                            exceptionType: java.io.IOException
                            message: cannot list bronze/splits
                """);
        SyntheticMarket market = new SyntheticMarket(
                new SyntheticMarket.Spec(5, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 8), 7), TestApp.calendar());
        List<String> said = fire(market, routes);
        assertEquals(1, said.stream().filter(line -> line.startsWith("scheduled ingest failed: IOException: cannot list"
                + " bronze/splits")).count(), said::toString);
        assertEquals(1, said.stream().filter(line -> line.startsWith("scheduled ingest done: stocks_daily")).count(),
                said::toString);
        LakeLayout lake = new LakeLayout(temp.resolve("lake"));
        assertTrue(Files.isRegularFile(lake.bronzeDayFile("stocks_daily", LocalDate.of(2024, 3, 7))));
    }

    /**
     * A day mended by a retry (a 429, then the bars) leaves the ingest done: Camel's record of the 429 is not a throw.
     */
    @Test
    void aDayMendedByARetryLeavesTheScheduledIngestDone() throws Exception {
        SyntheticMarket market = new SyntheticMarket(
                new SyntheticMarket.Spec(5, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 8), 7), TestApp.calendar());
        io.quantmini.replay.ReplayResponse tooMany = new io.quantmini.replay.ReplayResponse(429,
                Map.of("Retry-After", "0"), "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, false);
        // every day's first request: whichever day's exchange becomes the split's result carries a mended failure
        ScriptedPolygon polygon = new ScriptedPolygon(market)
                .first("/stocks/", tooMany, tooMany, tooMany, tooMany, tooMany);
        List<String> said = fire(polygon, TestApp.ROUTES_DIR);
        assertEquals(1, said.stream().filter(line -> line.startsWith("scheduled ingest done: splits")).count(),
                said::toString);
        assertEquals(1, said.stream().filter(line -> line.startsWith("scheduled ingest done: stocks_daily")
                && line.contains("written=5 ") && line.contains("retries=5")).count(), said::toString);
    }

    /** Fires the schedule route of {@code routes} once, on Friday 2024-03-08, and returns what ScheduledIngest said. */
    private List<String> fire(io.quantmini.replay.PolygonResponder polygon, Path routes) throws Exception {
        Clock friday = Clock.fixed(Instant.parse("2024-03-08T12:00:00Z"), ZoneOffset.UTC);
        return LogCapture.messages(ScheduledIngest.class, () -> {
            try (ReplayServer server = ReplayServer.start(polygon, 0);
                 QuantMiniCamel app = QuantMiniCamel.create(TestApp.config(temp.resolve("lake"), server.baseUrl(),
                         Map.of()), routes, true, friday)) {
                app.start();
                AdviceWith.adviceWith(app.context(), "schedule-daily", route -> route.replaceFromWith("direct:fire"));
                try (ProducerTemplate fire = app.context().createProducerTemplate()) {
                    fire.sendBody("direct:fire", null);
                }
            }
        });
    }
}
