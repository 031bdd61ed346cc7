package io.quantmini.gold;

import io.quantmini.silver.alpha158.Alpha158;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Silver's Alpha158 columns as Qlib fields ({@code kmid.day.bin}, {@code roc5.day.bin}, ...), on the same
 * span as the symbol's price fields: the silver value on a day with a silver row, NaN elsewhere.
 */
final class FeatureFields {

    /** The silver columns, in Qlib's Alpha158 order. */
    static final List<String> COLUMNS = Alpha158.featureNames();

    private FeatureFields() {
    }

    static String fieldName(String column) {
        return column.toLowerCase(Locale.ROOT);
    }

    /**
     * Values of the table's columns for code {@code k} (negative: the table has no rows for it) over
     * calendar indices [from, to]; rows outside that range are ignored.
     */
    static float[][] compute(SymbolTable table, int k, int from, int to) {
        int length = to - from + 1;
        float[][] out = new float[table.columns.length][length];
        for (float[] field : out) {
            Arrays.fill(field, Float.NaN);
        }
        if (k < 0) {
            return out;
        }
        for (int row = table.offset[k], end = row + table.count[k]; row < end; row++) {
            int i = table.day[row] - from;
            if (i >= 0 && i < length) {
                for (int c = 0; c < out.length; c++) {
                    out[c][i] = table.columns[c][row];
                }
            }
        }
        return out;
    }
}
