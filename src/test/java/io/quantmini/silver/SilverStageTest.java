package io.quantmini.silver;

import io.quantmini.LogCapture;
import io.quantmini.bronze.BronzeReader;
import io.quantmini.lake.AtomicFiles;
import io.quantmini.lake.LakeLayout;
import io.quantmini.silver.alpha158.Alpha158;
import io.quantmini.silver.BronzeLake.Bar;
import io.quantmini.lake.FileStamp;
import io.quantmini.lake.FooterKeys;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.stream.IntStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SilverStageTest {

    private static final List<String> FEATURES = Alpha158.featureNames();
    private static final LocalDate START = LocalDate.of(2024, 1, 2);

    @TempDir
    Path tmp;

    /** AAA trades every day; GAP misses days 30, 31 and 75; IPO lists on day 50; DEL delists after day 100. */
    private static Map<LocalDate, List<Bar>> market(int days, long seed) {
        BronzeLake.Walk walk = new BronzeLake.Walk(seed);
        Map<LocalDate, List<Bar>> market = new TreeMap<>();
        List<LocalDate> dates = BronzeLake.weekdays(START, days);
        for (int d = 0; d < days; d++) {
            List<Bar> bars = new ArrayList<>();
            bars.add(walk.bar("AAA", d));
            if (d < 100) {
                bars.add(walk.bar("DEL", d));
            }
            if (d != 30 && d != 31 && d != 75) {
                bars.add(walk.bar("GAP", d));
            }
            if (d >= 50) {
                bars.add(walk.bar("IPO", d));
            }
            market.put(dates.get(d), bars);
        }
        return market;
    }

    private static LocalDate lastDay(Map<LocalDate, List<Bar>> market) {
        return new TreeMap<>(market).lastKey();
    }

    /**
     * A lake of every day of the market but its last, silver built by {@code stage}, then the last day's bronze added.
     */
    private static BronzeLake silverBuiltThenLastDayAdded(Path root, Map<LocalDate, List<Bar>> market,
                                                          Function<LakeLayout, SilverStage> stage) throws IOException {
        LocalDate last = lastDay(market);
        Map<LocalDate, List<Bar>> before = new TreeMap<>(market);
        before.remove(last);
        BronzeLake lake = lake(root, before);
        stage.apply(lake.lake).run(null, null, false);
        lake.writeDay(last, market.get(last));
        return lake;
    }

    /** The day's bars with AAA's (the first) corrected: a higher high and close. */
    private static List<Bar> withAaaCorrected(List<Bar> day) {
        List<Bar> fixed = new ArrayList<>(day);
        Bar aaa = fixed.get(0);
        fixed.set(0, new Bar("AAA", aaa.open(), aaa.high() * 1.5, aaa.low(), aaa.high() * 1.4, aaa.volume(),
                aaa.vwap()));
        return fixed;
    }

    private static BronzeLake lake(Path root, Map<LocalDate, List<Bar>> market) throws IOException {
        BronzeLake lake = new BronzeLake(root);
        for (Map.Entry<LocalDate, List<Bar>> day : market.entrySet()) {
            lake.writeDay(day.getKey(), day.getValue());
        }
        return lake;
    }

    /**
     * Alpha158.compute on each symbol's calendar-aligned series (first to last bar, NaN holes): ticker → date → 158.
     */
    private static Map<String, Map<LocalDate, float[]>> reference(Map<LocalDate, List<Bar>> market) {
        List<LocalDate> calendar = new ArrayList<>(market.keySet());
        Map<String, Map<LocalDate, Bar>> byTicker = new TreeMap<>();
        market.forEach((date, bars) -> bars.forEach(b -> byTicker.computeIfAbsent(b.ticker(), t -> new TreeMap<>())
                .put(date, b)));
        Map<String, Map<LocalDate, float[]>> out = new TreeMap<>();
        byTicker.forEach((ticker, bars) -> {
            int first = calendar.indexOf(((TreeMap<LocalDate, Bar>) bars).firstKey());
            int last = calendar.indexOf(((TreeMap<LocalDate, Bar>) bars).lastKey());
            int n = last - first + 1;
            double[][] s = new double[6][n];
            for (int i = 0; i < n; i++) {
                Bar b = bars.get(calendar.get(first + i));
                double[] v = b == null
                        ? new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN}
                        : new double[] {b.open(), b.high(), b.low(), b.close(), b.volume(),
                                b.vwap() == null ? Double.NaN : b.vwap()};
                for (int f = 0; f < 6; f++) {
                    s[f][i] = v[f];
                }
            }
            float[][] features = Alpha158.compute(s[0], s[1], s[2], s[3], s[4], s[5]);
            Map<LocalDate, float[]> rows = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                float[] row = new float[FEATURES.size()];
                for (int f = 0; f < row.length; f++) {
                    row[f] = features[f][i];
                }
                rows.put(calendar.get(first + i), row);
            }
            out.put(ticker, rows);
        });
        return out;
    }

    private static float feature(GenericRecord row, String name) {
        return (Float) row.get(name);
    }

    @Test
    void silverRowsAreAlpha158OfTheAlignedSeries() throws IOException {
        // 100 weekdays from January: one half-year block, so every series starts at the symbol's first bar, as in
        // the reference, and values must be identical.
        Map<LocalDate, List<Bar>> market = market(100, 1);
        BronzeLake lake = lake(tmp, market);
        SilverResult result = new SilverStage(lake.lake, BronzeLake.DATASET).run(null, null, false);

        assertEquals(100, result.daysWritten());
        assertEquals(4, result.symbols());
        Map<String, Map<LocalDate, float[]>> expected = reference(market);
        long rows = 0;
        for (LocalDate date : market.keySet()) {
            List<GenericRecord> silver = lake.silverRows(date);
            List<String> tickers = silver.stream().map(r -> r.get("ticker").toString()).toList();
            assertEquals(market.get(date).stream().map(Bar::ticker).sorted().toList(), tickers, "rows of " + date);
            for (GenericRecord row : silver) {
                float[] want = expected.get(row.get("ticker").toString()).get(date);
                for (int f = 0; f < FEATURES.size(); f++) {
                    assertEquals(want[f], feature(row, FEATURES.get(f)), 0f,
                            row.get("ticker") + " " + date + " " + FEATURES.get(f));
                }
            }
            rows += silver.size();
        }
        assertEquals(rows, result.rows());
        // the benchmark's breakdown of the compute phase is measured, not left at zero
        ComputeTimes times = result.computeTimes();
        assertTrue(times.featuresCpu() > 0 && times.copyCpu() >= 0 && times.tablesSeconds() > 0, times.toString());
        assertTrue(times.tablesSeconds() <= result.computeSeconds(), times + " within " + result.computeSeconds());
    }

    /**
     * Enough symbols for two compute batches and many copy tiles, each missing some days, listing late or delisting
     * early: every day's rows are runs of batch symbols broken at other places, and each row must hold its own
     * symbol's values.
     */
    @Test
    void aWideMarketWithHolesGivesEverySymbolItsOwnSeriesValues() throws IOException {
        BronzeLake.Walk walk = new BronzeLake.Walk(3);
        Map<LocalDate, List<Bar>> market = new TreeMap<>();
        List<LocalDate> dates = BronzeLake.weekdays(START, 40);
        for (int d = 0; d < dates.size(); d++) {
            List<Bar> bars = new ArrayList<>();
            for (int s = 0; s < 700; s++) {
                boolean listed = (s % 97 != 5 || d >= 20) && (s % 89 != 7 || d < 25);
                if (listed && (s * 7 + d * 13) % 11 != 0) {
                    bars.add(walk.bar(String.format("S%04d", s), d));
                }
            }
            market.put(dates.get(d), bars);
        }
        BronzeLake lake = lake(tmp, market);
        SilverResult result = new SilverStage(lake.lake, BronzeLake.DATASET).run(null, null, false);

        assertEquals(700, result.symbols());
        Map<String, Map<LocalDate, float[]>> expected = reference(market);
        for (LocalDate date : market.keySet()) {
            List<GenericRecord> silver = lake.silverRows(date);
            assertEquals(market.get(date).size(), silver.size(), "rows of " + date);
            for (GenericRecord row : silver) {
                float[] want = expected.get(row.get("ticker").toString()).get(date);
                for (int f = 0; f < FEATURES.size(); f++) {
                    String feature = FEATURES.get(f);
                    assertEquals(want[f], feature(row, feature), 0f,
                            () -> row.get("ticker") + " " + date + " " + feature);
                }
            }
        }
    }

    @Test
    void gapDaysHaveNoRowAndCountAsNaNRowsInTheWindows() throws IOException {
        Map<LocalDate, List<Bar>> market = market(100, 2);
        BronzeLake lake = lake(tmp, market);
        new SilverStage(lake.lake, BronzeLake.DATASET).run(null, null, true);
        List<LocalDate> days = new ArrayList<>(market.keySet());

        assertFalse(tickers(lake, days.get(30)).contains("GAP"));
        assertFalse(tickers(lake, days.get(75)).contains("GAP"));
        GenericRecord after = row(lake, days.get(32), "GAP");
        // Ref(close, 1) on day 32 is the hole of day 31: ROC5 reads day 27, a bar, so it is defined, while the
        // count of up-days over 5 rows sees two comparisons with a hole (False) among the 5 rows.
        assertFalse(Float.isNaN(feature(after, "ROC5")));
        Bar d27 = market.get(days.get(27)).stream().filter(b -> b.ticker().equals("GAP")).findFirst().orElseThrow();
        Bar d32 = market.get(days.get(32)).stream().filter(b -> b.ticker().equals("GAP")).findFirst().orElseThrow();
        assertEquals((float) d27.close() / (float) d32.close(), feature(after, "ROC5"), 0f);
        // IMAX5 points at the first NaN row in its window (numpy argmax): rows 28..32, the hole at 30 is position 3
        assertEquals(3f / 5f, feature(after, "IMAX5"), 0f);
    }

    @Test
    void aSymbolListedMidHistoryStartsItsWindowsAtItsFirstBar() throws IOException {
        Map<LocalDate, List<Bar>> market = market(160, 3);
        BronzeLake lake = lake(tmp, market);
        // one-month blocks: the IPO (day 50, mid-March) starts inside the lookback of the April block
        monthly(lake.lake).run(null, null, true);
        List<LocalDate> days = new ArrayList<>(market.keySet());

        GenericRecord first = row(lake, days.get(50), "IPO");
        assertEquals(1f, feature(first, "MA60"), 0f);
        assertEquals(1f, feature(first, "RANK20"), 0f);
        assertEquals(1f / 60f, feature(first, "IMAX60"), 0f);
        assertEquals(0f, feature(first, "CNTP10"), 0f);
        assertTrue(Float.isNaN(feature(first, "ROC5")));
        assertTrue(Float.isNaN(feature(first, "STD5")));
        assertTrue(Float.isNaN(feature(first, "CORR20")));

        GenericRecord second = row(lake, days.get(51), "IPO");
        assertEquals(1f, feature(second, "RSQR60"), 1e-6f);
        Map<LocalDate, float[]> ipo = reference(market).get("IPO");
        for (int d = 50; d < 160; d++) {
            GenericRecord r = row(lake, days.get(d), "IPO");
            float[] want = ipo.get(days.get(d));
            for (int f = 0; f < FEATURES.size(); f++) {
                assertClose(want[f], feature(r, FEATURES.get(f)), "IPO " + days.get(d) + " " + FEATURES.get(f));
            }
        }
    }

    @Test
    void incrementalAfterANewDayEqualsAFullRebuildByteForByte() throws IOException {
        Map<LocalDate, List<Bar>> market = market(140, 4);
        LocalDate newDay = lastDay(market);
        BronzeLake incremental = silverBuiltThenLastDayAdded(tmp.resolve("inc"), market, SilverStageTest::monthly);
        SilverResult added = monthly(incremental.lake).run(null, null, false);
        assertEquals(List.of(newDay), added.daysChanged());

        assertSameSilver(fullRebuild(tmp.resolve("full"), market), incremental);
    }

    /**
     * A heap too small for a block's features takes several compute passes per block, each from the block's lookback
     * start: the same bytes as one pass, in a full build and in an incremental one.
     */
    @Test
    void computePassesOfAFewDaysWriteTheBytesOfOnePass() throws Exception {
        Map<LocalDate, List<Bar>> market = market(140, 4);
        List<LocalDate> dates = new ArrayList<>(market.keySet());
        BronzeLake onePass = lake(tmp.resolve("one"), market);
        new SilverStage(onePass.lake, BronzeLake.DATASET).run(null, null, true);

        BronzeLake fewDays = lake(tmp.resolve("few"), market);
        SilverResult[] result = new SilverResult[1];
        List<String> said = LogCapture.messages(SilverStage.class, () -> result[0] = new SilverStage(fewDays.lake,
                BronzeLake.DATASET, BlockGrid.HALF_YEAR, 2, 3).run(null, null, true));
        assertEquals(dates, result[0].daysChanged());
        // a line per pass says where the run stands: the passes go from the last days back, three days at most each
        List<String> progress = said.stream().filter(line -> line.contains(" days written (compute pass ")).toList();
        assertEquals(47, progress.size(), String.join("\n", progress));
        assertTrue(progress.get(0).startsWith("silver " + BronzeLake.DATASET + ": 2 of 140 days written (compute pass 1"
                + " of 47, " + dates.get(138) + ".." + dates.get(139) + ")"), progress.get(0));
        assertTrue(progress.get(46).startsWith("silver " + BronzeLake.DATASET + ": 140 of 140 days written (compute"
                + " pass 47 of 47, " + dates.get(0) + ".."), progress.get(46));
        assertEquals(market.values().stream().mapToInt(List::size).sum(), result[0].rows());
        assertSameSilver(onePass, fewDays);

        LocalDate corrected = dates.get(100);
        List<Bar> fixed = withAaaCorrected(market.get(corrected));
        onePass.writeDay(corrected, fixed);
        fewDays.writeDay(corrected, fixed);
        new SilverStage(onePass.lake, BronzeLake.DATASET).run(null, null, false);
        assertEquals(dates.subList(100, 140),
                new SilverStage(fewDays.lake, BronzeLake.DATASET, BlockGrid.HALF_YEAR, 2, 7).run(null, null, false)
                        .daysChanged());
        assertSameSilver(onePass, fewDays);
    }

    @Test
    void aPassHoldsAsManyDaysAsAThirdOfTheHeapHolds() {
        // (10,000 rows + 2 threads' batches of 512) x 158 features x 4 bytes = 6.97 MB a day: a half-year block at 4 GB
        assertEquals(205, SilverStage.daysPerPass(4L << 30, 10_000, 10_000, 2));
        assertEquals(51, SilverStage.daysPerPass(1L << 30, 10_000, 10_000, 2));
        // 991 rows + 2 x 512: 1.27 MB a day, 33 in a third of a 123 MB heap (-Xmx128m ran out of memory at 102)
        assertEquals(33, SilverStage.daysPerPass(123L << 20, 991, 1_000, 2));
        // a batch is no larger than the market: (100 rows + 2 x 100 symbols) x 632 bytes, 117 days in a third of 64 MB;
        // 150 symbols in all, though no day has more than 100 rows: (100 + 2 x 150) x 632, 88 days
        assertEquals(117, SilverStage.daysPerPass(64L << 20, 100, 100, 2));
        assertEquals(88, SilverStage.daysPerPass(64L << 20, 100, 150, 2));
        assertEquals(1, SilverStage.daysPerPass(1L << 20, 10_000, 10_000, 2), "at least one day");
        assertEquals(Integer.MAX_VALUE, SilverStage.daysPerPass(Long.MAX_VALUE, 0, 0, 2));
        BlockGrid.Block block = new BlockGrid.Block(40, new int[] {100, 101, 102, 103, 104, 105, 106});
        List<BlockGrid.Block> passes = block.passes(3);
        assertEquals(3, passes.size());
        assertArrayEquals(new int[] {100, 101, 102}, passes.get(0).days());
        assertArrayEquals(new int[] {106}, passes.get(2).days());
        assertTrue(passes.stream().allMatch(pass -> pass.lookbackStart() == 40));
        assertEquals(1, block.passes(7).size());
    }

    /** The silver stage on the one-month grid of these tests, with two threads. */
    private static SilverStage monthly(LakeLayout lake) {
        return new SilverStage(lake, BronzeLake.DATASET, 1, 2);
    }

    /** A lake of {@code market} with silver built in full, on the one-month grid of these tests. */
    private static BronzeLake fullRebuild(Path root, Map<LocalDate, List<Bar>> market) throws IOException {
        BronzeLake full = lake(root, market);
        monthly(full.lake).run(null, null, true);
        return full;
    }

    /** The days whose compute series (their block's, from its lookback start) passes through calendar day d. */
    private static List<LocalDate> readersOf(int d, List<LocalDate> dates, int blockMonths) {
        List<LocalDate> readers = new ArrayList<>();
        for (BlockGrid.Block block : new BlockGrid(dates, blockMonths).blocks(
                java.util.stream.IntStream.range(0, dates.size()).toArray())) {
            for (int day : block.days()) {
                if (day >= d && block.lookbackStart() <= d) {
                    readers.add(dates.get(day));
                }
            }
        }
        return readers;
    }

    /**
     * A market's bronze lake with its silver stage on the one-month grid: a test changes bronze between runs and
     * checks what the next run writes. Its {@code market} is what a full build should see; a change to bronze alone
     * (a day changed, then changed back) leaves it as it was.
     */
    private final class MonthlySilver {
        final Map<LocalDate, List<Bar>> market;
        final List<LocalDate> dates;
        final BronzeLake lake;
        final SilverStage stage;

        MonthlySilver(Map<LocalDate, List<Bar>> market) throws IOException {
            this(tmp.resolve("a"), market);
        }

        MonthlySilver(Path root, Map<LocalDate, List<Bar>> market) throws IOException {
            this.market = market;
            this.dates = new ArrayList<>(market.keySet());
            this.lake = lake(root, market);
            this.stage = monthly(lake.lake);
        }

        /** After a first run over every day. */
        MonthlySilver built() throws IOException {
            run();
            return this;
        }

        /** A run over every day, not {@code --full}. */
        SilverResult run() throws IOException {
            return stage.run(null, null, false);
        }

        LocalDate day(int d) {
            return dates.get(d);
        }

        /** The market's bars of day d. */
        List<Bar> bars(int d) {
            return market.get(day(d));
        }

        Path bronzeFile(int d) {
            return lake.lake.bronzeDayFile(BronzeLake.DATASET, day(d));
        }

        Path silverDatasetFile(String name) {
            return lake.lake.silverDataset(BronzeLake.DATASET).resolve(name);
        }

        /** AAA's bar of day d rewritten, in the market and in bronze; returns the day. */
        LocalDate correct(int d) throws IOException {
            List<Bar> fixed = withAaaCorrected(bars(d));
            market.put(day(d), fixed);
            lake.writeDay(day(d), fixed);
            return day(d);
        }

        /** Day d's bronze rewritten with {@code bars}, the market left as it was. */
        void changeBronze(int d, List<Bar> bars) throws IOException {
            lake.writeDay(day(d), bars);
        }

        /** Day d's bronze written again from the market. */
        void restoreBronze(int d) throws IOException {
            lake.writeDay(day(d), bars(d));
        }

        /** Day d's bronze file deleted by hand, the market left as it was. */
        void deleteBronze(int d) throws IOException {
            Files.delete(bronzeFile(d));
        }

        /** Day d's bronze file deleted by hand, and the day gone from the market; returns the day. */
        LocalDate removeDay(int d) throws IOException {
            deleteBronze(d);
            market.remove(day(d));
            return day(d);
        }

        void runStoppedAt(int d) throws IOException {
            SilverStageTest.runStoppedAt(stage, lake, day(d));
        }

        /** Silver is, byte for byte, what a full build of the market writes in a lake of its own. */
        void assertIsAFullRebuild() throws IOException {
            assertSameSilver(fullRebuild(Files.createTempDirectory(tmp, "full"), market), lake);
        }
    }

    /**
     * A corrected past day rewrites itself and every later day computed from a series through it: its 60 followers,
     * and the rest of the blocks whose running sums pass it (their last bits change too). A run bounded to the
     * corrected day rewrites them as well, past its end: left alone they would keep the old values and, newer than
     * their bronze, never be rewritten. Either way the result is byte for byte a full rebuild's.
     */
    @Test
    void aCorrectedPastDayRewritesEveryDayComputedThroughItAndNothingElseBoundedOrNot() throws IOException {
        MonthlySilver silver = new MonthlySilver(market(150, 5)).built();
        List<LocalDate> dates = silver.dates;
        Map<LocalDate, Object> identities = identities(silver.lake);

        silver.correct(40);

        SilverResult result = silver.run();
        List<LocalDate> readers = readersOf(40, dates, 1);
        assertTrue(readers.containsAll(dates.subList(40, 101)) && readers.size() > 61, readers.toString());
        assertEquals(readers, result.daysChanged());
        Map<LocalDate, Object> after = identities(silver.lake);
        for (LocalDate date : dates) {
            boolean rewritten = !identities.get(date).equals(after.get(date));
            assertEquals(result.daysChanged().contains(date), rewritten, "file of " + date);
        }
        silver.assertIsAFullRebuild();

        LocalDate corrected = silver.correct(70);
        SilverResult bounded = silver.stage.run(corrected, corrected, false);
        assertEquals(readersOf(70, dates, 1), bounded.daysChanged());
        assertEquals(0, silver.run().daysWritten());
        silver.assertIsAFullRebuild();
    }

    /**
     * A bronze day removed by hand: its silver file goes, and the days whose series read it are computed again, even
     * by a run bounded to other days (nothing else would ever find them stale). The result is a full rebuild's.
     */
    @Test
    void aRemovedBronzeDayTakesItsSilverDayAndRewritesTheDaysThatReadIt() throws IOException {
        MonthlySilver silver = new MonthlySilver(market(150, 5)).built();
        LocalDate removed = silver.removeDay(40);
        assertEquals(List.of(removed), new io.quantmini.lake.Handoffs(silver.lake.lake, java.time.Clock.systemUTC())
                .daysSilverLacks(BronzeLake.DATASET), "an ingest that wrote nothing still hands silver the repair");

        SilverResult result = silver.stage.run(silver.day(140), silver.day(149), false);
        assertFalse(Files.exists(silver.lake.silverFile(removed)));
        assertEquals(readersOf(40, new ArrayList<>(silver.market.keySet()), 1), result.daysChanged());
        assertEquals(0, silver.run().daysWritten());
        silver.assertIsAFullRebuild();
    }

    /**
     * A bronze day removed by hand with its silver file: no orphan is left to show that later days read it, but the
     * days silver held say so ({@link HeldDays}). Every later day is computed again, even by a run bounded to other
     * days, and even past the day's 60 followers: LATE's first bar was that day, and is now 80 days later. The result
     * is a full rebuild's, and gold is handed the removed day; a run stopped halfway leaves the day to the next run.
     */
    @Test
    void aDayRemovedFromBronzeAndSilverBothRewritesEveryDayAfterIt() throws IOException {
        for (boolean stopped : new boolean[] {false, true}) {
            Map<LocalDate, List<Bar>> market = market(150, 5);
            List<LocalDate> dates = new ArrayList<>(market.keySet());
            for (int d : IntStream.concat(IntStream.of(40), IntStream.range(120, 150)).toArray()) {
                List<Bar> bars = new ArrayList<>(market.get(dates.get(d)));
                Bar aaa = bars.get(0);
                bars.add(new Bar("LATE", aaa.open(), aaa.high(), aaa.low(), aaa.close(), aaa.volume(), aaa.vwap()));
                market.put(dates.get(d), bars);
            }
            MonthlySilver silver = new MonthlySilver(tmp.resolve(stopped ? "stopped" : "whole"), market).built();
            LocalDate removed = silver.removeDay(40);
            Files.delete(silver.lake.silverFile(removed));

            if (stopped) {
                silver.runStoppedAt(100);
            }
            SilverResult result = silver.stage.run(dates.get(140), dates.get(149), false);
            assertEquals(List.of(removed), result.daysRemoved(), "stopped: " + stopped);
            List<LocalDate> later = new ArrayList<>(dates.subList(41, 150));
            if (stopped) {
                later.remove(dates.get(100)); // its silver file was never written: it waits for a range holding it
            }
            assertEquals(later, result.daysChanged(), "stopped: " + stopped);
            assertEquals(stopped, silver.run().daysWritten() > 0);
            assertEquals(0, silver.run().daysWritten());
            silver.assertIsAFullRebuild();
        }
    }

    /**
     * A bronze day replaced by an older version kept with its older time (a backup restored with {@code cp -p}): its
     * silver file is newer than it, yet stale. Silver files carry their bronze file's time, so any other time counts.
     */
    @Test
    void aBronzeDayRestoredWithAnOlderTimeIsComputedAgain() throws IOException {
        MonthlySilver silver = new MonthlySilver(market(30, 3));
        Path bronze = silver.bronzeFile(29);
        byte[] backup = Files.readAllBytes(bronze);
        java.nio.file.attribute.FileTime backupTime = java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(bronze).toMillis() - 86_400_000L);
        silver.correct(29);
        silver.run();

        Files.write(bronze, backup);
        Files.setLastModifiedTime(bronze, backupTime);
        silver.market.put(silver.day(29), market(30, 3).get(silver.day(29)));
        assertEquals(List.of(silver.day(29)), silver.run().daysChanged());
        assertEquals(0, silver.run().daysWritten());
        silver.assertIsAFullRebuild();
    }

    /** A file system without change times: a file's stamp is its size and modification time only. */
    private static SilverStage withoutChangeTimes(LakeLayout lake) {
        return new SilverStage(lake, BronzeLake.DATASET, 1, 2, 0, file -> FileStamp.of(file)
                .withoutChangeTimeOrKey());
    }

    /**
     * A one-day run decodes only the bronze days written since the last run ({@link BronzeTickerIndex}): an old day
     * outside the new day's window is not opened, so garbage under its name, size and time goes unread (where the
     * file system keeps no change time, which would tell the garbage apart).
     */
    @Test
    void aOneDayRunReadsOnlyTheBronzeDaysWrittenSinceTheLastRun() throws IOException {
        Map<LocalDate, List<Bar>> market = market(140, 4);
        BronzeLake incremental = silverBuiltThenLastDayAdded(tmp.resolve("inc"), market,
                SilverStageTest::withoutChangeTimes);
        LocalDate old = new ArrayList<>(market.keySet()).get(5);
        Path oldDay = incremental.lake.bronzeDayFile(BronzeLake.DATASET, old);
        byte[] oldSilver = Files.readAllBytes(incremental.silverFile(old));
        replaceKeepingSizeAndTime(oldDay, new byte[(int) Files.size(oldDay)]);

        SilverResult added = withoutChangeTimes(incremental.lake).run(null, null, false);
        assertEquals(List.of(lastDay(market)), added.daysChanged());
        assertArrayEquals(oldSilver, Files.readAllBytes(incremental.silverFile(old)));
        assertSameSilver(fullRebuild(tmp.resolve("full"), market), incremental);
    }

    /**
     * Where the file system keeps change times, other bytes under a day file's name, size and modification time are
     * read from the file, not taken from the index: here garbage, which the run refuses, naming the file.
     */
    @Test
    void aDayReplacedUnderItsSizeAndTimeIsReadFromItsFile() throws IOException {
        Map<LocalDate, List<Bar>> market = market(140, 4);
        BronzeLake lake = silverBuiltThenLastDayAdded(tmp.resolve("inc"), market, SilverStageTest::monthly);
        Path oldDay = lake.lake.bronzeDayFile(BronzeLake.DATASET, new ArrayList<>(market.keySet()).get(5));
        org.junit.jupiter.api.Assumptions.assumeTrue(FileStamp.of(oldDay).changedNanos() != 0,
                "a file system with change times");
        replaceKeepingSizeAndTime(oldDay, new byte[(int) Files.size(oldDay)]);

        IOException refused = assertThrows(IOException.class,
                () -> monthly(lake.lake).run(null, null, false));
        assertTrue(refused.getMessage().contains(oldDay + " is not a whole Parquet file"), refused.getMessage());
    }

    /**
     * A bronze day whose bytes changed while its stamp did not (no change times) is caught where its prices are
     * read: the run fails naming it, the index goes, and the next run reads the day from its file.
     */
    @Test
    void aDayChangedUnderTheIndexFailsOneRunAndTheNextReadsItFromItsFile() throws IOException {
        Map<LocalDate, List<Bar>> market = market(140, 4);
        BronzeLake lake = silverBuiltThenLastDayAdded(tmp.resolve("inc"), market, SilverStageTest::withoutChangeTimes);
        List<LocalDate> dates = new ArrayList<>(market.keySet());
        Path inWindow = lake.lake.bronzeDayFile(BronzeLake.DATASET, dates.get(dates.size() - 2));
        byte[] bytes = Files.readAllBytes(inWindow);
        String footer = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int requestId = footer.indexOf("req-" + dates.get(dates.size() - 2));
        assertTrue(requestId > 0, "the footer's request id");
        bytes[requestId + 2] = 'Q'; // another request id: the same rows, other bytes
        replaceKeepingSizeAndTime(inWindow, bytes);

        SilverStage stage = withoutChangeTimes(lake.lake);
        IOException failed = assertThrows(IOException.class, () -> stage.run(null, null, false));
        assertTrue(failed.getMessage().contains(inWindow + "") && failed.getMessage().contains("changed"),
                failed.getMessage());
        try (java.util.stream.Stream<Path> index = Files.list(lake.lake.silverDataset(BronzeLake.DATASET)
                .resolve(BronzeTickerIndex.FOLDER))) {
            assertEquals(List.of(), index.toList());
        }

        assertEquals(List.of(lastDay(market)), stage.run(null, null, false).daysChanged());
        assertSameSilver(fullRebuild(tmp.resolve("full"), market), lake);
    }

    /**
     * A {@code --full} run reads every day's tickers from bronze, whatever the index holds (here other tickers under
     * every file's stamp), and writes the index again from what it read.
     */
    @Test
    void aFullRunDoesNotDependOnTheIndex() throws IOException {
        MonthlySilver silver = new MonthlySilver(market(60, 4)).built();
        List<LocalDate> dates = silver.dates;
        FileStamp[] stamps = new FileStamp[dates.size()];
        DayBars[] wrong = new DayBars[dates.size()];
        SymbolIds symbols = new SymbolIds();
        for (int d = 0; d < dates.size(); d++) {
            stamps[d] = FileStamp.of(silver.bronzeFile(d));
            int[] reversed = silver.bars(d).stream().map(Bar::ticker).sorted(Comparator.reverseOrder())
                    .mapToInt(t -> symbols.idOf(org.apache.parquet.io.api.Binary.fromString(t))).toArray();
            wrong[d] = new DayBars(reversed, null, null, null, null, null, null, 0);
        }
        Path silverDataset = silver.lake.lake.silverDataset(BronzeLake.DATASET);
        BronzeTickerIndex.empty(silverDataset).update(dates, stamps, wrong, symbols);

        assertEquals(dates, silver.stage.run(null, null, true).daysChanged());
        silver.assertIsAFullRebuild();
        SymbolIds reread = new SymbolIds();
        DayBars first = BronzeTickerIndex.read(silverDataset, reread).day(dates.get(0), stamps[0]);
        assertEquals(silver.bars(0).stream().map(Bar::ticker).sorted().toList(),
                java.util.Arrays.stream(first.ids()).mapToObj(reread::ticker).toList());
    }

    /**
     * A run whose range leaves out a changed day computes the later days from that day's bronze as it is now, which
     * the day's silver file never holds; when the day then changes back, its silver file shows no change, yet the days
     * computed in between must be computed again ({@link FirstBarJournal}). A stopped run leaves the same state.
     */
    @Test
    void daysComputedFromADayNeverWrittenAreComputedAgainWhenItChangesBack() throws IOException {
        MonthlySilver silver = new MonthlySilver(market(140, 4)).built();
        silver.changeBronze(10, withIpo(silver.bars(10))); // IPO's first bar moves from day 50 to 10
        silver.stage.run(silver.day(80), null, true);
        Path journal = silver.silverDatasetFile(FirstBarJournal.FILE);
        assertTrue(Files.readString(journal).contains("\"" + silver.day(10) + "\":[[\"IPO\"]]"),
                Files.readString(journal));

        silver.restoreBronze(10); // and loses it again
        silver.run();
        silver.assertIsAFullRebuild();
        assertFalse(Files.exists(journal), "every day written: nothing left to remember");
    }

    /** The same when the run that computed the later days stopped before it wrote the changed day. */
    @Test
    void daysComputedByAStoppedRunFromADayItNeverWroteAreComputedAgainWhenItChangesBack() throws IOException {
        MonthlySilver silver = new MonthlySilver(market(140, 4)).built();
        silver.changeBronze(10, withIpo(silver.bars(10)));
        // the changed day's file cannot be written: the run stops there, after the later blocks (written first)
        silver.runStoppedAt(10);

        silver.restoreBronze(10);
        silver.run();
        silver.assertIsAFullRebuild();
        assertFalse(Files.exists(silver.silverDatasetFile(FirstBarJournal.FILE)));
        assertEquals(0, silver.run().daysWritten());
    }

    /** A removed day: a stopped run computed the later days without it; the day then comes back as it was. */
    @Test
    void daysComputedByAStoppedRunWithoutARemovedDayAreComputedAgainWhenItComesBack() throws IOException {
        Map<LocalDate, List<Bar>> market = market(140, 4);
        LocalDate day10 = new ArrayList<>(market.keySet()).get(10);
        market.put(day10, withIpo(market.get(day10)));
        MonthlySilver silver = new MonthlySilver(market).built();
        silver.deleteBronze(10);
        silver.runStoppedAt(11); // written last: the run stops there

        silver.restoreBronze(10);
        silver.run();
        silver.assertIsAFullRebuild();
    }

    /**
     * A day a stopped run computed from, then removed before its silver file was ever written: no stale day is left
     * to notice it, yet the days computed from it are computed again.
     */
    @Test
    void daysComputedFromADayRemovedBeforeItWasWrittenAreComputedAgain() throws IOException {
        MonthlySilver silver = new MonthlySilver(market(140, 4)).built();
        silver.changeBronze(10, withIpo(silver.bars(10)));
        silver.runStoppedAt(10); // its silver file goes: it is never written
        silver.removeDay(10);

        silver.run();
        silver.assertIsAFullRebuild();
    }

    /** Two adjacent recorded days both removed: each is compared with its own version (they sit at one place). */
    @Test
    void twoAdjacentRecordedDaysRemovedAreEachComparedWithTheirOwnVersion() throws IOException {
        MonthlySilver silver = new MonthlySilver(market(140, 4)).built();
        silver.changeBronze(10, withIpo(silver.bars(10)));
        silver.changeBronze(11, withAaaCorrected(silver.bars(11))); // stale, recorded too
        silver.runStoppedAt(10);
        silver.removeDay(10);
        silver.removeDay(11);

        silver.run();
        silver.assertIsAFullRebuild();
    }

    /** A damaged journal: what stopped runs computed from is unknown, so every day is computed again, once. */
    @Test
    void aDamagedJournalComputesEveryDayAgainOnce() throws IOException {
        MonthlySilver silver = new MonthlySilver(market(60, 4)).built();
        Path journal = silver.silverDatasetFile(FirstBarJournal.FILE);
        Files.writeString(journal, "{\"2024-01-1"); // cut short

        assertEquals(silver.market.size(), silver.run().daysWritten());
        assertFalse(Files.exists(journal));
        assertEquals(0, silver.run().daysWritten());
    }

    /** The day's bars with IPO (which lists on day 50 of {@link #market}) trading too, at AAA's prices. */
    private static List<Bar> withIpo(List<Bar> day) {
        List<Bar> bars = new ArrayList<>(day);
        Bar aaa = bars.get(0);
        bars.add(new Bar("IPO", aaa.open(), aaa.high(), aaa.low(), aaa.close(), aaa.volume(), aaa.vwap()));
        return bars;
    }

    /**
     * A run of {@code stage} that stops where it writes {@code date}'s silver file (a folder, not empty, is in its
     * place), after the blocks it writes first; then the way is cleared, without that day's silver file.
     */
    private static void runStoppedAt(SilverStage stage, BronzeLake lake, LocalDate date) throws IOException {
        Path day = lake.silverFile(date);
        Files.deleteIfExists(day);
        Path inTheWay = Files.writeString(Files.createDirectories(day).resolve("in-the-way"), "");
        assertThrows(IOException.class, () -> stage.run(null, null, false));
        Files.delete(inTheWay);
        Files.delete(day);
    }

    /** Other bytes under a file's name, with its size and modification time: what no stamp can tell apart. */
    private static void replaceKeepingSizeAndTime(Path file, byte[] bytes) throws IOException {
        assertEquals(Files.size(file), bytes.length);
        java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(file);
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, time);
    }

    /** A silver file cut short, though its time is its bronze file's: stale, so the next run writes it again, whole. */
    @Test
    void aSilverFileCutShortIsWrittenAgain() throws IOException {
        MonthlySilver silver = new MonthlySilver(market(30, 3)).built();
        Path cut = silver.lake.silverFile(silver.day(29));
        byte[] whole = Files.readAllBytes(cut);
        java.nio.file.attribute.FileTime inStep = Files.getLastModifiedTime(cut);
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.setLastModifiedTime(cut, inStep); // a partial copy that kept the time (cp -p): only its bytes tell

        assertEquals(List.of(silver.day(29)), silver.run().daysChanged());
        assertArrayEquals(whole, Files.readAllBytes(cut));
    }

    @Test
    void aRerunWithNothingNewWritesNothing() throws IOException {
        BronzeLake lake = lake(tmp, market(70, 6));
        SilverStage stage = new SilverStage(lake.lake, BronzeLake.DATASET);
        assertEquals(70, stage.run(null, null, false).daysWritten());
        Map<LocalDate, Object> identities = identities(lake);
        List<Path> files = lake.allFiles();

        SilverResult again = stage.run(null, null, false);
        assertEquals(0, again.daysWritten());
        assertEquals(List.of(), again.daysChanged());
        assertEquals(ComputeTimes.NONE, again.computeTimes());
        assertEquals(identities, identities(lake));
        assertEquals(files, lake.allFiles());
    }

    /**
     * A lake whose silver files come from before the values' revision was recorded (or from another revision): the
     * next run writes every day again, even one asked for two days, and records the revision; the run after writes
     * nothing.
     */
    @Test
    void silverFilesOfAnotherRevisionAreAllWrittenAgainWhateverTheRange() throws IOException {
        MonthlySilver silver = new MonthlySilver(market(40, 12));
        BronzeLake lake = silver.lake;
        Path recorded = silver.silverDatasetFile(FeatureRevision.FILE);
        assertEquals(40, silver.run().daysWritten());
        assertEquals(FeatureRevision.CURRENT + "\n", Files.readString(recorded));
        assertEquals(FeatureRevision.CURRENT,
                BronzeReader.footerMetadata(lake.silverFile(silver.day(7))).get(SilverStage.META_REVISION));
        Map<LocalDate, byte[]> bytes = new TreeMap<>();
        for (Map.Entry<LocalDate, Path> file : lake.silverFiles().entrySet()) {
            bytes.put(file.getKey(), Files.readAllBytes(file.getValue()));
        }

        for (String earlier : new String[] {null, "silver 2, alpha158 1\n"}) {
            if (earlier == null) {
                Files.delete(recorded);
            } else {
                Files.writeString(recorded, earlier);
            }
            Map<LocalDate, Object> before = identities(lake);
            SilverResult upgraded = silver.stage.run(silver.day(5), silver.day(6), false);
            assertEquals(silver.dates, upgraded.daysChanged(), "after " + earlier);
            assertEquals(FeatureRevision.CURRENT + "\n", Files.readString(recorded));
            Map<LocalDate, Object> after = identities(lake);
            for (LocalDate date : silver.dates) {
                assertNotEquals(before.get(date), after.get(date), "not rewritten: " + date);
                assertArrayEquals(bytes.get(date), Files.readAllBytes(lake.silverFile(date)), "bytes of " + date);
            }
            assertEquals(0, silver.run().daysWritten());
        }
    }

    /**
     * A first run records the revision before it works: a run that stops after its first files (here: fails on a
     * damaged bronze day before writing any) leaves a lake the next run goes on from, not one it computes again.
     */
    @Test
    void aFirstRunRecordsTheRevisionBeforeItWorks() throws IOException {
        MonthlySilver silver = new MonthlySilver(market(30, 13));
        Path bronze = silver.bronzeFile(20);
        byte[] whole = Files.readAllBytes(bronze);
        java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(bronze);
        Files.write(bronze, java.util.Arrays.copyOf(whole, 20));
        Files.setLastModifiedTime(bronze, time);
        assertThrows(IOException.class, silver::run);
        assertTrue(Files.exists(silver.silverDatasetFile(FeatureRevision.FILE)));

        Files.write(bronze, whole);
        Files.setLastModifiedTime(bronze, time);
        assertEquals(silver.dates.subList(0, 10), silver.stage.run(silver.day(0), silver.day(9), false).daysChanged());
        // as a run stopped after its tenth day leaves it: the next run goes on from there
        assertEquals(silver.dates.subList(10, 30), silver.run().daysChanged());
    }

    /**
     * After an upgrade, a silver kept to a range is computed again over that range, not over the whole of bronze, and
     * the run then does what it was asked for (here: day 30).
     */
    @Test
    void anEarlierRevisionsSilverIsComputedAgainOverTheDaysItHeld() throws IOException {
        MonthlySilver silver = new MonthlySilver(market(40, 14));
        silver.stage.run(silver.day(10), silver.day(19), false);
        Files.writeString(silver.silverDatasetFile(FeatureRevision.FILE), "silver 2\n");

        List<LocalDate> expected = new ArrayList<>(silver.dates.subList(10, 20));
        expected.add(silver.day(30));
        assertEquals(expected, silver.stage.run(silver.day(30), silver.day(30), false).daysChanged());
        assertEquals(expected, new ArrayList<>(silver.lake.silverFiles().keySet()));
    }

    /**
     * The first run after an upgrade also computes the days ingested since (found by the upgrade QA: it wrote only the
     * days silver held, and `transform features` then removed the handoff naming the new ones); the lake then equals
     * one built at the new revision from the start.
     */
    @Test
    void theFirstRunAfterAnUpgradeAlsoComputesTheDaysIngestedSince() throws IOException {
        Map<LocalDate, List<Bar>> market = market(40, 15);
        BronzeLake fresh = lake(tmp.resolve("fresh"), market);
        monthly(fresh.lake).run(null, null, false);
        MonthlySilver silver = new MonthlySilver(tmp.resolve("upgraded"), market);
        silver.stage.run(silver.day(0), silver.day(24), false);
        Files.writeString(silver.silverDatasetFile(FeatureRevision.FILE), "silver 2\n");

        SilverResult upgraded = silver.run();
        assertEquals(silver.dates, upgraded.daysChanged());
        assertEquals(40, upgraded.daysWritten());
        for (LocalDate date : silver.dates) {
            assertArrayEquals(Files.readAllBytes(fresh.silverFile(date)),
                    Files.readAllBytes(silver.lake.silverFile(date)), "bytes of " + date);
        }
        assertEquals(0, silver.run().daysWritten());
    }

    @Test
    void theRangeClipsOutputDaysAndFullRewritesOnlyThem() throws IOException {
        Map<LocalDate, List<Bar>> market = market(80, 7);
        List<LocalDate> dates = new ArrayList<>(market.keySet());
        BronzeLake lake = lake(tmp, market);
        SilverStage stage = new SilverStage(lake.lake, BronzeLake.DATASET);
        SilverResult first = stage.run(dates.get(10), dates.get(19), false);
        assertEquals(dates.subList(10, 20), first.daysChanged());
        assertEquals(dates.subList(10, 20), new ArrayList<>(lake.silverFiles().keySet()));

        // days 0..9 are stale (no silver yet), and days 10..19 are computed through them: written again; the first
        // run left days 20.. alone (stale themselves, no silver file), though they are computed through days 10..19
        SilverResult rest = stage.run(null, null, false);
        assertEquals(dates, rest.daysChanged());
        Map<LocalDate, Object> identities = identities(lake);
        SilverResult rebuilt = stage.run(dates.get(5), dates.get(6), true);
        assertEquals(dates.subList(5, 7), rebuilt.daysChanged());
        Map<LocalDate, Object> after = identities(lake);
        assertNotEquals(identities.get(dates.get(5)), after.get(dates.get(5)));
        assertEquals(identities.get(dates.get(7)), after.get(dates.get(7)));
    }

    /**
     * A run killed while writing a day leaves that day's temp file: the re-run (the day is still stale) removes it,
     * and the lake ends exactly as an uninterrupted build leaves it.
     */
    @Test
    void aKilledRunsTempFileIsGoneAfterTheRerun() throws IOException {
        Map<LocalDate, List<Bar>> market = market(60, 9);
        LocalDate newDay = lastDay(market);
        BronzeLake killed = silverBuiltThenLastDayAdded(tmp.resolve("killed"), market,
                lake -> new SilverStage(lake, BronzeLake.DATASET));
        Path silver = killed.silverFile(newDay);
        Path partial = silver.resolveSibling("." + silver.getFileName() + AtomicFiles.TEMP_MARKER + "5f3a");
        Files.write(partial, new byte[] {'P', 'A', 'R', '1', 0, 0}); // the killed run's write, cut short

        new SilverStage(killed.lake, BronzeLake.DATASET).run(null, null, false);

        assertFalse(Files.exists(partial), "the killed run's temp file");
        for (Path file : killed.allFiles()) {
            assertFalse(file.getFileName().toString().startsWith("."), "left behind: " + file);
        }
        BronzeLake uninterrupted = lake(tmp.resolve("uninterrupted"), market);
        new SilverStage(uninterrupted.lake, BronzeLake.DATASET).run(null, null, false);
        assertSameSilver(uninterrupted, killed);
    }

    /**
     * A killed --full leaves a temp beside a day that is not stale (its old file is whole): the next run, with nothing
     * to write, still removes it.
     */
    @Test
    void aKilledFullRunsTempBesideAnUpToDateDayIsGoneAfterARunWithNothingToWrite() throws IOException {
        Map<LocalDate, List<Bar>> market = market(30, 10);
        BronzeLake lake = lake(tmp, market);
        SilverStage stage = new SilverStage(lake.lake, BronzeLake.DATASET);
        stage.run(null, null, false);
        Path silver = lake.silverFile(new ArrayList<>(market.keySet()).get(3));
        Path partial = silver.resolveSibling("." + silver.getFileName() + AtomicFiles.TEMP_MARKER + "5f3a");
        Files.write(partial, Files.readAllBytes(silver));

        assertEquals(0, stage.run(null, null, false).daysWritten());
        assertFalse(Files.exists(partial), "the killed run's temp file");
    }

    /** The in-flight temp of a silver run still going in another process is not swept by this run. */
    @Test
    void anotherLiveRunsTempFileIsLeftAlone() throws IOException {
        Map<LocalDate, List<Bar>> market = market(30, 8);
        BronzeLake lake = lake(tmp, market);
        Path silver = lake.lake.silverDayFile(BronzeLake.DATASET, lastDay(market));
        Files.createDirectories(silver.getParent());
        Path inFlight = silver.resolveSibling("." + silver.getFileName() + AtomicFiles.TEMP_MARKER
                + ProcessHandle.current().pid() + "-4d4d");
        Files.write(inFlight, new byte[] {'P', 'A', 'R', '1'});

        new SilverStage(lake.lake, BronzeLake.DATASET).run(null, null, false);

        assertArrayEquals(new byte[] {'P', 'A', 'R', '1'}, Files.readAllBytes(inFlight));
        assertTrue(Files.size(silver) > 0);
    }

    @Test
    void noTempFilesAreLeftAndSilverFilesCarryBronzeMtimes() throws IOException {
        BronzeLake lake = lake(tmp, market(30, 8));
        new SilverStage(lake.lake, BronzeLake.DATASET).run(null, null, false);
        for (Path file : lake.allFiles()) {
            assertFalse(file.getFileName().toString().startsWith("."), "left behind: " + file);
        }
        for (Map.Entry<LocalDate, Path> silver : lake.silverFiles().entrySet()) {
            assertEquals(Files.getLastModifiedTime(lake.lake.bronzeDayFile(BronzeLake.DATASET, silver.getKey())),
                    Files.getLastModifiedTime(silver.getValue()));
        }
    }

    @Test
    void columnsAreBronzesThenTheFeaturesAsFloat32WithLineage() throws IOException {
        Map<LocalDate, List<Bar>> market = market(70, 9);
        BronzeLake lake = lake(tmp, market);
        new SilverStage(lake.lake, BronzeLake.DATASET).run(null, null, false);
        LocalDate day = new ArrayList<>(market.keySet()).get(65);
        Path bronzeFile = lake.lake.bronzeDayFile(BronzeLake.DATASET, day);

        MessageType bronze = schema(bronzeFile);
        MessageType silver = schema(lake.silverFile(day));
        assertEquals(bronze.getFieldCount() + 158, silver.getFieldCount());
        for (int i = 0; i < bronze.getFieldCount(); i++) {
            assertEquals(bronze.getType(i), silver.getType(i));
        }
        assertEquals(List.of("ticker", "date", "open", "high", "low", "close", "vwap", "volume", "transactions",
                "timestamp", "otc"), bronze.getFields().stream().map(Type::getName).toList());
        for (int f = 0; f < 158; f++) {
            Type column = silver.getType(bronze.getFieldCount() + f);
            assertEquals(FEATURES.get(f), column.getName());
            assertEquals(PrimitiveType.PrimitiveTypeName.FLOAT, column.asPrimitiveType().getPrimitiveTypeName());
            assertEquals(Type.Repetition.REQUIRED, column.getRepetition());
        }
        assertEquals("KMID", silver.getType(11).getName());
        assertEquals("VSUMD60", silver.getType(168).getName());

        List<GenericRecord> bronzeRows = BronzeReader.readAll(bronzeFile);
        List<GenericRecord> silverRows = lake.silverRows(day);
        assertEquals(bronzeRows.size(), silverRows.size());
        for (int r = 0; r < bronzeRows.size(); r++) {
            for (Type column : bronze.getFields()) {
                assertEquals(bronzeRows.get(r).get(column.getName()), silverRows.get(r).get(column.getName()));
            }
        }

        Map<String, String> footer = BronzeReader.footerMetadata(lake.silverFile(day));
        assertEquals(BronzeLake.DATASET, footer.get(FooterKeys.DATASET));
        assertEquals(day.toString(), footer.get(FooterKeys.DATE));
        assertEquals(Integer.toString(silverRows.size()), footer.get(FooterKeys.ROW_COUNT));
        assertEquals("1", footer.get(FooterKeys.SCHEMA_VERSION));
        assertEquals(SilverStage.WRITER_VERSION, footer.get(FooterKeys.WRITER_VERSION));
        String[] sources = footer.get(FooterKeys.SOURCE_FILES).split(",");
        assertEquals(61, sources.length);
        assertEquals(lake.root.relativize(bronzeFile).toString(), sources[60]);
        assertTrue(ParquetFileReader.open(new LocalInputFile(lake.silverFile(day))).getFooter().getBlocks().get(0)
                .getColumns().stream().allMatch(c -> c.getCodec().name().equals("ZSTD")));
    }

    /**
     * A symbol's first bar moved: a backfill, or a corrected day, gives it a bar before its first one; a corrected day
     * loses its first bar; its first bar's day is removed. Its series starts at the later of a block's lookback start
     * and its first bar, so every block that started its lookback before its old first bar computes its rows anew,
     * however far from the changed day: the incremental run gives the bytes of a full build of the same bronze (it
     * left the second half-year's rows of the symbol as they were: IMAX5 0.4 where the full build has 0.2).
     */
    @Test
    void aFirstBarThatMovesRewritesEveryBlockItsOldFirstBarStarted() throws IOException {
        Map<LocalDate, List<Bar>> market = market(300, 7);
        List<LocalDate> dates = new ArrayList<>(market.keySet());
        BronzeLake.Walk walk = new BronzeLake.Walk(11);
        for (int d = 200; d < 300; d++) { // LATE lists in the second half-year, outside its block's lookback start
            market.get(dates.get(d)).add(walk.bar("LATE", d));
        }
        Map<LocalDate, List<Bar>> backfilled = new TreeMap<>(market);
        List<Bar> day10 = new ArrayList<>(market.get(dates.get(10)));
        day10.add(walk.bar("LATE", 10));
        backfilled.put(dates.get(10), day10);

        // a backfill (or a correction) gives LATE a bar on day 10: its first bar moves back by a half-year
        assertIncrementalIsFull(tmp.resolve("earlier"), market, backfilled);
        // a correction takes it away again: its first bar moves forward
        assertIncrementalIsFull(tmp.resolve("later"), backfilled, market);
        // day 10's bronze removed: its silver goes, and LATE's first bar with it
        Map<LocalDate, List<Bar>> withoutDay10 = new TreeMap<>(backfilled);
        withoutDay10.remove(dates.get(10));
        assertIncrementalIsFull(tmp.resolve("removed"), backfilled, withoutDay10);
    }

    /** Silver of {@code before}, bronze changed to {@code after}, one incremental run: a full build's bytes. */
    private static void assertIncrementalIsFull(Path root, Map<LocalDate, List<Bar>> before,
                                                Map<LocalDate, List<Bar>> after) throws IOException {
        BronzeLake incremental = lake(root.resolve("incremental"), before);
        new SilverStage(incremental.lake, BronzeLake.DATASET).run(null, null, false);
        for (LocalDate day : before.keySet()) {
            if (!after.containsKey(day)) {
                Files.delete(incremental.lake.bronzeDayFile(BronzeLake.DATASET, day));
            } else if (!after.get(day).equals(before.get(day))) {
                incremental.writeDay(day, after.get(day));
            }
        }
        new SilverStage(incremental.lake, BronzeLake.DATASET).run(null, null, false);

        BronzeLake full = lake(root.resolve("full"), after);
        new SilverStage(full.lake, BronzeLake.DATASET).run(null, null, true);
        assertSameSilver(full, incremental);
    }

    private static void assertSameSilver(BronzeLake expected, BronzeLake actual) throws IOException {
        assertEquals(expected.silverFiles().keySet(), actual.silverFiles().keySet());
        for (Map.Entry<LocalDate, Path> file : expected.silverFiles().entrySet()) {
            assertArrayEquals(Files.readAllBytes(file.getValue()), Files.readAllBytes(actual.silverFile(file.getKey())),
                    "silver bytes of " + file.getKey());
        }
    }

    /** The file identity (inode): an atomic replace changes it, a file left alone keeps it. */
    private static Map<LocalDate, Object> identities(BronzeLake lake) throws IOException {
        Map<LocalDate, Object> ids = new HashMap<>();
        for (Map.Entry<LocalDate, Path> file : lake.silverFiles().entrySet()) {
            ids.put(file.getKey(), Files.readAttributes(file.getValue(), BasicFileAttributes.class).fileKey());
        }
        return ids;
    }

    private static MessageType schema(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getFooter().getFileMetaData().getSchema();
        }
    }

    private static List<String> tickers(BronzeLake lake, LocalDate date) throws IOException {
        return lake.silverRows(date).stream().map(r -> r.get("ticker").toString()).collect(Collectors.toList());
    }

    private static GenericRecord row(BronzeLake lake, LocalDate date, String ticker) throws IOException {
        return lake.silverRows(date).stream().filter(r -> r.get("ticker").toString().equals(ticker)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + ticker + " row on " + date));
    }

    static void assertClose(float expected, float actual, String what) {
        if (Float.isNaN(expected) || Float.isInfinite(expected)) {
            assertEquals(expected, actual, 0f, what);
        } else {
            assertEquals(expected, actual, 1e-6 + 1e-5 * Math.abs(expected), what);
        }
    }
}
