package io.quantmini.ingest;

import io.quantmini.lake.LakeLayout;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SplitRefreshTest {

    private static final LocalDate MON = LocalDate.of(2024, 3, 4);
    private static final LocalDate TUE = LocalDate.of(2024, 3, 5);
    private static final LocalDate WED = LocalDate.of(2024, 3, 6);

    private static List<DayTask> patches(String dataset, Map<LocalDate, Set<String>> stale) {
        return new SplitRefresh(new LakeLayout(Path.of("unused")), ZoneId.of("America/New_York"), TestApp::schema)
                .tickerPatches(dataset, new TreeMap<>(stale));
    }

    @Test
    void fewerTickersThanDaysArePatchedOneRequestPerTicker() {
        List<DayTask> patches = patches("stocks_daily", Map.of(MON, Set.of("AAA"), TUE, Set.of("AAA", "BBB"),
                WED, Set.of("AAA")));
        assertEquals(List.of(
                new DayTask("stocks_daily_by_ticker", WED, Map.of("ticker", "AAA", "from", "2024-03-04"),
                        List.of(MON, TUE, WED)),
                new DayTask("stocks_daily_by_ticker", TUE, Map.of("ticker", "BBB", "from", "2024-03-05"),
                        List.of(TUE))), patches);
    }

    @Test
    void asManyTickersAsDaysAreFetchedAgainWhole() {
        assertEquals(List.of(), patches("stocks_daily", Map.of(MON, Set.of("AAA"), TUE, Set.of("BBB"))));
    }

    @Test
    void aDatasetWithoutPerTickerBarsFetchesItsStaleDaysAgain() {
        NavigableMap<LocalDate, Set<String>> stale = new TreeMap<>(Map.of(MON, Set.of("AAA"), TUE, Set.of("AAA")));
        assertEquals(List.of(), patches("splits", stale)); // its schema names no ticker_bars
        assertEquals(List.of(), patches("stocks_daily", Map.of()));
    }
}
