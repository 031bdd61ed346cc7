package io.quantmini.silver.alpha158;

import java.util.ArrayList;
import java.util.List;

/**
 * The 158 features of Qlib's {@code Alpha158DL} default config ({@code qlib/contrib/data/loader.py},
 * {@code get_feature_config}: kbar, price OPEN/HIGH/LOW/VWAP at window 0, all rolling groups over 5, 10, 20, 30,
 * 60), named and ordered as Qlib names and orders them.
 *
 * <h2>Inputs</h2>
 * One symbol's bars aligned on the market calendar from its first to its last bar, {@code NaN} on every calendar
 * row where it has no bar (what Qlib reads after {@code dump_bin}). The arrays are <b>rounded to float32 inside</b>
 * {@link #compute}, exactly as Qlib reads them back from its {@code .bin} files; passing values that are already
 * float32 is harmless. {@code vwap} may be null: Qlib then reads an empty series and {@code VWAP0} is NaN.
 *
 * <h2>Output precision: float32</h2>
 * Qlib casts every expression's final series to float32 ({@code LocalExpressionProvider.expression}), and the
 * consumers (gold Qlib binaries, Parquet) store float32. Before that cast each feature is evaluated here in the same
 * dtype Qlib uses: float32 arithmetic for the element-wise features (KBAR, OPEN0…VWAP0, ROC — Qlib's float32 numpy
 * arithmetic, so those are bit-identical), float64 for everything that touches a rolling operator. Returning
 * {@code float[]} is therefore the value Qlib yields, not a loss, and halves the memory of a feature table.
 */
public final class Alpha158 {
    /**
     * The revision of the values {@link #compute} gives, bumped whenever some input gets another value (2: the rolling
     * std and correlation after a level collapse are exact; 3: {@code Log} is numpy's float32 log, bit for bit, which
     * moves CORR and CORD). Silver computes every day again when its files hold another revision's values
     * ({@code FeatureRevision}).
     */
    public static final int REVISION = 3;

    /** The rolling windows of the default config. */
    public static final int[] WINDOWS = {5, 10, 20, 30, 60};

    private static final String[] KBAR = {"KMID", "KLEN", "KMID2", "KUP", "KUP2", "KLOW", "KLOW2", "KSFT", "KSFT2"};
    private static final String[] PRICE = {"OPEN0", "HIGH0", "LOW0", "VWAP0"};
    private static final String[] ROLLING = {"ROC", "MA", "STD", "BETA", "RSQR", "RESI", "MAX", "MIN", "QTLU",
        "QTLD", "RANK", "RSV", "IMAX", "IMIN", "IMXD", "CORR", "CORD", "CNTP", "CNTN", "CNTD", "SUMP", "SUMN", "SUMD",
        "VMA", "VSTD", "WVMA", "VSUMP", "VSUMN", "VSUMD"};
    private static final List<String> NAMES = buildNames();

    private Alpha158() {
    }

    private static List<String> buildNames() {
        List<String> names = new ArrayList<>(List.of(KBAR));
        names.addAll(List.of(PRICE));
        for (String group : ROLLING) {
            for (int d : WINDOWS) {
                names.add(group + d);
            }
        }
        return List.copyOf(names);
    }

    /** The 158 feature names in Qlib's column order. */
    public static List<String> featureNames() {
        return NAMES;
    }

    /** Column of rolling group {@code g} (see {@link #group}) over the k-th window of {@link #WINDOWS}. */
    static int column(int g, int k) {
        return KBAR.length + PRICE.length + g * WINDOWS.length + k;
    }

    /** A new output table for {@code rows} rows: {@code [158][rows]}. */
    public static float[][] newTable(int rows) {
        return new float[NAMES.size()][rows];
    }

    /**
     * Computes the 158 features of one symbol.
     *
     * @param vwap may be null (→ VWAP0 all NaN)
     * @return {@code [158][n]}, in {@link #featureNames()} order, float32 as Qlib returns them
     */
    public static float[][] compute(double[] open, double[] high, double[] low, double[] close, double[] volume,
                                    double[] vwap) {
        float[][] out = newTable(close.length);
        compute(open, high, low, close, volume, vwap, out, new Alpha158Workspace());
        return out;
    }

    /**
     * As {@link #compute(double[], double[], double[], double[], double[], double[])}, writing into {@code out}
     * (158 columns of at least {@code close.length} rows; longer columns keep their tail) and using the caller's
     * per-thread workspace: allocates nothing once the workspace has grown to the series length.
     */
    public static void compute(double[] open, double[] high, double[] low, double[] close, double[] volume,
                               double[] vwap, float[][] out, Alpha158Workspace ws) {
        compute(open, high, low, close, volume, vwap, 0, out, ws);
    }

    /**
     * As {@link #compute(double[], double[], double[], double[], double[], double[], float[][], Alpha158Workspace)},
     * writing only rows {@code from … n−1} of {@code out}: the rows before are history, read as the features of the
     * later rows need them (the running sums from the series' first row, each window's own rows) but not computed
     * themselves. The rows written are bit for bit those of a call with {@code from = 0}.
     */
    public static void compute(double[] open, double[] high, double[] low, double[] close, double[] volume,
                               double[] vwap, int from, float[][] out, Alpha158Workspace ws) {
        compute(open, high, low, close, volume, vwap, from, out, 0, ws);
    }

