package io.quantmini.silver;

/**
 * Which calendar days a silver run (re)writes, from the lake alone.
 *
 * <p>A bronze day is <em>stale</em> when its silver day file is owed a write (DayFiles.owed: missing, cut short, or
 * without its bronze file's mtime). The values of day t are computed from its compute block's series start on
 * ({@link BlockGrid}: the block's first day less {@value BlockGrid#LOOKBACK} rows), through running sums whose last
 * bits depend on every row they passed. So a stale day changes itself and every later day whose series start is at or
 * before it: the rest of its block, and the next block when it lies in that block's lookback (which covers the 60
 * rows before a day that any feature reads).
 *
 * <p>The range [from, to] chooses the days to write; a stale day written there also rewrites the later days that
 * depend on it and already have a silver file, even past {@code to}: left alone, they would keep values computed from
 * the old bronze and, being newer than their own bronze, never be rewritten. Dependents that have no silver file yet
 * are stale themselves and wait for a run whose range holds them. A full run writes every day in range.
 */
final class SilverPlan {

    private SilverPlan() {
    }

    /**
     * @param stale       per calendar day, whether its silver file is owed a write
     * @param inRange     per calendar day, whether it lies in the run's [from, to]
     * @param seriesStart per calendar day, the first calendar day its values are computed from (non-decreasing)
     * @return the calendar indices to write, ascending
     */
    static int[] outputDays(boolean[] stale, boolean[] inRange, boolean full, int[] seriesStart) {
        int n = stale.length;
        boolean[] out = new boolean[n];
        int latestWrittenStale = -1;
        for (int i = 0; i < n; i++) {
            if (stale[i] && inRange[i]) {
                latestWrittenStale = i;
            }
            // series starts only grow: if the latest stale day written is before day i's start, so are all others
            boolean dependent = latestWrittenStale >= 0 && seriesStart[i] <= latestWrittenStale;
            out[i] = inRange[i] ? full || dependent : dependent && !stale[i];
        }
        return java.util.stream.IntStream.range(0, n).filter(i -> out[i]).toArray();
    }

    /**
     * {@code output} and the days a moved first bar changes ({@link FirstBarShifts}), which are written as the
     * dependents above are: even out of range, unless stale themselves (those wait for a run whose range holds them).
     */
    static int[] withShifted(int[] output, boolean[] shifted, boolean[] stale, boolean[] inRange) {
        boolean[] out = new boolean[shifted.length];
        for (int day : output) {
            out[day] = true;
        }
        for (int i = 0; i < shifted.length; i++) {
            out[i] |= shifted[i] && (!stale[i] || inRange[i]);
        }
        return java.util.stream.IntStream.range(0, out.length).filter(i -> out[i]).toArray();
    }
}
