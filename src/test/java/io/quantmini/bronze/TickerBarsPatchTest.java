package io.quantmini.bronze;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantmini.landing.LandingPage;
import io.quantmini.lake.LakeLayout;
import io.quantmini.lake.FooterKeys;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TickerBarsPatchTest {

    private static final LocalDate MON = LocalDate.of(2024, 3, 4);
    private static final LocalDate TUE = LocalDate.of(2024, 3, 5);
    private static final LocalDate WED = LocalDate.of(2024, 3, 6);
    private static final Instant FETCHED = Instant.parse("2024-03-06T02:00:00Z");
    private static final Instant PATCHED = Instant.parse("2024-03-08T11:00:00Z");

    @TempDir
    Path root;

    private LakeLayout lake() {
        return new LakeLayout(root);
    }

    /** A grouped day of AAA (on the old basis: close 40) and BBB (without vwap and trade count: nulls). */
    private void groupedDay(LocalDate day) throws IOException {
        Map<String, Object> bbb = new LinkedHashMap<>(TestDays.bar("BBB"));
        bbb.remove("vw");
        bbb.remove("n");
        bbb.put("otc", true);
        byte[] body = TestDays.response(List.of(TestDays.bar("AAA", 40, 44, 36, 40, 1000), bbb));
        LandingPage page = TestDays.land(lake(), day, "grouped-" + day, body);
        new BronzeDayWriter(lake(), TestDays.schema())
                .write(day, List.of(new LandingPage(page.requestId(), page.file(), body, FETCHED)));
    }

    /** AAA's per-ticker response with a bar (new basis: close 10) on each of {@code days}. */
    private DayDecoding tickerBars(LocalDate... days) throws IOException {
        return tickerBars("AAA", days);
    }

    private DayDecoding tickerBars(String ticker, LocalDate... days) throws IOException {
        return tickerBarsLandedOn(WED, ticker, days);
    }

    /** As {@link #tickerBars(String, LocalDate...)}, the answer landed in another day's folder (a later run's). */
    private DayDecoding tickerBarsLandedOn(LocalDate landedOn, String ticker, LocalDate... days) throws IOException {
        List<Map<String, Object>> results = new java.util.ArrayList<>();
        for (LocalDate day : days) {
            Map<String, Object> bar = new LinkedHashMap<>(TestDays.bar(ticker, 10, 11, 9, 10, 4000));
            bar.remove("T");
            bar.put("t", day.atStartOfDay(ZoneId.of("America/New_York")).toInstant().toEpochMilli());
            results.add(bar);
        }
        byte[] body = TestDays.response(results);
        Path file = lake().landingDay("stocks_daily_by_ticker", landedOn).resolve(ticker.toLowerCase() + ".json");
        Files.createDirectories(file.getParent());
        Files.write(file, body);
        DayDecoding decoding = new BronzeDayWriter(lake(), DatasetSchema.load(
                Paths.get("config/datasets/stocks_daily_by_ticker.yaml"))).startDay(landedOn, ticker);
        decoding.read(new LandingPage(ticker.toLowerCase(), file, body, PATCHED));
        return decoding;
    }

    /** What the last {@link #patch} did not patch. */
    private TickerBarsPatch.Outcome outcome;

    /** Applies the patches and returns the days written, in order; a day that fails fails the test. */
    private List<BronzeDayResult> patch(TickerBarsPatch.TickerBars... patches) throws IOException {
        List<BronzeDayResult> written = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        outcome = new TickerBarsPatch(lake(), TestDays.schema()).apply(List.of(patches), 2, written::add,
                (day, failure) -> {
                    throw new AssertionError(day + ": " + failure, failure);
                });
        return written.stream().sorted(java.util.Comparator.comparing(BronzeDayResult::date)).toList();
    }

    private Map<String, GenericRecord> bars(LocalDate day) throws IOException {
        Map<String, GenericRecord> byTicker = new LinkedHashMap<>();
        for (GenericRecord bar : BronzeReader.readAll(lake().bronzeDayFile("stocks_daily", day))) {
            byTicker.put(bar.get("ticker").toString(), bar);
        }
        return byTicker;
    }

    @Test
    void theTickersRowTakesItsNewBarAndTheOtherRowsStay() throws IOException {
        groupedDay(MON);
        groupedDay(TUE);
        GenericRecord bbbBefore = bars(MON).get("BBB");

        List<BronzeDayResult> written = patch(new TickerBarsPatch.TickerBars("AAA", tickerBars(MON, TUE),
                List.of(MON, TUE)));

        assertEquals(List.of(MON, TUE), written.stream().map(BronzeDayResult::date).toList());
        for (LocalDate day : List.of(MON, TUE)) {
            Map<String, GenericRecord> bars = bars(day);
            assertEquals(List.of("AAA", "BBB"), List.copyOf(bars.keySet()));
            assertEquals(10.0, bars.get("AAA").get("close"));
            assertEquals(4000.0, bars.get("AAA").get("volume"));
            assertEquals(day, bars.get("AAA").get("date"));
            assertEquals(bars.get("BBB").get("timestamp"), bars.get("AAA").get("timestamp"),
                    "the grouped answer's timestamp (keeps_day_columns), not the per-ticker bar's midnight");
            Map<String, String> footer = BronzeReader.footerMetadata(lake().bronzeDayFile("stocks_daily", day));
            assertEquals(Map.of("AAA", PATCHED), TickerBarsPatch.rebased(footer));
            assertEquals("2024-03-06T02:00:00.000Z", footer.get(BronzeDayWriter.META_RECEIVED_AT),
                    "the day's own fetch");
            assertTrue(footer.get(FooterKeys.SOURCE_FILES).endsWith(
                    ",landing/stocks_daily_by_ticker/2024-03-06/aaa.json"), footer.toString());
        }
        assertEquals(bbbBefore.toString(), bars(MON).get("BBB").toString());
        assertEquals(null, bars(MON).get("BBB").get("vwap"));
        assertEquals(true, bars(MON).get("BBB").get("otc"));

        // Patched again from the same capture: the footer names each source once, as before.
        Map<String, String> once = BronzeReader.footerMetadata(lake().bronzeDayFile("stocks_daily", MON));
        patch(new TickerBarsPatch.TickerBars("AAA", tickerBars(MON, TUE), List.of(MON, TUE)));
        Map<String, String> twice = BronzeReader.footerMetadata(lake().bronzeDayFile("stocks_daily", MON));
        assertEquals(once.get(FooterKeys.SOURCE_FILES), twice.get(FooterKeys.SOURCE_FILES));
        assertEquals(once.get(FooterKeys.REQUEST_IDS), twice.get(FooterKeys.REQUEST_IDS));
    }

    /**
     * A bronze day written by another tool, without our lineage keys in its footer: patched like any other (it failed
     * with a NullPointerException), its footer then naming the patch's sources only.
     */
    @Test
    void aDayWithoutLineageInItsFooterIsPatched() throws IOException {
        groupedDay(MON);
        Path file = lake().bronzeDayFile("stocks_daily", MON);
        List<GenericRecord> rows = BronzeReader.readAll(file);
        Files.delete(file);
        try (org.apache.parquet.hadoop.ParquetWriter<GenericRecord> writer = org.apache.parquet.avro.AvroParquetWriter
                .<GenericRecord>builder(new org.apache.parquet.io.LocalOutputFile(file))
                .withSchema(rows.get(0).getSchema()).withDataModel(withTimeConversions()).build()) {
            for (GenericRecord row : rows) {
                writer.write(row);
            }
        }
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(FETCHED));
        assertEquals(null, BronzeReader.footerMetadata(file).get(FooterKeys.SOURCE_FILES));

        List<BronzeDayResult> written = patch(new TickerBarsPatch.TickerBars("AAA", tickerBars(MON), List.of(MON)));

        assertEquals(List.of(MON), written.stream().map(BronzeDayResult::date).toList());
        assertEquals(10.0, bars(MON).get("AAA").get("close"));
        assertEquals("landing/stocks_daily_by_ticker/2024-03-06/aaa.json",
                BronzeReader.footerMetadata(file).get(FooterKeys.SOURCE_FILES));
    }

    private static org.apache.avro.generic.GenericData withTimeConversions() {
        org.apache.avro.generic.GenericData model = new org.apache.avro.generic.GenericData();
        model.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.DateConversion());
        model.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.TimestampMillisConversion());
        return model;
    }

    @Test
    void aDayWithoutANewBarSetsTheOldOneAsideAsAReject() throws IOException {
        groupedDay(MON);
        groupedDay(TUE);

        List<BronzeDayResult> written = patch(new TickerBarsPatch.TickerBars("AAA", tickerBars(TUE),
                List.of(MON, TUE, WED))); // no bronze day on Wednesday

        assertEquals(List.of(MON, TUE), written.stream().map(BronzeDayResult::date).toList());
        assertEquals(List.of("BBB"), List.copyOf(bars(MON).keySet()));
        List<String> rejects = Files.readAllLines(lake().rejectsDayFile("stocks_daily", MON));
        assertEquals(1, rejects.size());
        JsonNode reject = TestDays.JSON.readTree(rejects.get(0));
        assertEquals("split_basis", reject.get("rule").asText());
        assertEquals("stocks_daily", reject.get("dataset").asText());
        assertEquals("2024-03-04", reject.get("date").asText());
        assertEquals("landing/stocks_daily_by_ticker/2024-03-06/aaa.json", reject.get("landing_file").asText());
        // the whole bronze row, every column with its value and type: nothing of the set-aside bar is lost
        assertEquals(TestDays.JSON.readTree("{\"ticker\":\"AAA\",\"date\":\"2024-03-04\",\"open\":40.0,"
                + "\"high\":44.0,\"low\":36.0,\"close\":40.0,\"vwap\":40.0,\"volume\":1000.0,\"transactions\":42,"
                + "\"timestamp\":1710532800000,\"otc\":false}"), reject.get("bronze_row"));
        assertTrue(reject.get("message").asText().contains("no valid bar on 2024-03-04"), reject.toString());
        assertEquals(Map.of("AAA", PATCHED),
                TickerBarsPatch.rebased(BronzeReader.footerMetadata(lake().bronzeDayFile("stocks_daily", MON))));
        assertFalse(Files.exists(lake().rejectsDayFile("stocks_daily", TUE)));
        // the run names the ticker and the day it lost, not only a count of rejects
        assertEquals(List.of(new TickerBarsPatch.SetAside("AAA", List.of(MON))), outcome.setAside());
        assertEquals(List.of(), outcome.leftAlone());
    }

    /**
     * A run killed after the set-aside bar reached the rejects but before the day was rewritten: the next run patches
     * the day again (its footer is not rebased yet), and the reject is kept once, not lost and not doubled.
     */
    @Test
    void aPatchRedoneAfterAKillKeepsItsRejectOnce() throws IOException {
        groupedDay(MON);
        groupedDay(TUE);
        Path monday = lake().bronzeDayFile("stocks_daily", MON);
        byte[] beforePatch = Files.readAllBytes(monday);
        patch(new TickerBarsPatch.TickerBars("AAA", tickerBars(TUE), List.of(MON, TUE)));
        List<String> rejects = Files.readAllLines(lake().rejectsDayFile("stocks_daily", MON));
        Files.write(monday, beforePatch); // the kill: the day's rename never happened

        // the next run, a day later: its answer lands in another folder, and names it
        List<BronzeDayResult> redone = patch(new TickerBarsPatch.TickerBars("AAA",
                tickerBarsLandedOn(WED.plusDays(1), "AAA", TUE), List.of(MON, TUE)));

        assertEquals(List.of(MON, TUE), redone.stream().map(BronzeDayResult::date).toList());
        assertEquals(List.of("BBB"), List.copyOf(bars(MON).keySet()));
        assertEquals(1, rejects.size());
        assertEquals(rejects, Files.readAllLines(lake().rejectsDayFile("stocks_daily", MON)));
    }

    /** An answer without any bar of the ticker (a symbol the per-ticker endpoint does not know) empties nothing. */
    @Test
    void aTickerWithoutAnyNewBarIsLeftAloneAndReported() throws IOException {
        groupedDay(MON);
        groupedDay(TUE);
        byte[] monday = Files.readAllBytes(lake().bronzeDayFile("stocks_daily", MON));
        List<BronzeDayResult> written = new java.util.ArrayList<>();
        TickerBarsPatch.Outcome outcome = new TickerBarsPatch(lake(), TestDays.schema()).apply(List.of(
                new TickerBarsPatch.TickerBars("AAA", tickerBars(), List.of(MON, TUE))), 2, written::add,
                (day, failure) -> {
                    throw new AssertionError(failure);
                });
        List<TickerBarsPatch.LeftAlone> leftAlone = outcome.leftAlone();
        assertEquals(List.of(), outcome.setAside()); // nothing was set aside: the days stay as they are
        assertEquals(List.of(), written);
        assertEquals(1, leftAlone.size());
        assertEquals(List.of(MON, TUE), leftAlone.get(0).days());
        String reason = leftAlone.get(0).reason();
        assertTrue(reason.startsWith("AAA: ") && reason.contains("2024-03-04..2024-03-05"), reason);
        assertArrayEquals(monday, Files.readAllBytes(lake().bronzeDayFile("stocks_daily", MON)));
        assertFalse(Files.exists(lake().rejectsDayFile("stocks_daily", MON)));
    }

    @Test
    void aDayWithoutTheTickerIsLeftAlone() throws IOException {
        byte[] body = TestDays.response(List.of(TestDays.bar("BBB")));
        new BronzeDayWriter(lake(), TestDays.schema()).write(MON, List.of(TestDays.land(lake(), MON, "g", body)));
        Path file = lake().bronzeDayFile("stocks_daily", MON);
        byte[] before = Files.readAllBytes(file);

        assertEquals(List.of(), patch(new TickerBarsPatch.TickerBars("AAA", tickerBars(MON), List.of(MON))));
        assertArrayEquals(before, Files.readAllBytes(file), "the file is not rewritten");
    }

    /**
     * A ticker holding the footer's separators (A;B, X=Y) or its escape (50%) is written escaped and read back as it
     * was: written as it was, A;B made every later read of the footer fail, and with it every run of the dataset.
     */
    @Test
    void tickersHoldingTheFootersSeparatorsAreReadBackAsThemselves() throws IOException {
        List<String> tickers = List.of("A;B", "X=Y", "50%", "%3B");
        List<Map<String, Object>> grouped = new java.util.ArrayList<>();
        for (String ticker : tickers) {
            grouped.add(TestDays.bar(ticker, 40, 44, 36, 40, 1000));
        }
        byte[] body = TestDays.response(grouped);
        LandingPage page = TestDays.land(lake(), MON, "grouped-odd", body);
        new BronzeDayWriter(lake(), TestDays.schema())
                .write(MON, List.of(new LandingPage(page.requestId(), page.file(), body, FETCHED)));

        patch(tickers.stream().map(t -> {
            try {
                return new TickerBarsPatch.TickerBars(t, tickerBars(t, MON), List.of(MON));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toArray(TickerBarsPatch.TickerBars[]::new));

        Map<String, String> footer = BronzeReader.footerMetadata(lake().bronzeDayFile("stocks_daily", MON));
        assertEquals("%253B=2024-03-08T11:00:00.000Z;50%25=2024-03-08T11:00:00.000Z;A%3BB=2024-03-08T11:00:00.000Z;"
                + "X%3DY=2024-03-08T11:00:00.000Z", footer.get(TickerBarsPatch.META_REBASED));
        assertEquals(Map.of("A;B", PATCHED, "X=Y", PATCHED, "50%", PATCHED, "%3B", PATCHED),
                TickerBarsPatch.rebased(footer));
        assertEquals(10.0, bars(MON).get("A;B").get("close"));
        IllegalArgumentException broken = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TickerBarsPatch.rebased(Map.of(TickerBarsPatch.META_REBASED, "A;B=2024-03-08T11:00:00.000Z")));
        assertEquals("footer quantmini.rebased has an entry that is not TICKER=instant: \"A\"", broken.getMessage());
    }

    /** An answer naming another ticker than the request's is refused: its bars would replace the requested ones. */
    @Test
    void anAnswerForAnotherTickerIsRefused() throws IOException {
        byte[] body = ("{\"ticker\":\"ZZZ\",\"adjusted\":true,\"results\":[{\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,"
                + "\"t\":1709528400000}],\"status\":\"OK\"}").getBytes(StandardCharsets.UTF_8);
        DayDecoding decoding = new BronzeDayWriter(lake(), DatasetSchema.load(
                Paths.get("config/datasets/stocks_daily_by_ticker.yaml"))).startDay(WED, "AAA");
        BronzeFormatException refused = org.junit.jupiter.api.Assertions.assertThrows(BronzeFormatException.class,
                () -> decoding.read(new LandingPage("aaa", root.resolve("aaa.json"), body, PATCHED)));
        assertEquals("the answer is for the ticker \"ZZZ\", not \"AAA\", which the request asked for",
                refused.problem());
        assertEquals(0, decoding.rows().size());
        decoding.read(new LandingPage("aaa", root.resolve("aaa.json"), new String(body, StandardCharsets.UTF_8)
                .replace("ZZZ", "AAA").getBytes(StandardCharsets.UTF_8), PATCHED));
        assertEquals(1, decoding.rows().size());
    }

    /** Two tickers patching the same days: each day is written once, with both new bars and both rebased. */
    @Test
    void twoTickersPatchingTheSameDaysBothLand() throws Exception {
        List<LocalDate> days = new java.util.ArrayList<>();
        for (LocalDate day = LocalDate.of(2024, 1, 2); days.size() < 30; day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() <= 5) {
                groupedDay(day);
                days.add(day);
            }
        }
        LocalDate[] all = days.toArray(LocalDate[]::new);
        List<BronzeDayResult> written = patch(new TickerBarsPatch.TickerBars("AAA", tickerBars("AAA", all), days),
                new TickerBarsPatch.TickerBars("BBB", tickerBars("BBB", all), days));
        assertEquals(days, written.stream().map(BronzeDayResult::date).toList(), "each day written once");
        for (LocalDate day : days) {
            Map<String, GenericRecord> bars = bars(day);
            assertEquals(10.0, bars.get("AAA").get("close"), day.toString());
            assertEquals(10.0, bars.get("BBB").get("close"), day.toString());
            assertEquals(Map.of("AAA", PATCHED, "BBB", PATCHED),
                    TickerBarsPatch.rebased(BronzeReader.footerMetadata(lake().bronzeDayFile("stocks_daily", day))));
        }
    }

    @Test
    void aDayThatCannotBeReadIsReportedAndTheOthersArePatched() throws IOException {
        groupedDay(MON);
        groupedDay(TUE);
        Files.write(lake().bronzeDayFile("stocks_daily", MON), new byte[] {'P', 'A', 'R', '1'});
        List<BronzeDayResult> written = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Map<LocalDate, Exception> failed = new java.util.concurrent.ConcurrentHashMap<>();
        new TickerBarsPatch(lake(), TestDays.schema()).apply(List.of(new TickerBarsPatch.TickerBars("AAA",
                tickerBars(MON, TUE), List.of(MON, TUE))), 2, written::add, failed::put);
        assertEquals(List.of(TUE), written.stream().map(BronzeDayResult::date).toList());
        assertEquals(java.util.Set.of(MON), failed.keySet());
        assertEquals(10.0, bars(TUE).get("AAA").get("close"));
    }

    @Test
    void barsOfAnotherLayoutAreRefused() throws IOException {
        groupedDay(MON);
        DayDecoding splits = new BronzeDayWriter(lake(), DatasetSchema.load(Paths.get("config/datasets/splits.yaml")))
                .startDay(MON);
        assertThrows(IllegalArgumentException.class,
                () -> patch(new TickerBarsPatch.TickerBars("AAA", splits, List.of(MON))));
    }
}