    /**
     * As {@link #compute(double[], double[], double[], double[], double[], double[], int, float[][],
     * Alpha158Workspace)}, writing row {@code i} at {@code out[f][outOffset + i]}: a caller that keeps many series'
     * rows side by side in one array per feature gets them there without a copy. {@code outOffset} may be negative
     * as long as {@code outOffset + from >= 0}.
     */
    public static void compute(double[] open, double[] high, double[] low, double[] close, double[] volume,
                               double[] vwap, int from, float[][] out, int outOffset, Alpha158Workspace ws) {
        int n = close.length;
        if (from < 0 || from > n) {
            throw new IllegalArgumentException("first row to write " + from + " is outside 0.." + n);
        }
        for (double[] a : new double[][] {open, high, low, volume}) {
            if (a.length != n) {
                throw new IllegalArgumentException("input series differ in length: " + a.length + " vs " + n);
            }
        }
        if (vwap != null && vwap.length != n) {
            throw new IllegalArgumentException("vwap length " + vwap.length + " vs " + n);
        }
        if (out.length != NAMES.size()) {
            throw new IllegalArgumentException("output table has " + out.length + " columns, not " + NAMES.size());
        }
        if (from < n && outOffset + from < 0) {
            throw new IllegalArgumentException("row " + from + " would be written before the columns' start (offset "
                    + outOffset + ")");
        }
        for (float[] column : out) {
            if (column.length < outOffset + n) {
                throw new IllegalArgumentException("output column of " + column.length + " rows for " + n
                        + (outOffset == 0 ? "" : " from offset " + outOffset));
            }
        }
        ws.ensure(n);
        Float32.round(open, ws.open, n);
        Float32.round(high, ws.high, n);
        Float32.round(low, ws.low, n);
        Float32.round(close, ws.close, n);
        for (int i = 0; i < n; i++) {
            ws.inverseClose[i] = 1 / ws.close[i];
        }
        Float32.round(volume, ws.volume, n);
        if (vwap != null) {
            Float32.round(vwap, ws.vwap, n);
        }
        kbarAndPrice(ws, vwap != null, from, n, out, outOffset);
        ws.in.load(ws.close, ws.volume, n);
        WindowExtreme.loadAll(ws.highs, ws.high, n, WINDOWS, true);
        WindowExtreme.loadAll(ws.lows, ws.low, n, WINDOWS, false);
        for (int k = 0; k < WINDOWS.length; k++) {
            WindowFeatures.compute(ws, from, n, WINDOWS[k], k, out, outOffset);
        }
    }

    /** KBAR and OPEN0…VWAP0: float32 arithmetic throughout, as numpy evaluates them on float32 fields. */
    private static void kbarAndPrice(Alpha158Workspace ws, boolean hasVwap, int from, int n, float[][] out, int at) {
        float tiny = Arith32.scalar(1e-12);
        float two = Arith32.scalar(2);
        for (int i = from; i < n; i++) {
            float o = (float) ws.open[i];
            float h = (float) ws.high[i];
            float l = (float) ws.low[i];
            float c = (float) ws.close[i];
            float hl = h - l + tiny;
            float body = c - o;
            float up = h - Greater.of(o, c);
            float down = Less.of(o, c) - l;
            float shift = two * c - h - l;
            out[0][at + i] = body / o;               // KMID
            out[1][at + i] = (h - l) / o;            // KLEN
            out[2][at + i] = body / hl;              // KMID2
            out[3][at + i] = up / o;                 // KUP
            out[4][at + i] = up / hl;                // KUP2
            out[5][at + i] = down / o;               // KLOW
            out[6][at + i] = down / hl;              // KLOW2
            out[7][at + i] = shift / o;              // KSFT
            out[8][at + i] = shift / hl;             // KSFT2
            out[9][at + i] = o / c;                  // OPEN0
            out[10][at + i] = h / c;                 // HIGH0
            out[11][at + i] = l / c;                 // LOW0
            out[12][at + i] = hasVwap ? (float) ws.vwap[i] / c : Float.NaN; // VWAP0
        }
    }

    /** Index of a rolling group in Qlib's order. */
    static int group(String name) {
        for (int g = 0; g < ROLLING.length; g++) {
            if (ROLLING[g].equals(name)) {
                return g;
            }
        }
        throw new IllegalArgumentException("no rolling group " + name);
    }

    static {
        String[] order = {"KMID", "KLEN", "KMID2", "KUP", "KUP2", "KLOW", "KLOW2", "KSFT", "KSFT2", "OPEN0", "HIGH0",
            "LOW0", "VWAP0"};
        for (int c = 0; c < order.length; c++) {
            if (!NAMES.get(c).equals(order[c])) {
                throw new AssertionError("column " + c + " is " + NAMES.get(c) + ", not " + order[c]);
            }
        }
    }
}
