package io.quantmini.silver;

import java.util.Arrays;

/**
 * The bronze inputs of a run, by calendar index: full bars from the earliest lookback on, ticker ids only before
 * it, and for every symbol the calendar index of its first bar in the whole history.
 */
final class MarketBars {

    private final DayBars[] days;
    private final int[] firstBar;

    MarketBars(DayBars[] days, int symbols) {
        this.days = days;
        this.firstBar = new int[symbols];
        Arrays.fill(firstBar, Integer.MAX_VALUE);
        for (int d = days.length - 1; d >= 0; d--) {
            if (days[d] != null) {
                for (int id : days[d].ids()) {
                    firstBar[id] = d;
                }
            }
        }
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
