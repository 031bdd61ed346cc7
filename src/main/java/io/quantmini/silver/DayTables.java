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
    /** The thread allocating a {@link #reserve reservation}, until a pass has waited for it; and how it failed. */
    private Thread reservation;
    private volatile Throwable reservationFailure;

    DayTables(int features) {
        this(features, MAX_ARRAY);
    }

    /** Tests use small arrays to cross array boundaries. */
    DayTables(int features, int maxArray) {
        this.features = features;
        this.maxArray = maxArray;
    }

    /**
     * Starts allocating, on a thread of its own, the arrays that the largest of these passes (each given as its days'
     * row counts) needs; {@link #columns} waits for it. A fresh array is memory the process touches for the first
     * time, which some virtual machines back slowly (~2 s for the 0.85 GB of a half-year of 10,000 symbols, measured
     * here): allocated when the first large pass needed it, that took one thread while the compute threads waited;
     * started before the run reads its first block, it overlaps the reading and the first passes.
     */
    void reserve(List<int[]> passes) {
        awaitReservation();
        List<Long> largest = new ArrayList<>();
        for (int[] rows : passes) {
            List<Long> sizes = layout(rows).sizes();
            for (int a = 0; a < sizes.size(); a++) {
                if (a == largest.size()) {
                    largest.add(0L);
                }
                largest.set(a, Math.max(largest.get(a), sizes.get(a)));
            }
        }
        Thread allocating = new Thread(() -> {
            try {
                for (int a = 0; a < largest.size(); a++) {
                    ensure(a, largest.get(a), false);
                }
            } catch (Throwable e) { // OutOfMemoryError too: the pass that needs the arrays fails with it
                reservationFailure = e;
            }
        }, "silver-day-columns");
        allocating.setDaemon(true);
        reservation = allocating;
        allocating.start();
    }

    /** The columns of days with {@code rows[k]} rows each; what the previous pass held there is overwritten. */
    DayFeatures[] columns(int[] rows) {
        awaitReservation();
        Layout layout = layout(rows);
        for (int a = 0; a < layout.sizes().size(); a++) {
            ensure(a, layout.sizes().get(a), true);
        }
        while (arrays.size() > layout.sizes().size()) { // an earlier, larger pass's
            arrays.remove(arrays.size() - 1);
        }
        DayFeatures[] days = new DayFeatures[rows.length];
        for (int k = 0; k < rows.length; k++) {
            days[k] = new DayFeatures(arrays.get(layout.arrayOf()[k]), layout.startOf()[k], rows[k]);
        }
        return days;
    }

    /** Where each day goes: its array and its first value there, and how many floats each array holds. */
    private record Layout(int[] arrayOf, int[] startOf, List<Long> sizes) {
    }

    /** Days in order, each in the current array, or in the next one when it would overflow the current. */
    private Layout layout(int[] rows) {
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
        return new Layout(arrayOf, startOf, sizes);
    }

    private void awaitReservation() {
        if (reservation == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                reservation.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the arrays are this object's state: wait for them whatever happens
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        reservation = null;
        Throwable failure = reservationFailure;
        reservationFailure = null;
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException("allocating the day columns failed", failure);
        }
    }

    /**
     * Array {@code index} holds at least {@code size} floats: a smaller one is replaced, {@code withHeadroom} by one a
     * sixteenth larger than needed, so that a market growing by a few symbols does not allocate the whole array again
     * for every pass (a reservation knows the largest pass, and takes what it needs).
     */
    private void ensure(int index, long size, boolean withHeadroom) {
        while (arrays.size() <= index) {
            arrays.add(new float[0]);
        }
        if (arrays.get(index).length < size) {
            arrays.set(index, null); // the old array can go before the new one is allocated
            long length = withHeadroom ? size + size / 16 : size;
            arrays.set(index, new float[(int) Math.min(maxArray, length)]);
        }
    }
}
