package io.quantmini.silver;

/**
 * Which calendar days a silver run (re)writes, from the lake alone.
 *
 * <p>A bronze day is <em>stale</em> when its silver day file is missing or older (mtime) than the bronze file. An
 * Alpha158 value at day t reads the rows t−{@value BlockGrid#LOOKBACK}..t only (QLIB.md §5.3: 60 rows for ROC60, CORD60,
 * CNTP60…, a 60-row window over {@code Ref(…, 1)}), so a stale day changes itself and the next 60 trading days:
 * those are the output days, clipped to the requested range. Nothing stale → nothing to write. A full run writes
 * every day in range.
 */
final class SilverPlan {

    private SilverPlan() {
    }

    /**
     * @param stale   per calendar day, whether its silver file is missing or older than bronze
     * @param inRange per calendar day, whether it lies in the run's [from, to]
     * @return the calendar indices to write, ascending
     */
    static int[] outputDays(boolean[] stale, boolean[] inRange, boolean full) {
        int n = stale.length;
        boolean[] out = new boolean[n];
        int reach = -1;
        for (int i = 0; i < n; i++) {
            if (stale[i]) {
                reach = Math.max(reach, i + BlockGrid.LOOKBACK);
            }
            out[i] = inRange[i] && (full || i <= reach);
        }
        return java.util.stream.IntStream.range(0, n).filter(i -> out[i]).toArray();
    }
}
