package io.quantmini.silver;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Cuts output days into compute blocks on a fixed grid of calendar half-years (Jan–Jun, Jul–Dec).
 *
 * <p>Every block computes each symbol's series from {@code max(first bar ever, block start − LOOKBACK rows)}.
 * The Alpha158 kernels are running sums over the loaded series (as Qlib's are), so a value's last bits depend on
 * where its series starts; a grid fixed by the dates, not by which days a run happens to write, gives every day
 * the same series start in a full rebuild and in any incremental run — the same float32 bits either way.
 * Where the lookback reaches before a symbol's first bar the series starts at that bar, so the short windows
 * at a symbol's true start (min_periods = 1) are exact in every block.
 *
 * <p>Half-years trade the lookback's extra compute (60 rows per ~125, ×1.5) against the memory for one block's
 * features (symbols × ~125 days × 158 float32: 0.8 GB at 10,000 symbols). Changing the grid changes values
 * only in the last bits, but do it with a full rebuild.
 */
final class BlockGrid {

    /** Rows before a day that its features read: the 60-row windows, and Ref($close, 60) of ROC60. */
    static final int LOOKBACK = 60;
    static final int HALF_YEAR = 6;

    /** A block: its output days (calendar indices, ascending) and where its series start. */
    record Block(int lookbackStart, int[] days) {
        int lastDay() {
            return days[days.length - 1];
        }

        /**
         * The output days in runs of at most {@code maxDays}, in calendar order, each with this block's lookback
         * start: a run computes the same values as the whole block (values depend on where a series starts, not on
         * its first output row), holding the features of fewer days, for the price of its own history rows.
         */
        List<Block> passes(int maxDays) {
            List<Block> passes = new ArrayList<>();
            for (int from = 0; from < days.length; from += maxDays) {
                passes.add(new Block(lookbackStart, Arrays.copyOfRange(days, from, Math.min(days.length,
                        from + maxDays))));
            }
            return passes;
        }
    }

    private final List<LocalDate> calendar;
    private final int months;

    /** @param months block length in calendar months, a divisor of 12 (tests use 1 for many boundaries) */
    BlockGrid(List<LocalDate> calendar, int months) {
        if (months < 1 || 12 % months != 0) {
            throw new IllegalArgumentException("block months must divide 12: " + months);
        }
        this.calendar = calendar;
        this.months = months;
    }

    /** Groups ascending output days into their grid blocks, in calendar order. */
    List<Block> blocks(int[] outputDays) {
        List<Block> blocks = new ArrayList<>();
        int i = 0;
        while (i < outputDays.length) {
            long key = key(calendar.get(outputDays[i]));
            int j = i;
            while (j < outputDays.length && key(calendar.get(outputDays[j])) == key) {
                j++;
            }
            int blockStart = firstDayOf(key, outputDays[i]);
            blocks.add(new Block(Math.max(0, blockStart - LOOKBACK), Arrays.copyOfRange(outputDays, i, j)));
            i = j;
        }
        return blocks;
    }

    /** Per calendar day, the first calendar day its values are computed from: its block's lookback start. */
    int[] seriesStarts() {
        int[] starts = new int[calendar.size()];
        for (Block block : blocks(IntStream.range(0, calendar.size()).toArray())) {
            for (int day : block.days()) {
                starts[day] = block.lookbackStart();
            }
        }
        return starts;
    }

    private long key(LocalDate date) {
        return ((long) date.getYear() * 12 + date.getMonthValue() - 1) / months;
    }

    /** The first calendar day of the grid block {@code key}, searching back from a day inside it. */
    private int firstDayOf(long key, int inside) {
        int first = inside;
        while (first > 0 && key(calendar.get(first - 1)) == key) {
            first--;
        }
        return first;
    }
}
