package io.quantmini.silver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The stage's inputs hold the fields of one window of days at a time; ids and first bars cover every day. */
class MarketBarsTest {

    @TempDir
    Path dir;

    @Test
    void onlyTheHeldWindowHasItsFieldsAndAnOverlapIsNotReadAgain() throws IOException {
        BronzeLake lake = new BronzeLake(dir);
        List<LocalDate> dates = BronzeLake.weekdays(LocalDate.of(2024, 1, 2), 12);
        List<Path> files = new ArrayList<>();
        for (int d = 0; d < dates.size(); d++) {
            List<BronzeLake.Bar> bars = new ArrayList<>();
            bars.add(new BronzeLake.Bar("AAA", 10 + d, 11 + d, 9 + d, 10 + d, 100, null));
            if (d >= 5) { // BBB lists on day 5
                bars.add(new BronzeLake.Bar("BBB", 20 + d, 21 + d, 19 + d, 20 + d, 100, null));
            }
            lake.writeDay(dates.get(d), bars);
            files.add(lake.lake.bronzeDayFile(BronzeLake.DATASET, dates.get(d)));
        }
        SymbolIds symbols = new SymbolIds();
        BronzeBarsReader reader = new BronzeBarsReader(symbols);
        DayBars[] days = new DayBars[files.size()];
        for (int d = 0; d < days.length; d++) {
            days[d] = reader.readTickers(files.get(d));
        }
        MarketBars bars = new MarketBars(days, symbols.size());
        int bbb = days[5].ids()[1];
        assertEquals(0, bars.firstBar(days[0].ids()[0]));
        assertEquals(5, bars.firstBar(bbb));
        assertEquals(List.of(), held(bars));

        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            bars.hold(6, 11, files, reader, pool);
            assertEquals(List.of(6, 7, 8, 9, 10, 11), held(bars));
            assertEquals(20f + 7, bars.day(7).close()[1]);
            DayBars day7 = bars.day(7);

            bars.hold(3, 8, files, reader, pool);
            assertEquals(List.of(3, 4, 5, 6, 7, 8), held(bars));
            assertSame(day7, bars.day(7), "a day of both windows is kept, not read again");
            assertEquals(10f + 3, bars.day(3).close()[0]);
            assertEquals(false, bars.day(10).hasPrices());
            assertArrayEquals(days[10].ids(), bars.day(10).ids(), "a dropped day keeps its ids");
            assertEquals(days[10].fileChecksum(), bars.day(10).fileChecksum());

            bars.hold(9, 10, files, reader, pool);
            assertEquals(List.of(9, 10), held(bars));
            assertNotSame(day7, bars.day(7));
        } finally {
            pool.shutdown();
        }
    }

    private static List<Integer> held(MarketBars bars) {
        return IntStream.range(0, 12).filter(d -> bars.day(d).hasPrices()).boxed().toList();
    }
}
