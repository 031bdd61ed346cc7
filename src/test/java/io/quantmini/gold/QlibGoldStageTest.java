package io.quantmini.gold;

import io.quantmini.LogCapture;
import io.quantmini.calendar.NyseCalendar;
import io.quantmini.ingest.TestApp;
import io.quantmini.replay.SyntheticMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.quantmini.gold.GoldTestLake.bar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QlibGoldStageTest {

    private static final LocalDate D1 = LocalDate.of(2024, 1, 2);
    private static final LocalDate D2 = LocalDate.of(2024, 1, 3);
    private static final LocalDate D3 = LocalDate.of(2024, 1, 4);
    private static final LocalDate D4 = LocalDate.of(2024, 1, 5);
    private static final LocalDate D5 = LocalDate.of(2024, 1, 8);

    @TempDir
    Path root;

    /** AAA every day; BBB has a hole on D3; IPO lists on D3; GONE delists after D2. */
    private GoldTestLake smallLake(Path at) throws IOException {
        GoldTestLake lake = new GoldTestLake(at);
        lake.day(D1, List.of(bar("AAA", 10), bar("BBB", 20), bar("GONE", 5)));
        lake.day(D2, List.of(bar("AAA", 11), bar("BBB", 21), bar("GONE", 6)));
        lake.day(D3, List.of(bar("AAA", 12), bar("IPO", 30)));
        lake.day(D4, List.of(bar("AAA", 13), bar("BBB", 23), bar("IPO", 31)));
        return lake;
    }

    /** A bronze day whose pages are garbled fails the build with the file named, and leaves no gold behind. */
    @Test
    void aDamagedBronzeDayFailsTheBuildNamingTheFile() throws IOException {
        GoldTestLake lake = smallLake(root);
        Path d2 = lake.lake.bronzeDayFile(GoldTestLake.DATASET, D2);
        byte[] bytes = Files.readAllBytes(d2);
        for (int i = 40; i < bytes.length / 2; i++) {
            bytes[i] ^= 0x5a;
        }
        Files.write(d2, bytes);
        IOException e = assertThrows(IOException.class, () -> lake.stage(SplitFactors.NONE).run(false, false));
        assertTrue(e.getMessage().contains("cannot read day file " + d2), e.getMessage());
        assertFalse(Files.exists(lake.lake.goldQlib().resolve("calendars/day.txt")));
    }

    /**
     * A damaged manifest (cut short, a day that is not a date, another format) costs one full rebuild, not a failed
     * run: the next run rebuilds, ends with the gold a fresh build gives, and writes a manifest that works again.
     */
    @Test
    void aDamagedManifestIsRebuiltInFull() throws IOException {
        GoldTestLake lake = smallLake(root);
        lake.stage(SplitFactors.NONE).run(false, false);
        Path manifest = lake.lake.goldQlib().resolve("_manifest.json");
        String good = Files.readString(manifest);
        List<String> damaged = List.of(
                good.substring(0, good.length() / 2),
                good.replace("\"" + D2 + "\"", "\"2024-13-45\""),
                good.replaceFirst("\"format\" : 1", "\"format\" : 2"));
        for (String text : damaged) {
            assertNotEquals(good, text);
            Files.writeString(manifest, text);
            assertEquals("full", lake.stage(SplitFactors.NONE).run(false, false).mode(), text);
            assertEqualsFullRebuild(lake);
            assertEquals("noop", lake.stage(SplitFactors.NONE).run(false, false).mode(), "the new manifest works");
        }
    }

    /**
     * One of gold's own files damaged (a crash of the machine cut it short; an edit): the next run that would build
     * on it in place rebuilds gold in full instead of failing on every run, and ends with the gold a fresh build gives.
     */
    @Test
    void aGoldFileCutShortOrUnreadableIsRebuiltInFullByTheNextRun() throws Exception {
        // file, and how many bytes of its end a crash took: mid-line, at a line end (IPO's, the last), everything
        List<Map.Entry<String, java.util.function.IntUnaryOperator>> damages = List.of(
                Map.entry("features/aaa/close.day.bin", size -> size - 4),
                Map.entry("instruments/all.txt", size -> size - 3),
                Map.entry("instruments/all.txt", size -> size - "IPO\t2024-01-04\t2024-01-05\n".length()),
                Map.entry("instruments/all.txt", size -> 0),
                Map.entry("calendars/day.txt", size -> size - 3),
                Map.entry("calendars/day.txt", size -> size - "2024-01-05\n".length()));
        for (int d = 0; d < damages.size(); d++) {
            GoldTestLake lake = smallLake(root.resolve("damage-" + d));
            lake.stage(SplitFactors.NONE).run(false, false);
            Path file = lake.lake.goldQlib().toRealPath().resolve(damages.get(d).getKey());
            byte[] whole = Files.readAllBytes(file);
            Files.write(file, java.util.Arrays.copyOf(whole, damages.get(d).getValue().applyAsInt(whole.length)));
            lake.day(D5, List.of(bar("AAA", 14), bar("BBB", 24), bar("IPO", 32)));

            List<String> warnings = LogCapture.warnings(QlibGoldStage.class, () -> assertEquals("full",
                    lake.stage(SplitFactors.NONE).run(false, false).mode(), file.toString()));
            // the README's promise: a warning that names the damaged file
            String damaged = damages.get(d).getKey();
            assertTrue(warnings.stream().anyMatch(line -> line.contains(damaged) && line.contains("rebuilt in full")),
                    warnings::toString);
            assertEqualsFullRebuild(lake);
            assertEquals("noop", lake.stage(SplitFactors.NONE).run(false, false).mode());
        }
    }

    /**
     * A lake has one Qlib provider: a second dataset of daily bars does not replace the first's gold in silence (the
     * daemon's gold route would, with whichever handoff came last); asked for with --full, it does.
     */
    @Test
    void anotherDatasetsGoldReplacesTheProviderOnlyWhenAskedForInFull() throws IOException {
        GoldTestLake lake = smallLake(root);
        lake.stage(SplitFactors.NONE).run(false, false);
        TreeMap<String, byte[]> first = GoldTestLake.goldFiles(lake.lake.goldQlib());
        TestApp.copyTree(lake.lake.bronzeDataset("stocks_daily"), lake.lake.bronzeDataset("sd2"));
        QlibGoldStage other = new QlibGoldStage(lake.lake, "sd2", SplitFactors.NONE, 2);

        io.quantmini.config.ConfigException refused = org.junit.jupiter.api.Assertions.assertThrows(
                io.quantmini.config.ConfigException.class, () -> other.run(false, false));
        assertTrue(refused.getMessage().startsWith("gold/qlib holds the Qlib provider of stocks_daily ("),
                refused.getMessage());
        assertTrue(refused.getMessage().endsWith("a lake has one, and sd2's would replace it: to replace it, run"
                + " `quantmini convert qlib -t sd2 --full`; to keep both, give sd2 a data root of its own"),
                refused.getMessage());
        TreeMap<String, byte[]> kept = GoldTestLake.goldFiles(lake.lake.goldQlib());
        assertEquals(first.keySet(), kept.keySet());
        for (String file : first.keySet()) {
            assertArrayEquals(first.get(file), kept.get(file), file);
        }

        assertEquals("full", other.run(true, false).mode());
        assertEquals("noop", other.run(false, false).mode(), "sd2's now");
        org.junit.jupiter.api.Assertions.assertThrows(io.quantmini.config.ConfigException.class,
                () -> lake.stage(SplitFactors.NONE).run(false, false));
    }

    @Test
    void fullBuildReadsBackEveryBarAtItsDateWithNaNOnGaps() throws IOException {
        GoldTestLake lake = smallLake(root);
        GoldResult result = lake.stage(SplitFactors.NONE).run(false, false);

        assertEquals("full", result.mode());
        assertEquals(4, result.symbolsWritten());
        assertEquals(4, result.calendarDays());
        QlibReader gold = lake.gold();
        assertEquals(List.of(D1, D2, D3, D4), gold.calendar);
        assertEquals("AAA\t2024-01-02\t2024-01-05\nBBB\t2024-01-02\t2024-01-05\nGONE\t2024-01-02\t2024-01-03\n"
                + "IPO\t2024-01-04\t2024-01-05\n",
                Files.readString(lake.lake.goldQlib().resolve("instruments/all.txt")));
        assertEquals("2024-01-02\n2024-01-03\n2024-01-04\n2024-01-05\n",
                Files.readString(lake.lake.goldQlib().resolve("calendars/day.txt")));

        assertEquals(Map.of(D1, 10f, D2, 11f, D3, 12f, D4, 13f), gold.series("AAA", "close"));
        TreeMap<LocalDate, Float> bbb = gold.series("BBB", "close");
        assertEquals(List.of(D1, D2, D3, D4), new ArrayList<>(bbb.keySet()));
        assertTrue(Float.isNaN(bbb.get(D3)));
        assertEquals(23f, bbb.get(D4));
        assertEquals(2, gold.startIndex("IPO", "close"));
        assertEquals(Map.of(D3, 30f, D4, 31f), gold.series("IPO", "close"));
        assertEquals(2, QlibReader.floats(gold.file("GONE", "open")).length - 1);
        assertEquals(Map.of(D1, 5f, D2, 6f), gold.series("GONE", "close"));

        for (String field : PriceFields.FIELDS) {
            assertTrue(Files.isRegularFile(gold.file("AAA", field)), field);
        }
        assertEquals((float) (10 * 0.99), gold.series("AAA", "open").get(D1));
        assertEquals((float) (1000 + 10.0), gold.series("AAA", "volume").get(D1));
        assertEquals((float) ((10 * 1.02 + 10 * 0.97) / 2), gold.series("AAA", "vwap").get(D1));
        // Bytes: start index 2.0f little-endian, then 30.0f.
        byte[] ipo = Files.readAllBytes(gold.file("IPO", "close"));
        assertArrayEquals(new byte[] {0, 0, 0, 0x40, 0, 0, (byte) 0xf0, 0x41}, java.util.Arrays.copyOf(ipo, 8));
        byte[] hole = Files.readAllBytes(gold.file("BBB", "close"));
        assertArrayEquals(new byte[] {0, 0, (byte) 0xc0, 0x7f}, java.util.Arrays.copyOfRange(hole, 12, 16));
    }

    @Test
    void changeBridgesGapsAndFactorFollowsSplits() throws IOException {
        GoldTestLake lake = smallLake(root);
        // BBB split 1:4 taking effect on D4; AAA 2-for-1 on D2.
        SplitEvents splits = new SplitEvents(List.of(new Split("BBB", D4, 1, 4), new Split("AAA", D2, 1, 2)));
        lake.stage(splits).run(false, false);
        QlibReader gold = lake.gold();

        TreeMap<LocalDate, Float> change = gold.series("BBB", "change");
        assertTrue(Float.isNaN(change.get(D1)), "first bar has no previous close");
        assertEquals((float) (21.0 / 20.0 - 1), change.get(D2));
        assertTrue(Float.isNaN(change.get(D3)), "no bar, no change");
        assertEquals((float) (23.0 / 21.0 - 1), change.get(D4), "across the gap: previous bar's close");

        assertEquals(Map.of(D1, 0.25f, D2, 0.25f, D3, 0.25f, D4, 1f), gold.series("BBB", "factor"),
                "before the split 1/4; the hole carries the previous bar's factor");
        assertEquals(Map.of(D1, 0.5f, D2, 1f, D3, 1f, D4, 1f), gold.series("AAA", "factor"));
        assertEquals(Map.of(D1, 1f, D2, 1f), gold.series("GONE", "factor"));
    }

    @Test
    void syntheticMarketSplitGivesQuarterFactorBeforeAndSmoothChange() throws IOException {
        SyntheticMarket market = market(20, 30);
        GoldTestLake lake = new GoldTestLake(root);
        for (LocalDate day : market.tradingDays()) {
            lake.body(day, grouped(market, day));
        }
        Path splitsFile = root.resolve("reference/splits.jsonl");
        Files.createDirectories(splitsFile.getParent());
        Files.write(splitsFile, market.respond("/v3/reference/splits", Map.of(), "http://x").body());
        List<Split> splits = SplitsFile.read(splitsFile);
        assertEquals(1, splits.size());
        Split split = splits.get(0);

        new QlibGoldStage(lake.lake, GoldTestLake.DATASET).run(false, false);
        QlibReader gold = lake.gold();
        String code = QlibNames.code(split.ticker());
        TreeMap<LocalDate, Float> factor = gold.series(code, "factor");
        TreeMap<LocalDate, Float> change = gold.series(code, "change");
        for (Map.Entry<LocalDate, Float> day : factor.entrySet()) {
            assertEquals(day.getKey().isBefore(split.executionDate()) ? 0.25f : 1f, day.getValue(),
                    day.getKey().toString());
        }
        float onSplit = change.get(split.executionDate());
        assertTrue(Math.abs(onSplit) < 0.5, "split-adjusted close has no 1:4 jump: " + onSplit);
    }

    @Test
    void dayByDayAppendsAreByteIdenticalToOneFullBuild() throws IOException {
        SyntheticMarket market = market(60, 40);
        SplitEvents splits = new SplitEvents(List.of(new Split("AAAB", market.tradingDays().get(20), 1, 3)));

        GoldTestLake allAtOnce = new GoldTestLake(root.resolve("once"));
        for (LocalDate day : market.tradingDays()) {
            allAtOnce.body(day, GoldTestLake.without(grouped(market, day), day, QlibGoldStageTest::halted));
        }
        assertEquals("full", allAtOnce.stage(splits).run(false, false).mode());

        GoldTestLake daily = new GoldTestLake(root.resolve("daily"));
        List<LocalDate> days = market.tradingDays();
        for (int i = 0; i < days.size(); i++) {
            LocalDate day = days.get(i);
            daily.body(day, GoldTestLake.without(grouped(market, day), day, QlibGoldStageTest::halted));
            GoldResult result = daily.stage(splits).run(false, false);
            assertEquals(i == 0 ? "full" : "append", result.mode(), day.toString());
            if (i > 0) {
                // Only the new day's values (plus NaN for bridged holes), calendar, instruments and manifest.
                assertTrue(result.bytesWritten() < 60 * 8 * 4 * 4 + 64 * 1024, "bytes " + result.bytesWritten());
                assertTrue(result.symbolsAppended() > 0);
            }
        }
        assertEquals("noop", daily.stage(splits).run(false, false).mode());

        TreeMap<String, byte[]> expected = GoldTestLake.goldFiles(allAtOnce.lake.goldQlib());
        TreeMap<String, byte[]> actual = GoldTestLake.goldFiles(daily.lake.goldQlib());
        assertEquals(expected.keySet(), actual.keySet());
        for (String file : expected.keySet()) {
            assertArrayEquals(expected.get(file), actual.get(file), file);
        }

        // And every bronze bar comes back at its date after all those appends.
        QlibReader gold = daily.gold();
        int checked = 0;
        for (LocalDate day : days) {
            for (var row : io.quantmini.bronze.BronzeReader.readAll(daily.lake.bronzeDayFile("stocks_daily", day))) {
                String code = QlibNames.code(row.get("ticker").toString());
                assertEquals((float) (double) (Double) row.get("close"), gold.series(code, "close").get(day),
                        code + " " + day);
                checked++;
            }
        }
        assertTrue(checked > 1000);
    }

    /**
     * A full build reads a long history in blocks of days (the first built, the rest appended): with blocks of 7 days
     * over 40, across IPOs, delistings, halts and a split, it writes the bytes of a one-pass build.
     */
    @Test
    void aFullBuildInBlocksOfDaysWritesTheOnePassBytes() throws IOException {
        SyntheticMarket market = market(60, 40);
        SplitEvents splits = new SplitEvents(List.of(new Split("AAAB", market.tradingDays().get(20), 1, 3)));
        GoldTestLake lake = haltedMarketLake(market);
        GoldResult onePass = lake.stage(splits).run(true, false);
        TreeMap<String, byte[]> expected = GoldTestLake.goldFiles(lake.lake.goldQlib());

        GoldResult inBlocks = lake.stage(splits, 7).run(true, false);
        TreeMap<String, byte[]> actual = GoldTestLake.goldFiles(lake.lake.goldQlib());
        assertEquals("full", inBlocks.mode());
        assertEquals(onePass.symbolsWritten(), inBlocks.symbolsWritten());
        assertEquals(40, inBlocks.calendarDays());
        assertEquals(expected.keySet(), actual.keySet());
        for (String file : expected.keySet()) {
            assertArrayEquals(expected.get(file), actual.get(file), file);
        }
        assertTrue(expected.size() > 60 * 8, "files: " + expected.size());
        assertEquals("noop", lake.stage(splits).run(false, false).mode(), "its manifest drives the next run");
    }

    /**
     * A corrected past day rewrites every symbol listed on it over its whole history: in slices of symbols, so that a
     * long history fits the heap a full build needs (at once, 25 years of 2,000 symbols ran 1 GB out of memory where
     * a full build took 512 MB). Slices of ~100 rows (two or three symbols) write the bytes of one slice.
     */
    @Test
    void aRewriteInSlicesOfSymbolsWritesTheBytesOfOneSlice() throws IOException {
        SyntheticMarket market = market(60, 40);
        SplitEvents splits = new SplitEvents(List.of(new Split("AAAB", market.tradingDays().get(20), 1, 3)));
        GoldTestLake lake = haltedMarketLake(market);
        lake.stage(splits).run(true, false);
        LocalDate corrected = market.tradingDays().get(12);
        lake.body(corrected, GoldTestLake.without(grouped(market, corrected), corrected,
                (ticker, day) -> halted(ticker, day) || ticker.compareTo("AAB") < 0));

        List<LocalDate> calendar = CalendarFile.read(lake.lake.goldQlib().resolve("calendars/day.txt"));
        Map<String, InstrumentsFile.Span> spans = InstrumentsFile.read(lake.lake.goldQlib().resolve(
                "instruments/all.txt"));
        assertTrue(IncrementalBuild.slices(spans.keySet(), spans, calendar, 100).size() > 10, "many slices");
        GoldResult inSlices = lake.stageWithRewriteSlices(splits, 100).run(false, false);
        TreeMap<String, byte[]> actual = GoldTestLake.goldFiles(lake.lake.goldQlib());
        assertEquals("rewrite", inSlices.mode());
        assertTrue(inSlices.symbolsWritten() > 5, "symbols written: " + inSlices.symbolsWritten());
        GoldResult rebuilt = lake.stage(splits).run(true, false);
        assertEquals("full", rebuilt.mode());
        TreeMap<String, byte[]> expected = GoldTestLake.goldFiles(lake.lake.goldQlib());
        assertEquals(expected.keySet(), actual.keySet());
        for (String file : expected.keySet()) {
            assertArrayEquals(expected.get(file), actual.get(file), file);
        }
    }

    /** Slices follow the symbols' spans in the calendar; a symbol longer than a slice is a slice of its own. */
    @Test
    void rewriteSlicesCutTheSymbolsByTheirRows() {
        List<LocalDate> calendar = new ArrayList<>();
        for (LocalDate day = D1; calendar.size() < 20; day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() < 6) {
                calendar.add(day);
            }
        }
        Map<String, InstrumentsFile.Span> spans = Map.of(
                "AAA", new InstrumentsFile.Span(calendar.get(0), calendar.get(9)),     // 10 rows
                "BBB", new InstrumentsFile.Span(calendar.get(5), calendar.get(9)),     // 5
                "CCC", new InstrumentsFile.Span(calendar.get(0), calendar.get(19)),    // 20
                "DDD", new InstrumentsFile.Span(calendar.get(18), calendar.get(19)));  // 2
        // "NEW" is not listed yet: the whole calendar, 20 rows
        List<Set<String>> slices = IncrementalBuild.slices(Set.of("DDD", "NEW", "BBB", "AAA", "CCC"),
                spans, calendar, 16);
        assertEquals(List.of(Set.of("AAA", "BBB"), Set.of("CCC"), Set.of("DDD"),
                Set.of("NEW")), slices);
        assertEquals(List.of(Set.of("AAA", "BBB", "CCC", "DDD", "NEW")), IncrementalBuild.slices(
                Set.of("DDD", "NEW", "BBB", "AAA", "CCC"), spans, calendar, 1_000));
        assertTrue(IncrementalBuild.sliceRows(512L << 20) > 1_000_000, "a 512 MB heap rewrites 1M+ rows at a time");
    }

    @Test
    void severalNewDaysAtOnceAppendInPlaceWithoutARebuild() throws IOException {
        GoldTestLake lake = smallLake(root);
        lake.stage(SplitFactors.NONE).run(false, false);
        Path generation = lake.lake.goldQlib().toRealPath();
        Map<String, Object> before = fileKeys(lake.lake.goldQlib().resolve("features"));
        LocalDate d6 = LocalDate.of(2024, 1, 9);
        lake.day(D5, List.of(bar("AAA", 14), bar("IPO", 32)));
        lake.day(d6, List.of(bar("AAA", 15), bar("BBB", 25), bar("LATE", 3)));

        GoldResult result = lake.stage(SplitFactors.NONE).run(false, false);
        assertEquals("append", result.mode(), "the calendar only grew");
        assertEquals(generation, lake.lake.goldQlib().toRealPath(), "same folder, extended in place");
        Map<String, Object> after = fileKeys(lake.lake.goldQlib().resolve("features"));
        assertEquals(before.get("gone/close.day.bin"), after.get("gone/close.day.bin"), "delisted: untouched");
        assertEquals(Map.of(D1, 10f, D2, 11f, D3, 12f, D4, 13f, D5, 14f, d6, 15f), lake.gold().series("AAA", "close"));
        assertEquals(Map.of(d6, 3f), lake.gold().series("LATE", "close"));
        assertEqualsFullRebuild(lake);
    }

    /**
     * An append that stops after writing the bins (killed, or failing to write the calendar) leaves tails past the
     * listed ends. A correction then takes a symbol's new bars away, so the next append would not touch its files:
     * their tail would stay, read by a Qlib expression looking ahead (Ref($close, -1)) on its last listed day. The
     * run's mark makes the next run build in full instead, and a run after that appends again.
     */
    @Test
    void aRunAfterAnInPlaceRunThatStoppedBuildsInFull() throws IOException {
        GoldTestLake lake = smallLake(root);
        lake.stage(SplitFactors.NONE).run(false, false);
        Path gold = lake.lake.goldQlib();
        Map<Path, byte[]> committed = new HashMap<>();
        for (Path file : List.of(gold.resolve("calendars/day.txt"), gold.resolve("instruments/all.txt"),
                gold.resolve("_manifest.json"))) {
            committed.put(file, Files.readAllBytes(file));
        }
        long listedBytes = Files.size(lake.gold().file("AAA", "close"));
        lake.day(D5, List.of(bar("AAA", 14), bar("IPO", 32)));
        assertEquals("append", lake.stage(SplitFactors.NONE).run(false, false).mode());
        // what a run stopped after the bins leaves: the tails, its mark, and the committed calendar, list, manifest
        for (Map.Entry<Path, byte[]> file : committed.entrySet()) {
            Files.write(file.getKey(), file.getValue());
        }
        Files.writeString(gold.resolve(".in-place-run"), "12345");
        assertTrue(Files.size(lake.gold().file("AAA", "close")) > listedBytes, "AAA's D5 value, not listed");

        lake.day(D5, List.of(bar("IPO", 32))); // corrected: AAA has no bar on D5
        Path stopped = gold.toRealPath();
        assertEquals("full", lake.stage(SplitFactors.NONE).run(false, false).mode());
        assertNotEquals(stopped, gold.toRealPath(), "the stopped run's folder is replaced");
        assertEquals(listedBytes, Files.size(lake.gold().file("AAA", "close")));
        assertFalse(Files.exists(gold.resolve(".in-place-run")));
        assertEqualsFullRebuild(lake);

        lake.day(LocalDate.of(2024, 1, 9), List.of(bar("AAA", 15)));
        assertEquals("append", lake.stage(SplitFactors.NONE).run(false, false).mode());
        assertEqualsFullRebuild(lake);
    }

    @Test
    void reservedAndOddSymbolsRoundTripThroughQlibsNames() throws IOException {
        GoldTestLake lake = new GoldTestLake(root);
        List<String> tickers = List.of("CON", "PRN", "AUX", "NUL", "COM1", "LPT1", "COM10", "BRK.A", "TEST/WS",
                "O:SPY251219C00650000", "ABRpD", "^GSPC");
        List<Map<String, Object>> bars = new ArrayList<>();
        for (int i = 0; i < tickers.size(); i++) {
            bars.add(bar(tickers.get(i), 10 + i));
        }
        lake.day(D1, bars);
        lake.stage(SplitFactors.NONE).run(false, false);

        QlibReader gold = lake.gold();
        Path features = lake.lake.goldQlib().resolve("features");
        for (String dir : List.of("_qlib_con", "_qlib_prn", "_qlib_aux", "_qlib_nul", "_qlib_com1", "_qlib_lpt1",
                "com10", "brk.a", "test/ws", "o:spy251219c00650000", "abrpd", "^gspc")) {
            assertTrue(Files.isRegularFile(features.resolve(dir).resolve("close.day.bin")), dir);
        }
        for (int i = 0; i < tickers.size(); i++) {
            String code = tickers.get(i).toUpperCase(java.util.Locale.ROOT);
            assertTrue(gold.instruments.containsKey(code), code);
            assertEquals(Map.of(D1, 10f + i), gold.series(code, "close"), code);
        }
    }

    /**
     * Tickers that differ only in case are one Qlib code (its directory is lower-case): on a day with both, the row of
     * the ticker that sorts first is kept, as dump_bin keeps a date's first row; each alone fills its own days.
     */
    @Test
    void tickersThatDifferOnlyInCaseShareOneCodeAndTheFirstTickerWinsADay() throws Exception {
        GoldTestLake lake = new GoldTestLake(root);
        lake.day(D1, List.of(bar("ABRPD", 20), bar("ABRpD", 10), bar("ZZZ", 1)));
        lake.day(D2, List.of(bar("ABRPD", 21), bar("ZZZ", 1)));
        lake.day(D3, List.of(bar("ABRpD", 12), bar("ZZZ", 1)));
        List<String> said = LogCapture.messages(SymbolTableReader.class,
                () -> assertEquals("full", lake.stage(SplitFactors.NONE).run(false, false).mode()));
        // said once per code, not only for the day both trade
        assertEquals(1, said.stream().filter(line -> line.startsWith("tickers [ABRPD, ABRpD] are one Qlib instrument"
                + " ABRPD")).count(), said::toString);

        QlibReader gold = lake.gold();
        assertEquals(Map.of(D1, 20f, D2, 21f, D3, 12f), gold.series("ABRPD", "close"));
        assertEquals(List.of("ABRPD", "ZZZ"), new ArrayList<>(gold.instruments.keySet()));
        assertEquals(Map.of(D1, 1f, D2, 1f, D3, 1f), gold.series("ZZZ", "close"));
        assertEqualsFullRebuild(lake);
    }

    @Test
    void correctedPastDayRewritesOnlyTheAffectedSymbol() throws IOException {
        GoldTestLake lake = smallLake(root);
        lake.stage(SplitFactors.NONE).run(false, false);
        Map<String, Object> before = fileKeys(lake.lake.goldQlib().resolve("features"));

        lake.day(D2, List.of(bar("AAA", 11), bar("BBB", 21.5), bar("GONE", 6)));
        GoldResult result = lake.stage(SplitFactors.NONE).run(false, false);

        assertEquals("rewrite", result.mode());
        assertEquals(1, result.symbolsWritten());
        Map<String, Object> after = fileKeys(lake.lake.goldQlib().resolve("features"));
        for (String file : before.keySet()) {
            boolean bbbPrices = file.startsWith("bbb/") && !file.contains("factor");
            if (bbbPrices) {
                assertNotEquals(before.get(file), after.get(file), file);
            } else {
                assertEquals(before.get(file), after.get(file), file + " must be untouched");
            }
        }
        assertEquals(21.5f, lake.gold().series("BBB", "close").get(D2));
        assertEqualsFullRebuild(lake);
    }

    /** A corrected day that takes away a symbol's only bar unlists it, as a full build from that bronze would. */
    @Test
    void aSymbolWhoseOnlyBarACorrectedDayRemovesIsUnlisted() throws IOException {
        GoldTestLake lake = smallLake(root);
        lake.day(D3, List.of(bar("AAA", 12), bar("IPO", 30), bar("ONCE", 7)));
        lake.stage(SplitFactors.NONE).run(false, false);
        assertEquals(Map.of(D3, 7f), lake.gold().series("ONCE", "close"));

        lake.day(D3, List.of(bar("AAA", 12), bar("IPO", 30)));
        GoldResult result = lake.stage(SplitFactors.NONE).run(false, false);

        assertEquals("rewrite", result.mode());
        assertEquals(List.of("AAA", "BBB", "GONE", "IPO"), new ArrayList<>(lake.gold().instruments.keySet()));
        assertEqualsFullRebuild(lake);
    }

    /**
     * A code's files go with its last bar, and only its own: the directory of {@code TEST/WS} sits inside that of
     * {@code TEST}, so each is unlisted while the other keeps every file.
     */
    @Test
    void anUnlistedCodesFilesGoButNotThoseOfACodeNestedInIt() throws IOException {
        GoldTestLake lake = smallLake(root);
        lake.day(D3, List.of(bar("AAA", 12), bar("IPO", 30), bar("TEST", 7), bar("TEST/WS", 1)));
        lake.stage(SplitFactors.NONE).run(false, false);
        Path test = lake.lake.goldQlib().resolve("features/test");
        assertTrue(Files.isRegularFile(test.resolve("close.day.bin")));
        assertTrue(Files.isRegularFile(test.resolve("ws/close.day.bin")));

        lake.day(D3, List.of(bar("AAA", 12), bar("IPO", 30), bar("TEST/WS", 1)));
        assertEquals("rewrite", lake.stage(SplitFactors.NONE).run(false, false).mode());
        assertFalse(Files.exists(test.resolve("close.day.bin")));
        assertEquals(Map.of(D3, 1f), lake.gold().series("TEST/WS", "close"));
        assertEqualsFullRebuild(lake);

        lake.day(D3, List.of(bar("AAA", 12), bar("IPO", 30), bar("TEST", 8)));
        lake.stage(SplitFactors.NONE).run(false, false);
        assertFalse(Files.exists(test.resolve("ws")), "its directory, once empty, goes too");
        assertEquals(Map.of(D3, 8f), lake.gold().series("TEST", "close"));
        assertEqualsFullRebuild(lake);

        lake.day(D3, List.of(bar("AAA", 12), bar("IPO", 30)));
        lake.stage(SplitFactors.NONE).run(false, false);
        assertFalse(Files.exists(test));
        assertEqualsFullRebuild(lake);
    }

    /**
     * Qlib's names would give two codes one directory ({@code CON} is {@code _qlib_con}, as is the ticker
     * {@code _qlib_con}): that ticker is skipped, so CON's folder holds CON's bars alone. Before, both were listed, a
     * full build wrote whichever came last, and Qlib read _qlib_con's closes 99 as CON's.
     */
    @Test
    void aTickerNamedAsQlibEscapesAReservedNameIsSkipped() throws IOException {
        GoldTestLake lake = new GoldTestLake(root);
        lake.day(D1, List.of(bar("AAA", 10), bar("_qlib_con", 99)));
        lake.day(D2, List.of(bar("AAA", 11)));
        lake.day(D3, List.of(bar("AAA", 12), bar("CON", 22), bar("_QLIB_CON", 98)));
        lake.stage(SplitFactors.NONE).run(false, false);

        assertEquals(List.of("AAA", "CON"), new ArrayList<>(lake.gold().instruments.keySet()));
        assertEquals(Map.of(D3, 22f), lake.gold().series("CON", "close"));
        assertEqualsFullRebuild(lake);
    }

    @Test
    void removedBarAndNewDaysTogetherAndPastDayInsertRebuildsAll() throws IOException {
        GoldTestLake lake = smallLake(root);
        lake.stage(SplitFactors.NONE).run(false, false);
        // D4 loses BBB's bar (BBB then ends on D2) while D5 arrives.
        lake.day(D4, List.of(bar("AAA", 13), bar("IPO", 31)));
        lake.day(D5, List.of(bar("AAA", 14), bar("NEW", 2)));
        GoldResult result = lake.stage(SplitFactors.NONE).run(false, false);
        assertEquals("rewrite", result.mode());
        assertEquals(List.of(D1, D2), new ArrayList<>(lake.gold().series("BBB", "close").keySet()));
        assertEquals(Map.of(D5, 2f), lake.gold().series("NEW", "close"));
        assertEqualsFullRebuild(lake);

        // A day inside the range that gold never had: every index shifts, so everything is rebuilt.
        lake.day(LocalDate.of(2024, 1, 1), List.of(bar("AAA", 9)));
        assertEquals("full", lake.stage(SplitFactors.NONE).run(false, false).mode());
        assertEquals(9f, lake.gold().series("AAA", "close").get(LocalDate.of(2024, 1, 1)));
        assertEqualsFullRebuild(lake);
    }

    @Test
    void newSplitRewritesOnlyThatSymbolsFactor() throws IOException {
        GoldTestLake lake = smallLake(root);
        lake.stage(SplitFactors.NONE).run(false, false);
        Map<String, Object> before = fileKeys(lake.lake.goldQlib().resolve("features"));
        SplitEvents splits = new SplitEvents(List.of(new Split("IPO", D4, 1, 2)));
        GoldResult result = lake.stage(splits).run(false, false);
        assertEquals("rewrite", result.mode());
        Map<String, Object> after = fileKeys(lake.lake.goldQlib().resolve("features"));
        for (String file : before.keySet()) {
            if (file.equals("ipo/factor.day.bin")) {
                assertNotEquals(before.get(file), after.get(file));
            } else {
                assertEquals(before.get(file), after.get(file), file);
            }
        }
        assertEquals(Map.of(D3, 0.5f, D4, 1f), lake.gold().series("IPO", "factor"));
    }

    private void assertEqualsFullRebuild(GoldTestLake lake) throws IOException {
        TreeMap<String, byte[]> incremental = GoldTestLake.goldFiles(lake.lake.goldQlib());
        Path copy = root.resolve("rebuild-" + System.nanoTime());
        GoldTestLake fresh = new GoldTestLake(copy);
        TestApp.copyTree(lake.lake.bronzeDataset("stocks_daily"), fresh.lake.bronzeDataset("stocks_daily"));
        fresh.stage(SplitFactors.NONE).run(true, false);
        TreeMap<String, byte[]> rebuilt = GoldTestLake.goldFiles(fresh.lake.goldQlib());
        assertEquals(rebuilt.keySet(), incremental.keySet(), "the files a full build writes, and no other");
        for (String file : rebuilt.keySet()) {
            assertArrayEquals(rebuilt.get(file), incremental.get(file), file);
        }
    }

    /** File -> (inode, mtime) for every file under {@code dir}. */
    private static Map<String, Object> fileKeys(Path dir) throws IOException {
        Map<String, Object> keys = new HashMap<>();
        try (var paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isRegularFile(path)) {
                    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                    keys.put(dir.relativize(path).toString(), List.of(String.valueOf(attributes.fileKey()),
                            attributes.lastModifiedTime().toString()));
                }
            }
        }
        return keys;
    }

    /** Holes: some tickers skip some days (halts), so appends must bridge gaps exactly. */
    private static boolean halted(String ticker, LocalDate day) {
        return Math.floorMod(ticker.hashCode() + day.getDayOfYear(), 7) == 0;
    }

    /** A lake of the market's days, each without the bars {@link #halted} takes away. */
    private GoldTestLake haltedMarketLake(SyntheticMarket market) throws IOException {
        GoldTestLake lake = new GoldTestLake(root);
        for (LocalDate day : market.tradingDays()) {
            lake.body(day, GoldTestLake.without(grouped(market, day), day, QlibGoldStageTest::halted));
        }
        return lake;
    }

    static SyntheticMarket market(int tickers, int days) {
        NyseCalendar calendar = NyseCalendar.load(Paths.get("config/calendar/nyse-closures.csv"));
        LocalDate start = LocalDate.of(2024, 1, 2);
        LocalDate end = calendar.tradingDays(start, start.plusDays(days * 2L)).get(days - 1);
        return new SyntheticMarket(new SyntheticMarket.Spec(tickers, start, end, 7), calendar);
    }

    static byte[] grouped(SyntheticMarket market, LocalDate day) {
        return market.respond("/v2/aggs/grouped/locale/us/market/stocks/" + day, Map.of("adjusted", "true"),
                "http://127.0.0.1").body();
    }
}
