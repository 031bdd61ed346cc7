package io.quantmini.bronze;

import java.util.function.IntBinaryOperator;

/**
 * A stable sort of row indexes by a row comparator: insertion sort of short runs, then bottom-up merges that copy a
 * pair of runs already in order without comparing inside them (one comparison), so input that arrives sorted costs
 * about one comparison per row.
 *
 * <p>Why not {@code Arrays.sort(Integer[], Comparator)}: java.util has no sort of an {@code int[]} by a comparator,
 * and TimSort over boxed indexes kept being recompiled by C2 as its galloping branches switched on and off from one
 * day's order to the next: eleven compilations of {@code TimSort.mergeLo}, about a second of compiler CPU per 2.5M
 * rows, most of it in a cold run where the JIT competes with the ingest for the cores.
 */
final class RowSort {

    private static final int RUN = 32;

    private RowSort() {
    }

    /** Sorts {@code rows} by {@code order}; rows that compare equal keep their relative order. */
    static void sort(int[] rows, IntBinaryOperator order) {
        int n = rows.length;
        for (int lo = 0; lo < n; lo += RUN) {
            insertionSort(rows, lo, Math.min(lo + RUN, n), order);
        }
        int[] from = rows;
        int[] to = new int[n];
        for (int width = RUN; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                merge(from, to, lo, Math.min(lo + width, n), Math.min(lo + 2 * width, n), order);
            }
            int[] merged = to;
            to = from;
            from = merged;
        }
        if (from != rows) {
            System.arraycopy(from, 0, rows, 0, n);
        }
    }

    private static void insertionSort(int[] rows, int lo, int hi, IntBinaryOperator order) {
        for (int i = lo + 1; i < hi; i++) {
            int row = rows[i];
            int j = i - 1;
            while (j >= lo && order.applyAsInt(row, rows[j]) < 0) {
                rows[j + 1] = rows[j];
                j--;
            }
            rows[j + 1] = row;
        }
    }

    /** Merges {@code src[lo..mid)} and {@code src[mid..hi)} into {@code dst[lo..hi)}, the left run first on ties. */
    private static void merge(int[] src, int[] dst, int lo, int mid, int hi, IntBinaryOperator order) {
        if (mid >= hi || order.applyAsInt(src[mid - 1], src[mid]) <= 0) {
            System.arraycopy(src, lo, dst, lo, hi - lo);
            return;
        }
        int left = lo;
        int right = mid;
        int out = lo;
        while (left < mid && right < hi) {
            dst[out++] = order.applyAsInt(src[right], src[left]) < 0 ? src[right++] : src[left++];
        }
        System.arraycopy(src, left, dst, out, mid - left);
        System.arraycopy(src, right, dst, out + (mid - left), hi - right);
    }
}
