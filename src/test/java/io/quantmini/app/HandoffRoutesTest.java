package io.quantmini.app;

import io.quantmini.ingest.IngestRequest;
import io.quantmini.LogCapture;
import io.quantmini.ingest.IngestRun;
import io.quantmini.ingest.ScriptedPolygon;
import io.quantmini.ingest.TestApp;
import io.quantmini.lake.Handoffs;
import io.quantmini.lake.LakeLayout;
import io.quantmini.replay.ReplayResponse;
import io.quantmini.replay.ReplayServer;
import io.quantmini.silver.SilverHandoffConsumer;
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
            assertFalse(Files.exists(layout.root().resolve("silver")),
                    "one-shot commands leave the handoff for the daemon");

            // killed before its handoff was written: the next ingest fetches nothing, yet hands silver the days it
            // lacks; with that handoff waiting, a further ingest adds none
            Files.delete(pending.get(0));
            IngestRequest again = new IngestRequest("stocks_daily", START, END, true);
            assertEquals(0, TestApp.ingest(TestApp.config(lake, server.baseUrl(), Map.of()), again).written().size());
            List<Path> owed = handoffs.pending(Handoffs.SILVER);
            assertEquals(1, owed.size());
            assertEquals(handoff.days(), Handoffs.parse(Files.readAllBytes(owed.get(0)), "owed").days());
            TestApp.ingest(TestApp.config(lake, server.baseUrl(), Map.of()), again);
            assertEquals(owed, handoffs.pending(Handoffs.SILVER));

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
                assertEquals(handoff.days().stream().map(LocalDate::toString)
                        .collect(java.util.stream.Collectors.toList()),
                        Files.readAllLines(calendar), "gold's calendar holds the ingested days");
            }

            // A gold run that failed leaves gold owed a handoff, which only silver writes: the next ingest, with
            // nothing new and nothing for silver, hands silver no days, and silver passes gold's handoff on.
            Path goldCalendar = layout.root().resolve("gold/qlib/calendars/day.txt");
            Files.delete(goldCalendar);
            Path owedGold = handoffs.markUnpublished(Handoffs.GOLD, "stocks_daily");
            assertEquals(0, TestApp.ingest(TestApp.config(lake, server.baseUrl(), Map.of()), again).written().size());
            List<Path> passOn = handoffs.pending(Handoffs.SILVER);
            assertEquals(1, passOn.size());
            assertEquals(List.of(), Handoffs.parse(Files.readAllBytes(passOn.get(0)), "owed").days());
            try (QuantMiniCamel daemon = QuantMiniCamel.create(TestApp.config(lake, server.baseUrl(), Map.of()),
                    TestApp.ROUTES_DIR, true, Clock.systemUTC()).start()) {
                long deadline = System.currentTimeMillis() + 90_000;
                while (!Files.exists(goldCalendar) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
            }
            assertTrue(Files.exists(goldCalendar), "gold rebuilt from its owed handoff");
            assertFalse(Files.exists(owedGold), "the mark is gone once gold's handoff is written");
        }
    }

    /**
     * A handoff the stage cannot carry out (not a handoff, or naming a dataset that is not daily bars) is set aside in
     * failed/ with one error line, instead of being retried every poll; a gold handoff naming splits no longer
     * replaces the Qlib provider with one built from splits.
     */
    @Test
    void aHandoffTheStageCannotCarryOutIsSetAside() throws Exception {
        LakeLayout layout = new LakeLayout(lake);
        Path silverFolder = Files.createDirectories(layout.handoffFolder(Handoffs.SILVER));
        Path goldFolder = Files.createDirectories(layout.handoffFolder(Handoffs.GOLD));
        Files.createDirectories(layout.bronzeDataset("splits"));
        Path broken = silverFolder.resolve("20240101T000000Z-broken.json");
        Files.writeString(broken, "{\"stage\":\"silver\",\"days\":[\"not-a-date\"]", StandardCharsets.UTF_8);
        Path splits = goldFolder.resolve("20240101T000000Z-splits.json");
        Files.writeString(splits, "{\"stage\":\"gold\",\"dataset\":\"splits\",\"days\":[]}", StandardCharsets.UTF_8);
        Path unknown = goldFolder.resolve("20240101T000001Z-unknown.json");
        Files.writeString(unknown, "{\"stage\":\"gold\",\"dataset\":\"../nosuch\",\"days\":[]}",
                StandardCharsets.UTF_8);
        try (QuantMiniCamel daemon = QuantMiniCamel.create(TestApp.config(lake, "http://127.0.0.1:9", Map.of()),
                TestApp.ROUTES_DIR, true, Clock.systemUTC()).start()) {
            long deadline = System.currentTimeMillis() + 30_000;
            while ((Files.exists(broken) || Files.exists(splits) || Files.exists(unknown))
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            // moved back to be retried, it is taken again (set aside again, as it is still not a handoff)
            Path keptBroken = broken.resolveSibling(Handoffs.FAILED).resolve(broken.getFileName());
            Files.move(keptBroken, broken);
            deadline = System.currentTimeMillis() + 60_000;
            while (Files.exists(broken) && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(keptBroken), "retried once moved back");
        }
        for (Path handoff : List.of(broken, splits, unknown)) {
            assertFalse(Files.exists(handoff), handoff + " is not retried");
            Path kept = handoff.resolveSibling(Handoffs.FAILED).resolve(handoff.getFileName());
            assertTrue(Files.readString(kept).startsWith("{\"stage\""), kept + " keeps the handoff as it was");
        }
        assertFalse(Files.exists(layout.goldQlib()), "no provider built from splits");
    }

    /**
     * A trading day bronze lacks (its fetch failed for good) is one that silver and gold would join its neighbours
     * across without a word: the daemon's silver run warns, naming it and the command that fetches it.
     */
    @Test
    void theDaemonWarnsOfATradingDayBronzeLacks() throws Exception {
        SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(8, START, END, 9), TestApp.calendar());
        ScriptedPolygon polygon = new ScriptedPolygon(market).always("/stocks/2024-01-09", ReplayResponse.json(500,
                "{\"status\":\"ERROR\"}".getBytes(StandardCharsets.UTF_8)));
        LakeLayout layout = new LakeLayout(lake);
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            assertTrue(TestApp.ingest(TestApp.config(lake, server.baseUrl(), Map.of("quantmini.polygon.max-retries",
                    "0")), new IngestRequest("stocks_daily", START, END, false)).failed());
        }
        List<String> warnings = LogCapture.messages(SilverHandoffConsumer.class.getName(),
                ch.qos.logback.classic.Level.WARN, () -> {
                    try (QuantMiniCamel daemon = QuantMiniCamel.create(TestApp.config(lake, "http://127.0.0.1:9",
                            Map.of()), TestApp.ROUTES_DIR, true, Clock.systemUTC()).start()) {
                        long deadline = System.currentTimeMillis() + 60_000;
                        Path calendar = layout.root().resolve("gold/qlib/calendars/day.txt");
                        while (!Files.exists(calendar) && System.currentTimeMillis() < deadline) {
                            Thread.sleep(100);
                        }
                    }
                });
        assertEquals(List.of("bronze stocks_daily lacks 1 NYSE trading day between its first and last day: 2024-01-09;"
                + " silver and gold read the days either side of it as consecutive. Fetch it: quantmini data ingest"
                + " -t stocks_daily -s 2024-01-09 -e 2024-01-09 --incremental (a day the market was closed goes in"
                + " config/calendar/nyse-closures.csv)"), warnings);
        assertFalse(Files.readAllLines(layout.root().resolve("gold/qlib/calendars/day.txt")).contains("2024-01-09"));
    }

    /**
     * A handoff the daemon carried out but whose file the disk keeps (chattr +i: unlink refused, the file still reads)
     * is said once and not run again every poll (it was, with a Camel stack trace each time: the daemon
     * fault-injection report's D6); nor does it hold silver back as a handoff "already waiting": the daemon's next
     * ingest that fetched nothing still hands silver the day it lacks (found by the review of that fix). Needs chattr,
     * root and a file system that honours it; skipped elsewhere.
     */
    @Test
    void aHandoffTheDiskKeepsIsSaidOnceAndDoesNotHoldSilverBack() throws Exception {
        SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(8, START, END, 9), TestApp.calendar());
        LakeLayout layout = new LakeLayout(lake);
        Handoffs handoffs = new Handoffs(layout, Clock.systemUTC());
        Path stuck = null;
        try (ReplayServer server = ReplayServer.start(market, 0)) {
            IngestRun run = TestApp.ingest(TestApp.config(lake, server.baseUrl(), Map.of()),
                    new IngestRequest("stocks_daily", START, END, false));
            assertFalse(run.failed());
            org.junit.jupiter.api.Assumptions.assumeTrue(chattr("+i", run.handoff()), "chattr +i is not available");
            stuck = run.handoff();
            try (QuantMiniCamel daemon = QuantMiniCamel.create(TestApp.config(lake, server.baseUrl(), Map.of()),
                    TestApp.ROUTES_DIR, true, Clock.systemUTC()).start()) {
                List<String> said = LogCapture.warnings(io.quantmini.lake.HandoffTaker.class, () -> {
                    long deadline = System.currentTimeMillis() + 90_000;
                    while (!Files.exists(layout.silverDayFile("stocks_daily", END))
                            && System.currentTimeMillis() < deadline) {
                        Thread.sleep(100);
                    }
                    Thread.sleep(5_000); // a few polls
                });
                assertEquals(1, said.size(), "said once: " + said);
                assertTrue(said.get(0).contains("carried out, but cannot be removed"), said.get(0));

                LocalDate lacking = LocalDate.of(2024, 1, 10);
                Files.delete(layout.silverDayFile("stocks_daily", lacking));
                IngestRun again = new IngestRun(new IngestRequest("stocks_daily", START, END, true));
                org.apache.camel.Exchange exchange = new org.apache.camel.support.DefaultExchange(daemon.context());
                exchange.setProperty(io.quantmini.polygon.FetchRun.PROPERTY, again);
                daemon.context().getRegistry().lookupByNameAndType("bronzeHandoff",
                        io.quantmini.ingest.BronzeHandoff.class).written(exchange); // the schedule route's last step
                long deadline = System.currentTimeMillis() + 30_000;
                while (!Files.exists(layout.silverDayFile("stocks_daily", lacking))
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                }
                assertTrue(Files.exists(layout.silverDayFile("stocks_daily", lacking)), "silver caught up");
            }
        } finally {
            if (stuck != null) {
                chattr("-i", stuck);
            }
        }
    }

    private static boolean chattr(String flag, Path file) throws Exception {
        try {
            Process process = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return process.waitFor() == 0;
        } catch (java.io.IOException noChattr) {
            return false;
        }
    }
}
