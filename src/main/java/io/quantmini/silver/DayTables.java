package io.quantmini.silver;

import java.util.ArrayList;
import java.util.List;

/**
 * The feature columns of a compute pass's output days, reused from pass to pass: the days one after the other in as
 * few arrays as the VM's array size allows (one, below ~8 GB), each day's 158 columns side by side
 * ({@link DayFeatures}).
 *
 * <p>A pass's features are most of the stage's memory (0.8 GB at 10,000 symbols) and live until its days are
 * written. Held in 20,000 small arrays, they were born in the young generation and copied out of it by the collector:
 * measured, one young collection of ~1.2 s in the compute phase. ParallelGC allocates an array that does not fit in
 * the young generation's free space straight in the old generation, so the one array of a large market is never
 * copied, and a smaller market's at most once, when it is promoted; reusing it saves zeroing it for every pass.
 */
final class DayTables {

    /** The largest array the VM allocates. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final int features;
    private final int maxArray;
    private final List<float[]> arrays = new ArrayList<>();

    DayTables(int features) {
        this(features, MAX_ARRAY);
    }

    /** Tests use small arrays to cross array boundaries. */
    DayTables(int features, int maxArray) {
        this.features = features;
        this.maxArray = maxArray;
    }

    /** The columns of days with {@code rows[k]} rows each; what the previous pass held there is overwritten. */
    DayFeatures[] columns(int[] rows) {
        // days in order, each in the current array, or in the next one when it would overflow the current
        int[] arrayOf = new int[rows.length];
        int[] startOf = new int[rows.length];
        List<Long> sizes = new ArrayList<>();
        long used = 0;
        for (int k = 0; k < rows.length; k++) {
            long size = (long) features * rows[k];
            if (size > maxArray) {
                throw new IllegalArgumentException(
                        "a day of " + rows[k] + " rows has more features than an array holds");
            }
            if (used + size > maxArray) {
                sizes.add(used);
                used = 0;
            }
            arrayOf[k] = sizes.size();
            startOf[k] = (int) used;
            used += size;
        }
        sizes.add(used);
        for (int a = 0; a < sizes.size(); a++) {
            ensure(a, sizes.get(a));
        }
        while (arrays.size() > sizes.size()) { // an earlier, larger pass's
            arrays.remove(arrays.size() - 1);
        }
        DayFeatures[] days = new DayFeatures[rows.length];
        for (int k = 0; k < rows.length; k++) {
            days[k] = new DayFeatures(arrays.get(arrayOf[k]), startOf[k], rows[k]);
        }
        return days;
    }

    /**
     * Array {@code index} holds at least {@code size} floats: a smaller one is replaced by one a sixteenth larger than
     * needed, so that a market growing by a few symbols does not allocate the whole array again for every pass.
     */
    private void ensure(int index, long size) {
        while (arrays.size() <= index) {
            arrays.add(new float[0]);
        }
        if (arrays.get(index).length < size) {
            arrays.set(index, null); // the old array can go before the new one is allocated
            arrays.set(index, new float[(int) Math.min(maxArray, size + size / 16)]);
        }
    }
}
