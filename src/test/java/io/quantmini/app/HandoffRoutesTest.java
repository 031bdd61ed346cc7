package io.quantmini.app;

import io.quantmini.ingest.IngestRequest;
import io.quantmini.ingest.IngestRun;
import io.quantmini.ingest.TestApp;
import io.quantmini.lake.Handoffs;
import io.quantmini.lake.LakeLayout;
import io.quantmini.replay.ReplayServer;
import io.quantmini.replay.SyntheticMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stages talk through handoff files: bronze leaves one, the silver route consumes it and leaves one for gold. */
class HandoffRoutesTest {

    private static final LocalDate START = LocalDate.of(2024, 1, 2);
    private static final LocalDate END = LocalDate.of(2024, 1, 12);

    @TempDir
    Path lake;

    @Test
    void ingestLeavesASilverHandoffThatTheDaemonCarriesThroughSilverAndGold() throws Exception {
        SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(8, START, END, 9), TestApp.calendar());
        LakeLayout layout = new LakeLayout(lake);
        Handoffs handoffs = new Handoffs(layout, Clock.systemUTC());
        try (ReplayServer server = ReplayServer.start(market, 0)) {
            IngestRun run = TestApp.ingest(TestApp.config(lake, server.baseUrl(), Map.of()),
                    new IngestRequest("stocks_daily", START, END, false));
            assertFalse(run.failed());
            assertNotNull(run.handoff());
            List<Path> pending = handoffs.pending(Handoffs.SILVER);
            assertEquals(List.of(run.handoff()), pending);
            Handoffs.Handoff handoff = Handoffs.parse(Files.readAllBytes(pending.get(0)), "test");
            assertEquals("stocks_daily", handoff.dataset());
            assertEquals(TestApp.calendar().tradingDays(START, END), handoff.days());
            assertFalse(Files.exists(layout.root().resolve("silver")), "one-shot commands leave the handoff for the daemon");

            try (QuantMiniCamel daemon = QuantMiniCamel.create(TestApp.config(lake, server.baseUrl(), Map.of()),
                    TestApp.ROUTES_DIR, true, Clock.systemUTC()).start()) {
                long deadline = System.currentTimeMillis() + 90_000;
                Path calendar = layout.root().resolve("gold/qlib/calendars/day.txt");
                while ((!handoffs.pending(Handoffs.SILVER).isEmpty() || !handoffs.pending(Handoffs.GOLD).isEmpty()
                        || !Files.exists(calendar)) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                assertEquals(List.of(), handoffs.pending(Handoffs.SILVER), "consumed after silver committed");
                assertEquals(List.of(), handoffs.pending(Handoffs.GOLD), "consumed after gold committed");
                for (LocalDate day : handoff.days()) {
                    assertTrue(Files.exists(layout.silverDayFile("stocks_daily", day)), "silver for " + day);
                }
                assertEquals(handoff.days().stream().map(LocalDate::toString).collect(java.util.stream.Collectors.toList()),
                        Files.readAllLines(calendar), "gold's calendar holds the ingested days");
            }
        }
    }

    @Test
    void aHandoffTheStageCannotProcessStaysForTheNextAttempt() throws Exception {
        Path folder = Files.createDirectories(new LakeLayout(lake).handoffFolder(Handoffs.SILVER));
        Path broken = folder.resolve("20240101T000000Z-broken.json");
        Files.writeString(broken, "{\"stage\":\"silver\",\"days\":[\"not-a-date\"]", StandardCharsets.UTF_8);
        try (QuantMiniCamel daemon = QuantMiniCamel.create(TestApp.config(lake, "http://127.0.0.1:9", Map.of()),
                TestApp.ROUTES_DIR, true, Clock.systemUTC()).start()) {
            Thread.sleep(3000);
        }
        assertTrue(Files.exists(broken), "a failed handoff is not deleted");
    }
}
