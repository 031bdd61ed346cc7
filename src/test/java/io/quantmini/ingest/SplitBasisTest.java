package io.quantmini.ingest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantmini.bronze.BronzeDayWriter;
import io.quantmini.bronze.DatasetSchema;
import io.quantmini.landing.LandingPage;
import io.quantmini.lake.DayFileCache;
import io.quantmini.lake.DayFiles;
import io.quantmini.lake.LakeLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitBasisTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalDate MON = LocalDate.of(2024, 3, 4);
    private static final LocalDate TUE = LocalDate.of(2024, 3, 5);
    private static final LocalDate WED = LocalDate.of(2024, 3, 6);
    private static final LocalDate THU = LocalDate.of(2024, 3, 7);
    /** AAA splits on Thursday: bars count as adjusted for it if received from Friday 00:00 New York time on. */
    private static final Instant FRIDAY = newYork("2024-03-08T00:00");

    @TempDir
    Path root;

    private static Instant newYork(String localTime) {
        return LocalDateTime.parse(localTime).atZone(NEW_YORK).toInstant();
    }

    private Path bronzeDay(LocalDate date, Instant receivedAt, String... tickers) throws IOException {
        return bronzeDay(date, receivedAt, false, tickers);
    }

    private Path bronzeDay(LocalDate date, Instant receivedAt, boolean rebase, String... tickers) throws IOException {
        List<Map<String, Object>> results = new ArrayList<>();
        for (String ticker : tickers) {
            Map<String, Object> bar = new LinkedHashMap<>();
            bar.put("T", ticker);
            bar.put("o", 10.0);
            bar.put("h", 11.0);
            bar.put("l", 9.0);
            bar.put("c", 10.5);
            bar.put("v", 1000.0);
            bar.put("t", date.atStartOfDay(NEW_YORK).toInstant().toEpochMilli());
            results.add(bar);
        }
        byte[] body = new ObjectMapper().writeValueAsBytes(Map.of("status", "OK", "results", results));
        LakeLayout lake = new LakeLayout(root);
        BronzeDayWriter writer = new BronzeDayWriter(lake,
                DatasetSchema.load(Path.of("config/datasets/stocks_daily.yaml")));
        io.quantmini.bronze.DayDecoding day = writer.startDay(date);
        day.read(new LandingPage("req-" + date, root.resolve(date + ".json"), body, receivedAt));
        writer.write(day, rebase);
        return lake.bronzeDayFile("stocks_daily", date);
    }

    /**
     * The {@code splits} dataset's day {@code date} as an answer received at {@code receivedAt} gives it: each ticker
     * splits 1-for-4 on that date. A day fetched again records the splits it gained as first seen then.
     */
    private void splitsDay(LocalDate date, Instant receivedAt, String... tickers) throws IOException {
        List<Map<String, Object>> results = new ArrayList<>();
        for (String ticker : tickers) {
            results.add(Map.of("ticker", ticker, "execution_date", date.toString(), "split_from", 1, "split_to", 4));
        }
        byte[] body = new ObjectMapper().writeValueAsBytes(Map.of("status", "OK", "results", results));
        BronzeDayWriter writer = new BronzeDayWriter(new LakeLayout(root),
                DatasetSchema.load(Path.of("config/datasets/splits.yaml")));
        io.quantmini.bronze.DayDecoding day = writer.startDay(date, date, null);
        day.read(new LandingPage("splits-" + date, root.resolve("splits-" + date + ".json"), body, receivedAt));
        writer.write(day);
    }

    /** The days the check finds stale over the whole history, with the splits of the lake's splits dataset. */
    private Map<LocalDate, Set<String>> staleByTheSplitsDataset() throws IOException {
        return SplitBasis.of(new LakeLayout(root), NEW_YORK).staleDays("stocks_daily", LocalDate.MIN, LocalDate.MAX);
    }

    private Map<LocalDate, Set<String>> stale(SplitBasis.Split... splits) throws IOException {
        return SplitBasis.of(new LakeLayout(root), NEW_YORK, List.of(splits))
                .staleDays("stocks_daily", LocalDate.MIN, LocalDate.MAX);
    }

    @Test
    void aDayFetchedBeforeItsTickersSplitTookEffectIsStaleForThatTicker() throws IOException {
        Instant wednesdayEvening = newYork("2024-03-06T21:00");
        bronzeDay(MON, wednesdayEvening, "AAA", "BBB");
        bronzeDay(TUE, FRIDAY, "AAA", "BBB");                  // fetched again once Polygon had adjusted it
        bronzeDay(WED, FRIDAY.minusMillis(1), "AAA", "BBB");   // Thursday 23:59:59.999: not yet trusted
        bronzeDay(THU, wednesdayEvening.plusSeconds(86400), "AAA", "BBB"); // the split day itself: new basis

        assertEquals(Map.of(MON, Set.of("AAA"), WED, Set.of("AAA")),
                stale(new SplitBasis.Split("AAA", THU),
                        new SplitBasis.Split("CCC", THU),     // not in the bars: nothing to fetch
                        new SplitBasis.Split("BBB", MON)));   // executed before every day: every bar adjusted
    }

    /**
     * A day received on the morning of a split's execution date is stale (its bars may predate the split). Fetched
     * again after it with the same bars: as a plain re-fetch the file stays as it was, received that morning, and the
     * day stays stale; as the planner fetches it for the split (a rebase), the file takes the new time and the day is
     * done (found by the review of the unchanged-day change: without it, such days were fetched on every run).
     */
    @Test
    void aDayFetchedAgainForItsSplitWithTheSameBarsIsNoLongerStale() throws IOException {
        bronzeDay(WED, newYork("2024-03-07T07:00"), "AAA"); // the morning of the execution date: stale
        assertEquals(Map.of(WED, Set.of("AAA")), stale(new SplitBasis.Split("AAA", THU)));

        bronzeDay(WED, FRIDAY.plusSeconds(7 * 3600), false, "AAA");
        assertEquals(Map.of(WED, Set.of("AAA")), stale(new SplitBasis.Split("AAA", THU)), "the same rows, kept");

        bronzeDay(WED, FRIDAY.plusSeconds(7 * 3600), true, "AAA");
        assertEquals(Map.of(), stale(new SplitBasis.Split("AAA", THU)));
    }

    /** A range that ends before the last split, or starts after it, as a one-shot ingest of past days asks. */
    @Test
    void aRangeOnEitherSideOfTheLastSplitIsChecked() throws IOException {
        Instant wednesdayEvening = newYork("2024-03-06T21:00");
        bronzeDay(MON, wednesdayEvening, "AAA");
        bronzeDay(TUE, wednesdayEvening, "AAA");
        bronzeDay(THU, wednesdayEvening.plusSeconds(86400), "AAA");
        SplitBasis basis = SplitBasis.of(new LakeLayout(root), NEW_YORK, List.of(new SplitBasis.Split("AAA", THU)));

        assertEquals(Map.of(MON, Set.of("AAA")), basis.staleDays("stocks_daily", MON, MON));
        assertEquals(Map.of(MON, Set.of("AAA"), TUE, Set.of("AAA")), basis.staleDays("stocks_daily", MON, WED));
        assertEquals(Map.of(), basis.staleDays("stocks_daily", THU, THU.plusDays(30)));
        assertEquals(Map.of(), basis.staleDays("stocks_daily", WED, TUE), "an empty range");
    }

    @Test
    void aDayWithoutTheSplittingTickerIsNotStale() throws IOException {
        bronzeDay(MON, newYork("2024-03-04T21:00"), "BBB");
        bronzeDay(TUE, newYork("2024-03-05T21:00"), "AAA", "BBB");
        assertEquals(Map.of(TUE, Set.of("AAA")), stale(new SplitBasis.Split("AAA", THU)));
    }

    @Test
    void twoSplitsOfADaysTickersAreBothNamed() throws IOException {
        bronzeDay(MON, newYork("2024-03-04T21:00"), "AAA", "BBB", "CCC");
        assertEquals(Map.of(MON, Set.of("AAA", "CCC")),
                stale(new SplitBasis.Split("AAA", THU), new SplitBasis.Split("CCC", TUE)));
    }

    /** Files written before the footer recorded the arrival time are dated by their modification time. */
    @Test
    void aFileWithoutAnArrivalTimeIsDatedByItsModificationTime() throws IOException {
        Path monday = bronzeDay(MON, null, "AAA");
        Path tuesday = bronzeDay(TUE, null, "AAA");
        Files.setLastModifiedTime(monday, FileTime.from(FRIDAY.minusSeconds(60)));
        Files.setLastModifiedTime(tuesday, FileTime.from(FRIDAY.plusSeconds(60)));
        assertEquals(Map.of(MON, Set.of("AAA")), stale(new SplitBasis.Split("AAA", THU)));
    }

    @Test
    void theLogLineNamesTheDaysAndAtMostTenTickers() {
        java.util.NavigableMap<LocalDate, Set<String>> stale = new java.util.TreeMap<>();
        stale.put(MON, Set.of("AAA", "B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B09", "B10"));
        stale.put(WED, Set.of("AAA"));
        assertEquals("2 days (2024-03-04..2024-03-06), bars of AAA (2 days), B01 (1 day), B02 (1 day), B03 (1 day), "
                + "B04 (1 day), B05 (1 day), B06 (1 day), B07 (1 day), B08 (1 day), B09 (1 day) and 1 more tickers",
                SplitBasis.describe(stale));
    }

    /**
     * A bars file cut short is left out (the planner fetches it again as missing, and the new answer is after the
     * split); one whose footer cannot be read although it looks whole is named, and so is one the disk will not read
     * (DayFilesTest; it was left out as cut short, and out of the check's cache, in silence). So is a damaged splits
     * file.
     */
    @Test
    void aDamagedFileIsNamed() throws IOException {
        Path monday = bronzeDay(MON, newYork("2024-03-04T21:00"), "AAA");
        Files.write(monday, new byte[] {'P', 'A', 'R', '1', 0, 0});
        assertEquals(Map.of(), stale(new SplitBasis.Split("AAA", THU)), "cut short: fetched again, not checked");
        Files.write(monday, new byte[] {'P', 'A', 'R', '1', 7, 7, 7, 7, 7, 7, 4, 0, 0, 0, 'P', 'A', 'R', '1'});
        IOException bars = assertThrows(IOException.class, () -> stale(new SplitBasis.Split("AAA", THU)));
        assertTrue(bars.getMessage().contains(monday.toString()), bars.getMessage());

        Path splits = new LakeLayout(root).bronzeDayFile(io.quantmini.bronze.BronzeSplits.DATASET, TUE);
        Files.createDirectories(splits.getParent());
        Files.write(splits, new byte[] {1, 2, 3});
        IOException reported = assertThrows(IOException.class, () -> SplitBasis.of(new LakeLayout(root), NEW_YORK));
        assertTrue(reported.getMessage().contains(splits.toString()), reported.getMessage());
    }

    /**
     * Every run checks the whole history, and opens only the day files written since the last check, of the bars and
     * of the splits: the others are answered from the caches. Here the caches are planted with what the files do not
     * say (Tuesday's bars received before Thursday's split took effect; a split of BBB on Thursday too), and the next
     * check believes them, for as long as the files are the ones the entries were made for.
     */
    @Test
    void aCheckOpensOnlyTheDayFilesWrittenSinceTheLastOne() throws IOException {
        bronzeDay(MON, newYork("2024-03-06T21:00"), "AAA", "BBB");
        bronzeDay(TUE, FRIDAY, "AAA", "BBB");
        splitsDay(MON, newYork("2024-03-04T21:00"));
        splitsDay(THU, newYork("2024-03-07T21:00"), "AAA");
        assertEquals(Map.of(MON, Set.of("AAA")), staleByTheSplitsDataset());

        LakeLayout lake = new LakeLayout(root);
        Path bars = lake.bronzeDataset("stocks_daily");
        Files.delete(bars.resolve(SplitBasis.CACHE));
        new DayFileCache<>(bars, SplitBasis.CACHE, new TypeReference<Map<String, String>>() { }).values(
                DayFiles.list(bars), file -> Map.of(BronzeDayWriter.META_RECEIVED_AT, "2024-03-07T12:00:00.000Z"));
        Path splits = lake.bronzeDataset("splits");
        for (int version : new int[] {0, SplitBasis.SPLITS_CACHE_VERSION}) {
            Files.delete(splits.resolve(SplitBasis.CACHE));
            new DayFileCache<>(splits, SplitBasis.CACHE, version, new TypeReference<List<SplitBasis.CachedSplit>>() { })
                    .values(DayFiles.list(splits), file -> List.of(new SplitBasis.CachedSplit("BBB", THU.toString(),
                            SplitBasis.CachedSplit.State.REPORTED, null, null)));
            if (version == 0) { // an older build's, which did not keep withdrawn splits: the splits are read again
                assertEquals(Map.of(MON, Set.of("AAA"), TUE, Set.of("AAA")), staleByTheSplitsDataset(), "not planted");
            }
        }
        assertEquals(Map.of(MON, Set.of("BBB"), TUE, Set.of("BBB")), staleByTheSplitsDataset(), "planted");

        bronzeDay(TUE, FRIDAY, true, "AAA", "BBB"); // fetched again for its split: read
        splitsDay(THU, newYork("2024-03-07T21:00"), "AAA", "BBB"); // now both: read
        assertEquals(Map.of(MON, Set.of("AAA", "BBB")), staleByTheSplitsDataset());
    }

    /**
     * Splits that came after a check count at the next: a new day of splits, and a split its day reported late (held
     * only when fetched again, from when the lake first saw it: a day received after the split took effect but before
     * it was reported is stale).
     */
    @Test
    void splitsAddedOrReportedLateAfterACheckCount() throws IOException {
        bronzeDay(MON, newYork("2024-03-07T10:00"), "AAA", "BBB"); // after Tuesday's splits took effect
        splitsDay(TUE, newYork("2024-03-05T21:00"));
        assertEquals(Map.of(), staleByTheSplitsDataset());

        splitsDay(THU, newYork("2024-03-07T21:00"), "AAA");
        assertEquals(Map.of(MON, Set.of("AAA")), staleByTheSplitsDataset());

        splitsDay(TUE, FRIDAY.plusSeconds(86400), "BBB"); // Saturday: Tuesday's split of BBB, reported late
        assertEquals(Map.of(MON, Set.of("AAA", "BBB")), staleByTheSplitsDataset());
    }

    @Test
    void withoutSplitsNothingIsStale() throws IOException {
        bronzeDay(MON, newYork("2024-03-04T21:00"), "AAA");
        assertEquals(Map.of(), stale());
        assertEquals(Map.of(), SplitBasis.of(new LakeLayout(root), NEW_YORK).staleDays("stocks_daily", MON, THU));
    }
}
