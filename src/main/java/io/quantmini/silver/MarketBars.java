package io.quantmini.silver;

import io.quantmini.parallel.ParallelFor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The bronze inputs of a run, by calendar index: the ticker ids of every day, for every symbol the calendar index of
 * its first bar in the whole history, and the float32 fields of one window of days at a time ({@link #hold}), so
 * that memory follows a block's window, not the length of the history.
 */
final class MarketBars {

    private final DayBars[] days;
    private final int[] firstBar;

    /** @param days the ids of every day of the calendar ({@link BronzeBarsReader#readTickers}) */
    MarketBars(DayBars[] days, int symbols) {
        this.days = days;
        this.firstBar = new int[symbols];
        Arrays.fill(firstBar, Integer.MAX_VALUE);
        for (int d = days.length - 1; d >= 0; d--) {
            for (int id : days[d].ids()) {
                firstBar[id] = d;
            }
        }
    }

    /**
     * Makes days {@code from … to} the ones whose fields are loaded: reads those not loaded yet (in parallel on
     * {@code pool}), and drops the fields of every other day (its ids stay).
     */
    void hold(int from, int to, List<Path> files, BronzeBarsReader reader, ForkJoinPool pool) throws IOException {
        for (int d = 0; d < days.length; d++) {
            if ((d < from || d > to) && days[d].hasPrices()) {
                DayBars full = days[d];
                days[d] = new DayBars(full.ids(), null, null, null, null, null, null, full.fileChecksum());
            }
        }
        int[] missing = IntStream.rangeClosed(from, to).filter(d -> !days[d].hasPrices()).toArray();
        ParallelFor.forEach(pool, pool.getParallelism(), missing.length,
                k -> days[missing[k]] = reader.readPrices(files.get(missing[k]), days[missing[k]]));
    }

    DayBars day(int index) {
        return days[index];
    }

    int firstBar(int symbol) {
        return firstBar[symbol];
    }

    int symbols() {
        return firstBar.length;
    }
}
