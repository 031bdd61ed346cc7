package io.quantmini.gold;

import java.util.Arrays;

/**
 * Bars of many days regrouped by symbol: the rows of {@code codes[k]} are
 * {@code [offset[k], offset[k] + count[k])}, in calendar order, each with its calendar index in
 * {@code day} and its values in {@code columns[c]} (float32, as Qlib stores them). {@code exact}, when
 * present, keeps column {@link #exactColumn} as double for computations Qlib's collectors do in float64
 * (the close behind {@code $change}). Codes are sorted.
 */
final class SymbolTable {

    final String[] codes;
    final int[] offset;
    final int[] count;
    final int[] day;
    final float[][] columns;
    final double[] exact;
    final int exactColumn;

    SymbolTable(String[] codes, int[] offset, int[] count, int[] day, float[][] columns, double[] exact,
                int exactColumn) {
        this.codes = codes;
        this.offset = offset;
        this.count = count;
        this.day = day;
        this.columns = columns;
        this.exact = exact;
        this.exactColumn = exactColumn;
    }

    int size() {
        return codes.length;
    }

    /** Index of {@code code}, or a negative number when the table has no rows for it. */
    int indexOf(String code) {
        return Arrays.binarySearch(codes, code);
    }

    int firstDay(int k) {
        return day[offset[k]];
    }

    int lastDay(int k) {
        return day[offset[k] + count[k] - 1];
    }

    long rows() {
        long rows = 0;
        for (int c : count) {
            rows += c;
        }
        return rows;
    }
}
