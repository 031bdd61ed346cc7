package io.quantmini.silver;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The days a moved first bar changes though their own window did not: a symbol's series in a block starts at the
 * later of the block's lookback start and the symbol's first bar in the whole history ({@link BlockGrid}), so a bar
 * earlier than that first bar (a backfill, a corrected day that gained the symbol) or a first bar gone (a corrected or
 * removed day that lost it) moves the series start, and with it the values, of every day whose block starts its
 * lookback before the first bar it had ({@link SilverPlan} covers only the days whose series start is at or before the
 * changed day).
 *
 * <p>What a changed day held before is read from its silver file, which still holds the old day's symbols.
 */
final class FirstBarShifts {

    /**
     * A day this run writes again (or one whose bronze day is gone) and its symbols: {@code before}, in its silver
     * file; {@code now}, in bronze (none for a removed day, placed where it would be in the calendar).
     */
    record Change(int day, int[] before, int[] now, boolean removed) {
    }

    private FirstBarShifts() {
    }

    /**
     * @param bars         every bronze day's symbol ids, the whole calendar, and each symbol's first bar
     * @param changes      the changed days
     * @param seriesStarts per calendar day, its block's lookback start (non-decreasing)
     * @return per calendar day, whether a moved first bar changes its values
     */
    static boolean[] days(MarketBars bars, List<Change> changes, int[] seriesStarts) {
        int n = seriesStarts.length;
        int symbols = bars.symbols();
        boolean[] changed = new boolean[n];
        Map<Integer, Change> writtenAgain = new HashMap<>();
        for (Change change : changes) {
            if (!change.removed() && change.day() < n) {
                changed[change.day()] = true;
                writtenAgain.put(change.day(), change);
            }
        }
        boolean[] shifted = new boolean[n];
        // Earlier: a symbol whose first bar is now on a changed day it was not on before had its first bar later, at
        // its first bar on an unchanged day at the latest (or on a changed day before it: marking more is harmless).
        int[] nextUnchanged = new int[symbols];
        Arrays.fill(nextUnchanged, Integer.MAX_VALUE);
        for (int d = n - 1; d >= 0; d--) {
            Change change = writtenAgain.get(d);
            if (change != null) {
                boolean[] before = membership(change.before(), symbols);
                for (int id : bars.day(d).ids()) {
                    if (bars.firstBar(id) == d && !before[id] && nextUnchanged[id] != Integer.MAX_VALUE) {
                        mark(shifted, d + 1, nextUnchanged[id], seriesStarts);
                    }
                }
            }
            if (!changed[d]) {
                for (int id : bars.day(d).ids()) {
                    nextUnchanged[id] = d;
                }
            }
        }
        // Later: a symbol a changed or removed day held and no longer holds, whose first bar is now after it.
        for (Change change : changes) {
            boolean[] now = membership(change.now(), symbols);
            for (int id : change.before()) {
                if (!now[id] && bars.firstBar(id) != Integer.MAX_VALUE && bars.firstBar(id) > change.day()) {
                    mark(shifted, change.day(), bars.firstBar(id), seriesStarts);
                }
            }
        }
        return shifted;
    }

    /** Days from {@code from} on whose block starts its lookback before {@code firstBarBefore}. */
    private static void mark(boolean[] shifted, int from, int firstBarBefore, int[] seriesStarts) {
        for (int d = from; d < shifted.length && seriesStarts[d] < firstBarBefore; d++) {
            shifted[d] = true;
        }
    }

    private static boolean[] membership(int[] ids, int symbols) {
        boolean[] in = new boolean[symbols];
        for (int id : ids) {
            in[id] = true;
        }
        return in;
    }
}
