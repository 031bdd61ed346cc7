package io.quantmini.ingest;

import io.quantmini.LogCapture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantmini.app.QuantMiniCamel;
import io.quantmini.bronze.BronzeReader;
import io.quantmini.bronze.DatasetSchema;
import io.quantmini.config.QuantMiniConfig;
import io.quantmini.lake.AtomicFiles;
import io.quantmini.lake.DayFiles;
import io.quantmini.lake.LakeLayout;
import io.quantmini.lake.ParquetColumns;
import io.quantmini.landing.LandingStore;
import io.quantmini.replay.PolygonResponder;
import io.quantmini.replay.CapturedResponses;
import io.quantmini.replay.ReplayResponse;
import io.quantmini.replay.ReplayServer;
import io.quantmini.replay.SyntheticMarket;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bars fetched before a split took effect are on the old share basis; once the split is in bronze/splits, the next
 * incremental ingest (and the schedule's window) fetches those days again, and the lake ends as one fetched after
 * the split.
 */
class SplitAdjustedIngestTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final String GROUPED = "/v2/aggs/grouped/locale/us/market/stocks/";
    private static final String TICKER = "/v2/aggs/ticker/";

    @TempDir
    Path tmp;

    /**
     * The synthetic market as Polygon answers it before the split: bars on the old share basis (the market's
     * unadjusted bars, which are those before the split took effect), and no split reported. Counts bar requests.
     */
    private static final class PolygonOverTime implements PolygonResponder {
        private final SyntheticMarket market;
        /** Grouped daily requests (a day of every ticker) and per-ticker requests (days of one ticker). */
        final AtomicInteger dayRequests = new AtomicInteger();
        final AtomicInteger tickerRequests = new AtomicInteger();
        volatile boolean splitTookEffect;

        PolygonOverTime(SyntheticMarket market) {
            this.market = market;
        }

        @Override
        public ReplayResponse respond(String path, Map<String, String> query, String baseUrl) {
            Map<String, String> asked = new HashMap<>(query);
            if (path.startsWith(GROUPED) || path.startsWith(TICKER)) {
                (path.startsWith(GROUPED) ? dayRequests : tickerRequests).incrementAndGet();
                if (!splitTookEffect) {
                    // Adjusted for the splits known so far (none): the old basis, in an answer that says adjusted.
                    asked.put("adjusted", "false");
                    ReplayResponse oldBasis = market.respond(path, asked, baseUrl);
                    String body = new String(oldBasis.body(), StandardCharsets.UTF_8);
                    assertTrue(body.contains("\"adjusted\":false"), body);
                    return ReplayResponse.ok(body.replace("\"adjusted\":false", "\"adjusted\":true")
                            .getBytes(StandardCharsets.UTF_8));
                }
            } else if (!splitTookEffect) {
                asked.put("ticker", "NO-SUCH-TICKER"); // the splits endpoint reports nothing yet
            }
            return market.respond(path, asked, baseUrl);
        }
    }

    private static final LocalDate START = LocalDate.of(2024, 1, 2);

    /** 40 tickers from {@link #START} to the end of March 2024, one of which splits 1-for-4. */
    private static SyntheticMarket market() {
        return new SyntheticMarket(new SyntheticMarket.Spec(40, START, LocalDate.of(2024, 3, 28), 3),
                TestApp.calendar());
    }

    /** The market's split, as its splits endpoint reports it. */
    private record SplitOf(String ticker, LocalDate executed) {
        static SplitOf first(SyntheticMarket market) throws IOException {
            JsonNode split = new ObjectMapper().readTree(market.respond("/v3/reference/splits", Map.of(), "http://x")
                    .body()).get("results").get(0);
            return new SplitOf(split.get("ticker").asText(), LocalDate.parse(split.get("execution_date").asText()));
        }
    }

    private static Clock newYork(LocalDate day, int hour) {
        return Clock.fixed(LocalDateTime.of(day, java.time.LocalTime.of(hour, 0)).atZone(NEW_YORK).toInstant(),
                NEW_YORK);
    }

    /** The planner a run at {@code clock} uses, with the dataset schemas of {@code configDir}. */
    private static IngestPlanner planner(Path configDir, LakeLayout lake, Clock clock) {
        return new IngestPlanner(TestApp.calendar(), lake, clock,
                dataset -> DatasetSchema.load(configDir.resolve("datasets").resolve(dataset + ".yaml")));
    }

    /**
     * One morning of the daemon's schedule at {@code clock}, its window reaching back to {@code start}: the splits
     * (with the recheck days asked for), then the bars, as {@code routes/schedule.camel.yaml} runs them.
     */
    private static final class ScheduledMorning {
        private final QuantMiniConfig config;
        private final Clock clock;
        private final ScheduledIngest schedule;
        private final int sinceStart;

        ScheduledMorning(QuantMiniConfig config, Path configDir, LakeLayout layout, Clock clock, LocalDate start) {
            this.config = config;
            this.clock = clock;
            this.schedule = new ScheduledIngest(clock, planner(configDir, layout, clock));
            this.sinceStart = (int) java.time.temporal.ChronoUnit.DAYS.between(start,
                    LocalDate.ofInstant(clock.instant(), NEW_YORK));
        }

        void splits(int recheckDays) {
            ingest(config, clock, schedule.lastDays("splits", sinceStart, recheckDays).request());
        }

        void bars() {
            ingest(config, clock, schedule.lastDays("stocks_daily", sinceStart).request());
        }
    }

    private static IngestRun ingest(QuantMiniConfig config, Clock clock, IngestRequest request) {
        try (QuantMiniCamel app = QuantMiniCamel.create(config, TestApp.ROUTES_DIR, false, clock).start()) {
            IngestRun run = app.ingest(request);
            assertFalse(run.failed(), () -> request + ": " + run.failureSummary());
            return run;
        }
    }

    /** Every bronze day's records, as text, by date. */
    private static Map<LocalDate, String> bronze(Path root) throws IOException {
        Map<LocalDate, String> days = new TreeMap<>();
        for (Map.Entry<LocalDate, Path> day : DayFiles.list(new LakeLayout(root).bronzeDataset("stocks_daily"))
                .entrySet()) {
            days.put(day.getKey(), BronzeReader.readAll(day.getValue()).toString());
        }
        return days;
    }

    /** The bronze days of {@code lake} whose bars differ from a lake fetched whole on {@code morning}. */
    private List<LocalDate> daysDifferingFromAWholeFetch(Path lake, String baseUrl, LocalDate morning)
            throws IOException {
        Path fresh = tmp.resolve("whole-" + lake.getFileName() + "-" + morning);
        ingest(TestApp.config(TestApp.CONFIG_DIR, fresh, baseUrl, Map.of()), newYork(morning, 7),
                new IngestRequest("stocks_daily", START, morning.minusDays(1), false));
        Map<LocalDate, String> whole = bronze(fresh);
        Map<LocalDate, String> ours = bronze(lake);
        assertEquals(whole.keySet(), ours.keySet());
        return whole.keySet().stream().filter(day -> !whole.get(day).equals(ours.get(day))).toList();
    }

    private static double close(Path root, LocalDate day, String ticker) throws IOException {
        for (GenericRecord bar : BronzeReader.readAll(new LakeLayout(root).bronzeDayFile("stocks_daily", day))) {
            if (bar.get("ticker").toString().equals(ticker)) {
                return (Double) bar.get("close");
            }
        }
        throw new AssertionError(ticker + " has no bar on " + day);
    }

    /** With a per-ticker endpoint (the shipped config): one request for the ticker's stale days, which are patched. */
    @Test
    void daysStaleForOneTickerArePatchedFromOneRequest() throws Exception {
        splitArrives(TestApp.CONFIG_DIR, true);
    }

    /** Without one ({@code ticker_bars} removed from the schema): every stale day is fetched again whole. */
    @Test
    void withoutAPerTickerEndpointTheStaleDaysAreFetchedAgain() throws Exception {
        Path config = TestApp.copyOfConfig(tmp.resolve("config"));
        Path schema = config.resolve("datasets").resolve("stocks_daily.yaml");
        Files.writeString(schema, Files.readString(schema).replace("ticker_bars: stocks_daily_by_ticker\n", ""));
        splitArrives(config, false);
    }

    private void splitArrives(Path configDir, boolean byTicker) throws Exception {
        LocalDate start = START;
        SyntheticMarket market = market();
        SplitOf split = SplitOf.first(market);
        String ticker = split.ticker();
        LocalDate executed = split.executed();
        List<LocalDate> days = TestApp.calendar().tradingDays(start, executed);
        LocalDate dayBefore = days.get(days.size() - 2);
        Clock eveningBefore = newYork(dayBefore, 21);
        Clock morningAfter = newYork(executed.plusDays(1), 7);

        PolygonOverTime polygon = new PolygonOverTime(market);
        Path lake = tmp.resolve("lake");
        Path fresh = tmp.resolve("fresh");
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            QuantMiniConfig config = TestApp.config(configDir, lake, server.baseUrl(), Map.of());
            // The evening before the split: bars up to that day, on the old basis.
            ingest(config, eveningBefore, new IngestRequest("stocks_daily", start, dayBefore, true));
            assertEquals(days.size() - 1, polygon.dayRequests.get());

            // The morning after: the split is reported and Polygon has re-adjusted the history.
            polygon.splitTookEffect = true;
            ingest(config, morningAfter, new IngestRequest("splits", start, executed, true));
            IngestPlanner planner = planner(configDir, new LakeLayout(lake), morningAfter);
            IngestRequest scheduled = new ScheduledIngest(morningAfter, planner).lastDays("stocks_daily", 7).request();
            assertEquals(start, scheduled.start(), "the schedule's window reaches back to the first stale day");
            assertEquals(executed, scheduled.end());

            // a run by hand over the split day alone says what it leaves on the old basis before it
            List<String> warnings = LogCapture.warnings(IngestPlanner.class,
                    () -> planner.plan(new IngestRun(new IngestRequest("stocks_daily", executed, executed, true))));
            assertTrue(warnings.stream().anyMatch(line -> line.contains(
                    "stay on the old basis: this run starts after them; `quantmini data ingest -t stocks_daily -s "
                    + start + " -e " + executed.minusDays(1) + " --incremental`")), warnings.toString());

            int staleDays = 0;
            for (LocalDate day : days.subList(0, days.size() - 1)) {
                try (ParquetColumns bars = ParquetColumns.open(new LakeLayout(lake)
                        .bronzeDayFile("stocks_daily", day))) {
                    staleDays += BronzeReader.presentStrings(bars, "ticker", Set.of(ticker)).size();
                }
            }
            assertTrue(staleDays > 20, "the splitting ticker trades before its split: " + staleDays);
            double oldBasis = close(lake, dayBefore, ticker);
            // a run killed while its per-ticker page was landing left it under a temp name
            Process ended = new ProcessBuilder("true").start();
            ended.waitFor();
            Path cutShort = new LakeLayout(lake).landingDay("stocks_daily_by_ticker", dayBefore)
                    .resolve(".x.json" + AtomicFiles.TEMP_MARKER + ended.pid() + "-0c0c");
            Files.createDirectories(cutShort.getParent());
            Files.write(cutShort, new byte[] {'{'});
            polygon.dayRequests.set(0);
            IngestRun run = ingest(config, morningAfter, scheduled);
            if (byTicker) {
                assertEquals(1, polygon.tickerRequests.get(), "one request for the ticker's stale days");
                assertEquals(1, polygon.dayRequests.get(), "and the split day itself");
            } else {
                assertEquals(0, polygon.tickerRequests.get());
                assertEquals(staleDays + 1, polygon.dayRequests.get(), "the stale days and the split day itself");
            }
            assertEquals(staleDays + 1, run.written().size(), "every changed day is handed to silver");
            assertEquals(staleDays + 1, run.plannedDays(), "the summary's days to fetch count the patched days");
            assertEquals(days.size() - staleDays - 1, run.skippedDays());
            assertEquals(4.0, oldBasis / close(lake, dayBefore, ticker), 1e-3, "a 1-for-4 split");
            assertEquals(!byTicker, Files.exists(cutShort), "swept when the run patches from per-ticker pages");

            ingest(TestApp.config(configDir, fresh, server.baseUrl(), Map.of()), morningAfter,
                    new IngestRequest("stocks_daily", start, executed, false));
            assertEquals(bronze(fresh), bronze(lake), "the same bars as a lake fetched after the split");

            polygon.dayRequests.set(0);
            polygon.tickerRequests.set(0);
            ingest(config, morningAfter, scheduled);
            assertEquals(0, polygon.dayRequests.get() + polygon.tickerRequests.get(), "a re-run fetches nothing");
        }
        if (byTicker) {
            // The lake's landing replayed: the old-basis grouped captures come with the time they were received, so
            // the replayed lake finds them stale as the captured one did, and patches them from the captured page.
            Path replayed = tmp.resolve("replayed");
            try (ReplayServer replay = ReplayServer.start(CapturedResponses.load(lake.resolve("landing")), 0)) {
                QuantMiniConfig config = TestApp.config(configDir, replayed, replay.baseUrl(), Map.of());
                ingest(config, morningAfter, new IngestRequest("splits", start, executed, true));
                ingest(config, morningAfter, new IngestRequest("stocks_daily", start, executed, true));
                ingest(config, morningAfter, new IngestRequest("stocks_daily", start, executed, true));
            }
            assertEquals(bronze(lake), bronze(replayed), "a replay of the lake's landing gives its bars");
        }
    }

    /**
     * Polygon reports a split three days after its execution date (and only then re-adjusts the bars before it). The
     * schedule asked for that date's splits on the morning after and got none; asking again for its recent days finds
     * the split, and the bars before it are brought onto the new basis. Without the recheck (0 days) the lake keeps
     * the old basis for good: a 4x jump at the split.
     */
    @Test
    void aSplitReportedDaysAfterItsExecutionStillRebasesTheBarsBeforeIt() throws Exception {
        LocalDate executed = SplitOf.first(market()).executed();
        List<LocalDate> daily = List.of(TestApp.calendar().previousTradingDay(executed).plusDays(1),
                executed.plusDays(1), executed.plusDays(4));
        assertEquals(4.0, lateSplit(30, "recheck", daily), 1e-3, "rebased: a 1-for-4 split");
        assertEquals(1.0, lateSplit(0, "no-recheck", daily), 1e-9, "never seen: still on the old basis");
    }

    /**
     * The bars before the split first fetched after its execution date but before Polygon reported it (the daemon was
     * down, or a first backfill ran in those days): Polygon had not re-adjusted them, so they are stale too, counted
     * from when the lake first saw the split (found by the review helper: they were taken as adjusted).
     */
    @Test
    void barsFetchedBetweenAnExecutionAndItsLateReportAreRebasedToo() throws Exception {
        LocalDate executed = SplitOf.first(market()).executed();
        assertEquals(4.0, lateSplit(30, "catch-up", List.of(executed.plusDays(2), executed.plusDays(4))), 1e-3,
                "rebased: a 1-for-4 split");
    }

    /**
     * The schedule runs on {@code mornings}; Polygon reports the split (and re-adjusts the bars before it) on the last
     * only. Returns the ticker's close the day before its split as first fetched, over that close in the end.
     */
    private double lateSplit(int recheckDays, String name, List<LocalDate> mornings) throws Exception {
        LocalDate start = START;
        SyntheticMarket market = market();
        SplitOf split = SplitOf.first(market);
        String ticker = split.ticker();
        LocalDate executed = split.executed();
        LocalDate dayBefore = TestApp.calendar().previousTradingDay(executed);
        Path lake = tmp.resolve(name);
        LakeLayout layout = new LakeLayout(lake);
        PolygonOverTime polygon = new PolygonOverTime(market);
        double oldBasis = Double.NaN;
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            QuantMiniConfig config = TestApp.config(TestApp.CONFIG_DIR, lake, server.baseUrl(), Map.of());
            for (LocalDate morning : mornings) {
                Clock clock = newYork(morning, 7);
                polygon.splitTookEffect = morning.equals(mornings.get(mornings.size() - 1));
                ScheduledMorning scheduled = new ScheduledMorning(config, TestApp.CONFIG_DIR, layout, clock, start);
                scheduled.splits(recheckDays);
                scheduled.bars();
                if (morning.equals(mornings.get(0))) {
                    oldBasis = close(lake, dayBefore, ticker);
                }
                if (morning.equals(executed.plusDays(1))) {
                    assertTrue(DayFiles.list(layout.bronzeDataset("splits")).containsKey(executed));
                    assertTrue(io.quantmini.bronze.BronzeSplits.read(layout).isEmpty(), "no split reported yet");
                }
            }
            // the next run asks for the recent splits again, and patches nothing again: first-seen times are kept
            Clock next = newYork(mornings.get(mornings.size() - 1).plusDays(1), 7);
            ScheduledMorning scheduled = new ScheduledMorning(config, TestApp.CONFIG_DIR, layout, next, start);
            scheduled.splits(recheckDays);
            polygon.dayRequests.set(0);
            polygon.tickerRequests.set(0);
            scheduled.bars();
            assertEquals(0, polygon.tickerRequests.get(), "no ticker patched again");
            assertTrue(polygon.dayRequests.get() <= 1, "at most the new day: " + polygon.dayRequests.get());
            return oldBasis / close(lake, dayBefore, ticker);
        }
    }

    /**
     * Polygon withdraws a split it reported (and stops adjusting the bars before it). The first answer of the recheck
     * without it may be a glitch (see {@link #aSplitMissingFromOneAnswerAndBackPatchesNothing}), so nothing is
     * patched; the second confirms the withdrawal, and the ticker's bars before the split, fetched while Polygon
     * adjusted for it, are patched back from one request. Reported again after that, the split is a new one and the
     * bars are patched once more. Each time the lake ends as one fetched then, and a re-run patches nothing.
     */
    @Test
    void aWithdrawnSplitPatchesTheBarsBackOnceASecondAnswerConfirmsIt() throws Exception {
        SyntheticMarket market = market();
        LocalDate executed = SplitOf.first(market).executed();
        String ticker = SplitOf.first(market).ticker();
        LocalDate dayBefore = TestApp.calendar().previousTradingDay(executed);
        Path lake = tmp.resolve("withdrawn");
        LakeLayout layout = new LakeLayout(lake);
        PolygonOverTime polygon = new PolygonOverTime(market);
        // the mornings after the split, whether Polygon reports it on each, and the per-ticker requests each makes
        List<LocalDate> mornings = List.of(executed.plusDays(1), executed.plusDays(2), executed.plusDays(3),
                executed.plusDays(4), executed.plusDays(5), executed.plusDays(6));
        List<Boolean> reported = List.of(true, false, false, false, true, true);
        List<Integer> patches = List.of(0, 0, 1, 0, 1, 0);
        Map<LocalDate, Integer> tickerRequests = new TreeMap<>();
        Map<LocalDate, Double> adjustment = new TreeMap<>();
        double adjusted = Double.NaN;
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            QuantMiniConfig config = TestApp.config(TestApp.CONFIG_DIR, lake, server.baseUrl(), Map.of());
            for (int i = 0; i < mornings.size(); i++) {
                LocalDate morning = mornings.get(i);
                Clock clock = newYork(morning, 7);
                polygon.splitTookEffect = reported.get(i);
                ScheduledMorning scheduled = new ScheduledMorning(config, TestApp.CONFIG_DIR, layout, clock, START);
                scheduled.splits(30);
                polygon.tickerRequests.set(0);
                scheduled.bars();
                tickerRequests.put(morning, polygon.tickerRequests.get());
                if (i == 0) {
                    adjusted = close(lake, dayBefore, ticker);
                }
                adjustment.put(morning, close(lake, dayBefore, ticker) / adjusted);
                if (i == 3 || i == 5) {
                    assertEquals(List.of(), daysDifferingFromAWholeFetch(lake, server.baseUrl(), morning),
                            "days whose bars differ from a lake fetched whole on " + morning);
                }
            }
        }
        Map<LocalDate, Integer> expected = new TreeMap<>();
        for (int i = 0; i < mornings.size(); i++) {
            expected.put(mornings.get(i), patches.get(i));
        }
        assertEquals(expected, tickerRequests, "per-ticker requests by morning");
        assertEquals(List.of(1.0, 1.0, 4.0, 4.0, 1.0, 1.0), List.copyOf(adjustment.values()),
                "the close before the split over its adjusted close, by morning: " + adjustment);
    }

    /**
     * The schedule's recheck window (here 3 days) ends right after the first answer without the split: the next run
     * fetches that day again all the same, since its file awaits a second answer, which confirms the withdrawal (found
     * by the review: the split counted as reported for good, and the bars stayed adjusted for it).
     */
    @Test
    void aWithdrawalSeenOnTheLastRecheckOfItsDayIsConfirmedAllTheSame() throws Exception {
        SyntheticMarket market = market();
        LocalDate executed = SplitOf.first(market).executed();
        Path lake = tmp.resolve("window");
        LakeLayout layout = new LakeLayout(lake);
        PolygonOverTime polygon = new PolygonOverTime(market);
        LocalDate last = executed.plusDays(8);
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            QuantMiniConfig config = TestApp.config(TestApp.CONFIG_DIR, lake, server.baseUrl(), Map.of());
            for (LocalDate morning = executed.plusDays(1); !morning.isAfter(last); morning = morning.plusDays(1)) {
                Clock clock = newYork(morning, 7);
                polygon.splitTookEffect = morning.isBefore(executed.plusDays(3)); // lacked from the third morning
                ScheduledMorning scheduled = new ScheduledMorning(config, TestApp.CONFIG_DIR, layout, clock, START);
                scheduled.splits(3);
                scheduled.bars();
            }
            assertEquals(List.of(), io.quantmini.bronze.BronzeSplits.read(layout), "withdrawn: gold has no split");
            assertEquals(List.of(), daysDifferingFromAWholeFetch(lake, server.baseUrl(), last),
                    "days whose bars differ from a lake fetched whole");
        }
    }

    /** Bars always adjusted; the splits endpoint reports the split on time, then misses it in one answer. */
    private static final class GlitchingSplits implements PolygonResponder {
        private final SyntheticMarket market;
        final AtomicInteger tickerRequests = new AtomicInteger();
        volatile boolean splitReported = true;

        GlitchingSplits(SyntheticMarket market) {
            this.market = market;
        }

        @Override
        public ReplayResponse respond(String path, Map<String, String> query, String baseUrl) {
            Map<String, String> asked = new HashMap<>(query);
            if (path.startsWith(TICKER)) {
                tickerRequests.incrementAndGet();
            } else if (!path.startsWith(GROUPED) && !splitReported) {
                asked.put("ticker", "NO-SUCH-TICKER");
            }
            return market.respond(path, asked, baseUrl);
        }
    }

    /**
     * A split reported on time that one answer of the recheck lacks, and the next holds again, is not a late split:
     * the bars were adjusted all along, and nothing is patched (found by the QA helper: it was, every bar day before
     * the split).
     */
    @Test
    void aSplitMissingFromOneAnswerAndBackPatchesNothing() throws Exception {
        SyntheticMarket market = market();
        LocalDate executed = SplitOf.first(market).executed();
        Path lake = tmp.resolve("glitch");
        LakeLayout layout = new LakeLayout(lake);
        GlitchingSplits polygon = new GlitchingSplits(market);
        List<LocalDate> mornings = List.of(executed.plusDays(1), executed.plusDays(2), executed.plusDays(3));
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            QuantMiniConfig config = TestApp.config(TestApp.CONFIG_DIR, lake, server.baseUrl(), Map.of());
            for (LocalDate morning : mornings) {
                Clock clock = newYork(morning, 7);
                polygon.splitReported = !morning.equals(mornings.get(1));
                ScheduledMorning scheduled = new ScheduledMorning(config, TestApp.CONFIG_DIR, layout, clock, START);
                scheduled.splits(30);
                assertEquals(1, io.quantmini.bronze.BronzeSplits.read(layout).size(),
                        "one answer without the split does not withdraw it (gold's factor stays): " + morning);
                scheduled.bars();
            }
            assertEquals(0, polygon.tickerRequests.get(), "bars adjusted all along: nothing patched");
            assertEquals(1, io.quantmini.bronze.BronzeSplits.read(layout).size());
        }
    }

    /**
     * The days before a split, fetched on the morning of its execution date with bars already adjusted, are fetched
     * once more the morning after (SplitBasis does not trust a day received on the execution date). That answer holds
     * the same bars, and the files are still replaced (a rebase), taking the new received time: kept as unchanged,
     * the days would stay stale and be fetched again on every run. Without a per-ticker endpoint (as
     * {@link #withoutAPerTickerEndpointTheStaleDaysAreFetchedAgain}), stale days are always fetched again whole.
     */
    @Test
    void daysFetchedOnTheirSplitsExecutionDateAreFetchedAgainOnceNotOnEveryRun() throws Exception {
        Path configDir = TestApp.copyOfConfig(tmp.resolve("config"));
        Path schema = configDir.resolve("datasets").resolve("stocks_daily.yaml");
        Files.writeString(schema, Files.readString(schema).replace("ticker_bars: stocks_daily_by_ticker\n", ""));
        SyntheticMarket market = market();
        LocalDate executed = SplitOf.first(market).executed();
        Path lake = tmp.resolve("execution-day");
        LakeLayout layout = new LakeLayout(lake);
        GlitchingSplits polygon = new GlitchingSplits(market); // bars adjusted all along, the split reported on time
        AtomicInteger dayRequests = new AtomicInteger();
        PolygonResponder counting = (path, query, baseUrl) -> {
            if (path.startsWith(GROUPED)) {
                dayRequests.incrementAndGet();
            }
            return polygon.respond(path, query, baseUrl);
        };
        List<LocalDate> mornings = List.of(executed, executed.plusDays(1), executed.plusDays(2), executed.plusDays(3));
        Map<LocalDate, Integer> requestsByMorning = new TreeMap<>();
        try (ReplayServer server = ReplayServer.start(counting, 0)) {
            QuantMiniConfig config = TestApp.config(configDir, lake, server.baseUrl(), Map.of());
            for (LocalDate morning : mornings) {
                Clock clock = newYork(morning, 7);
                ScheduledMorning scheduled = new ScheduledMorning(config, configDir, layout, clock, START);
                scheduled.splits(30);
                dayRequests.set(0);
                scheduled.bars();
                requestsByMorning.put(morning, dayRequests.get());
            }
        }
        // The morning after the execution date fetches the stale days once more; the mornings after, yesterday only.
        assertTrue(requestsByMorning.get(mornings.get(1)) > 2, requestsByMorning.toString());
        for (LocalDate morning : mornings.subList(2, mornings.size())) {
            int expected = TestApp.calendar().isTradingDay(morning.minusDays(1)) ? 1 : 0;
            assertEquals(expected, requestsByMorning.get(morning), "grouped requests on " + morning + ": "
                    + requestsByMorning);
        }
    }

    /**
     * A run by hand that is not incremental replaces the split-stale days it fetches even when Polygon's answer holds
     * the same bars (their files take the new received time), so they are done; the days no split touched keep their
     * files (unchanged).
     */
    @Test
    void aRunByHandOverStaleDaysWithTheSameBarsMakesThemDone() throws Exception {
        Path configDir = TestApp.copyOfConfig(tmp.resolve("config"));
        SyntheticMarket market = market();
        LocalDate executed = SplitOf.first(market).executed();
        Path lake = tmp.resolve("by-hand");
        GlitchingSplits polygon = new GlitchingSplits(market); // bars adjusted all along, the split reported on time
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            QuantMiniConfig config = TestApp.config(configDir, lake, server.baseUrl(), Map.of());
            ingest(config, newYork(executed, 7), new IngestRequest("stocks_daily", START, executed.minusDays(1), true));
            Clock dayAfter = newYork(executed.plusDays(1), 7);
            ingest(config, dayAfter, new IngestRequest("splits", START, executed, true));
            IngestPlanner planner = planner(configDir, new LakeLayout(lake), dayAfter);
            int stale = planner.staleDays("stocks_daily", START, executed).size();
            assertTrue(stale > 20, "received on the execution date's morning: " + stale);

            IngestRun byHand = ingest(config, dayAfter, new IngestRequest("stocks_daily", START, executed, false));

            assertEquals(Map.of(), planner.staleDays("stocks_daily", START, executed));
            assertEquals(stale + 1, byHand.written().size(), "the stale days and the split day itself");
            assertEquals(byHand.plannedDays() - stale - 1, byHand.unchangedDays());
        }
    }

    /**
     * A run by hand that is not incremental is the way to repair a damaged bronze day: a day file cut short does not
     * fail its split check (such a file is fetched again as missing), and a splits file that cannot be read only warns
     * there, since that run fetches every day anyway (found by the final review: both failed the run).
     */
    @Test
    void aRunByHandRepairsADamagedDayWithoutFailing() throws Exception {
        Path configDir = TestApp.copyOfConfig(tmp.resolve("config"));
        SyntheticMarket market = market();
        LocalDate executed = SplitOf.first(market).executed();
        Path lake = tmp.resolve("damaged");
        GlitchingSplits polygon = new GlitchingSplits(market);
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            QuantMiniConfig config = TestApp.config(configDir, lake, server.baseUrl(), Map.of());
            Clock dayAfter = newYork(executed.plusDays(1), 7);
            ingest(config, dayAfter, new IngestRequest("stocks_daily", START, executed, true));
            ingest(config, dayAfter, new IngestRequest("splits", START, executed, true));
            Path damaged = new LakeLayout(lake).bronzeDayFile("stocks_daily", START);
            byte[] bytes = Files.readAllBytes(damaged);
            Files.write(damaged, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // a hand copy cut short

            try (QuantMiniCamel app = QuantMiniCamel.create(config, TestApp.ROUTES_DIR, false, dayAfter).start()) {
                IngestRun byHand = app.ingest(new IngestRequest("stocks_daily", START, executed, false));
                assertTrue(DayFiles.isWholeParquet(damaged), "the damaged day is rewritten");
                assertFalse(byHand.failed(), byHand::failureSummary);

                Path splits = new LakeLayout(lake).bronzeDayFile("splits", executed);
                Files.write(splits, java.util.Arrays.copyOf(Files.readAllBytes(splits), 20));
                IngestRun again = app.ingest(new IngestRequest("stocks_daily", START, executed, false));
                assertFalse(again.failed(), again::failureSummary);
                assertTrue(app.ingest(new IngestRequest("stocks_daily", START, executed, true)).failureSummary()
                        .contains("split check"), "an incremental run still fails on it, naming it");
            }
        }
    }

    /**
     * A ticker's bars over the days a split made stale, refused by Polygon: each of those days failed (they keep the
     * old basis), not only the last one the request was filed under, so the summary's days add up to those requested.
     */
    @Test
    void aFailedPerTickerPatchFailsEachOfItsDaysInTheSummary() throws Exception {
        SplitOf split = SplitOf.first(market());
        IngestRun run = patchRunWhoseTickerAnswerIs(ReplayResponse.json(404,
                "{\"status\":\"NOT_FOUND\",\"message\":\"no\"}".getBytes(StandardCharsets.UTF_8)));
        IngestSummary summary = IngestSummary.of(run);
        assertTrue(run.failed());
        assertTrue(summary.datesFailed() > 20, summary.oneLine());
        assertEquals(summary.datesRequested(), summary.datesWritten() + summary.datesFailed(), summary.oneLine());
        assertEquals(List.of(split.executed()), List.copyOf(run.written().keySet()), "the new day is written");
        assertTrue(run.failures().values().stream().allMatch(reason -> reason.contains("HTTP 404")),
                run.failures()::toString);
    }

    /**
     * A ticker whose per-ticker answer holds no bar for its stale days keeps its old bars there: each of those days
     * failed in the summary, as with a refused answer, not a run problem beside {@code failed=0}.
     */
    @Test
    void aTickerLeftAloneFailsEachOfItsStaleDaysInTheSummary() throws Exception {
        SplitOf split = SplitOf.first(market());
        IngestRun run = patchRunWhoseTickerAnswerIs(ReplayResponse.ok(("{\"ticker\":\"" + split.ticker()
                + "\",\"queryCount\":0,\"resultsCount\":0,\"adjusted\":true,\"status\":\"OK\",\"request_id\":\"none\"}")
                .getBytes(StandardCharsets.UTF_8)));
        IngestSummary summary = IngestSummary.of(run);
        assertTrue(run.failed());
        int staleDays = TestApp.calendar().tradingDays(START, split.executed()).size() - 1;
        assertEquals(staleDays, summary.datesFailed(), summary.oneLine());
        assertEquals(summary.datesRequested(), summary.datesWritten() + summary.datesFailed(), summary.oneLine());
        assertTrue(run.failures().values().stream().allMatch(reason -> reason.startsWith(split.ticker()
                + ": its per-ticker answer has no valid bar")), run.failures()::toString);
        assertTrue(run.failureSummary().startsWith("stocks_daily " + START + ": " + split.ticker()),
                run.failureSummary());
    }

    /**
     * A per-ticker answer without the bar of one stale day: that day loses its old-basis bar to the rejects, and the
     * run names the ticker and the day (with the command that fetches it whole), not only a count of rejects.
     */
    @Test
    void aStaleDayMissingFromTheTickerAnswerIsNamedInAWarning() throws Exception {
        SplitOf split = SplitOf.first(market());
        LocalDate[] dropped = new LocalDate[1];
        List<String> warnings = LogCapture.warnings(BronzeStage.class, () -> {
            IngestRun run = patchRunsWhoseTickerAnswerIs(answer -> {
                try {
                    JsonNode body = new ObjectMapper().readTree(answer.body());
                    JsonNode first = ((com.fasterxml.jackson.databind.node.ArrayNode) body.get("results")).remove(0);
                    dropped[0] = java.time.Instant.ofEpochMilli(first.get("t").asLong()).atZone(NEW_YORK)
                            .toLocalDate();
                    ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("resultsCount",
                            body.get("results").size());
                    return ReplayResponse.ok(body.toString().getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, 1);
            assertFalse(run.failed(), run::failureSummary);
            assertEquals(1, IngestSummary.of(run).rejects(), IngestSummary.of(run).oneLine());
        });
        LocalDate day = dropped[0];
        String expected = "stocks_daily: the per-ticker answer for \"" + split.ticker() + "\" has no valid bar on 1 of"
                + " its stale days (" + day + "): ";
        assertEquals(1, warnings.stream().filter(w -> w.startsWith(expected)
                && w.endsWith("data ingest -t stocks_daily -s " + day + " -e " + day + " (without --incremental)"))
                .count(), warnings::toString);
        for (GenericRecord bar : BronzeReader.readAll(new LakeLayout(tmp.resolve("lake"))
                .bronzeDayFile("stocks_daily", day))) {
            assertFalse(bar.get("ticker").toString().equals(split.ticker()), "the old-basis bar left bronze");
        }
    }

    /**
     * The run after that asks for the ticker's bars again, and lands them as a re-fetch, marked pending in their
     * landing folder until used. Used they are, though left alone: nothing would ever settle the mark (the per-ticker
     * dataset is not fetched by day), and every replay of the landing warned to fetch the day again.
     */
    @Test
    void aTickerLeftAloneAgainLeavesNoPendingMarkInItsLanding() throws Exception {
        SplitOf split = SplitOf.first(market());
        IngestRun again = patchRunsWhoseTickerAnswerIs(ReplayResponse.ok(("{\"ticker\":\"" + split.ticker()
                + "\",\"queryCount\":0,\"resultsCount\":0,\"adjusted\":true,\"status\":\"OK\",\"request_id\":\"none\"}")
                .getBytes(StandardCharsets.UTF_8)), 2);
        assertTrue(again.failed(), "still left alone");
        try (java.util.stream.Stream<Path> files = Files.walk(tmp.resolve("lake/landing/stocks_daily_by_ticker"))) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().equals(LandingStore.PENDING_FILE))
                    .toList());
        }
    }

    /**
     * Bars ingested up to the day before the market's first split, then its splits, then the incremental run that
     * patches the split ticker's stale days, with Polygon answering that ticker's request with {@code tickerAnswer}.
     */
    private IngestRun patchRunWhoseTickerAnswerIs(ReplayResponse tickerAnswer) throws Exception {
        return patchRunsWhoseTickerAnswerIs(tickerAnswer, 1);
    }

    /** As {@link #patchRunWhoseTickerAnswerIs}, the incremental run made {@code runs} times; the last one's result. */
    private IngestRun patchRunsWhoseTickerAnswerIs(ReplayResponse tickerAnswer, int runs) throws Exception {
        return patchRunsWhoseTickerAnswerIs(answer -> tickerAnswer, runs);
    }

    /** As {@link #patchRunsWhoseTickerAnswerIs}, the answer being the market's own as {@code edit} makes it. */
    private IngestRun patchRunsWhoseTickerAnswerIs(java.util.function.UnaryOperator<ReplayResponse> edit, int runs)
            throws Exception {
        SyntheticMarket market = market();
        SplitOf split = SplitOf.first(market);
        List<LocalDate> days = TestApp.calendar().tradingDays(START, split.executed());
        LocalDate dayBefore = days.get(days.size() - 2);
        PolygonOverTime polygon = new PolygonOverTime(market);
        PolygonResponder answering = (path, query, base) -> path.startsWith(TICKER) && polygon.splitTookEffect
                ? edit.apply(polygon.respond(path, query, base)) : polygon.respond(path, query, base);
        try (ReplayServer server = ReplayServer.start(answering, 0)) {
            QuantMiniConfig config = TestApp.config(tmp.resolve("lake"), server.baseUrl(), Map.of());
            ingest(config, newYork(dayBefore, 21), new IngestRequest("stocks_daily", START, dayBefore, true));
            polygon.splitTookEffect = true;
            Clock morningAfter = newYork(split.executed().plusDays(1), 7);
            ingest(config, morningAfter, new IngestRequest("splits", START, split.executed(), true));
            try (QuantMiniCamel app = QuantMiniCamel.create(config, TestApp.ROUTES_DIR, false, morningAfter).start()) {
                IngestRun run = null;
                for (int r = 0; r < runs; r++) {
                    run = app.ingest(new IngestRequest("stocks_daily", START, split.executed(), true));
                }
                return run;
            }
        }
    }
}
