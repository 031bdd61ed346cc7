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

    /**
     * Computes the 158 features of one symbol.
     *
     * @param vwap may be null (→ VWAP0 all NaN)
     * @return {@code [158][n]}, in {@link #featureNames()} order, float32 as Qlib returns them
     */
    public static float[][] compute(double[] open, double[] high, double[] low, double[] close, double[] volume,
                                    double[] vwap) {
        int n = close.length;
        for (double[] a : new double[][] {open, high, low, volume}) {
            if (a.length != n) {
                throw new IllegalArgumentException("input series differ in length: " + a.length + " vs " + n);
            }
        }
        if (vwap != null && vwap.length != n) {
            throw new IllegalArgumentException("vwap length " + vwap.length + " vs " + n);
        }
        Output out = new Output(n);
        SymbolSeries s = new SymbolSeries(Float32.round(open), Float32.round(high), Float32.round(low),
            Float32.round(close), Float32.round(volume), vwap == null ? null : Float32.round(vwap));
        kbar(s, out);
        price(s, out);
        rolling(s, out);
        return out.finish();
    }

    private static void kbar(SymbolSeries s, Output out) {
        double[] o = s.open;
        double[] hl = Arith32.add(Arith32.sub(s.high, s.low), 1e-12);
        double[] cMinusO = Arith32.sub(s.close, o);
        double[] up = Arith32.sub(s.high, Greater.of(o, s.close));
        double[] down = Arith32.sub(Less.of(o, s.close), s.low);
        double[] shift = Arith32.sub(Arith32.sub(Arith32.mul(2, s.close), s.high), s.low);
        out.put("KMID", Arith32.div(cMinusO, o));
        out.put("KLEN", Arith32.div(Arith32.sub(s.high, s.low), o));
        out.put("KMID2", Arith32.div(cMinusO, hl));
        out.put("KUP", Arith32.div(up, o));
        out.put("KUP2", Arith32.div(up, hl));
        out.put("KLOW", Arith32.div(down, o));
        out.put("KLOW2", Arith32.div(down, hl));
        out.put("KSFT", Arith32.div(shift, o));
        out.put("KSFT2", Arith32.div(shift, hl));
    }

    private static void price(SymbolSeries s, Output out) {
        out.put("OPEN0", Arith32.div(s.open, s.close));
        out.put("HIGH0", Arith32.div(s.high, s.close));
        out.put("LOW0", Arith32.div(s.low, s.close));
        out.put("VWAP0", s.vwap == null ? nan(s.close.length) : Arith32.div(s.vwap, s.close));
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    private static void rolling(SymbolSeries s, Output out) {
        RollingInputs in = new RollingInputs(s);
        double[] c = s.close;
        int groups = ROLLING.length;
        double[][][] f = new double[groups][][];
        for (int g = 0; g < groups; g++) {
            f[g] = new double[WINDOWS.length][];
        }
        for (int k = 0; k < WINDOWS.length; k++) {
            int d = WINDOWS[k];
            WindowFeatures.compute(s, in, d, k, f);
        }
        for (int g = 0; g < groups; g++) {
            for (int k = 0; k < WINDOWS.length; k++) {
                out.put(ROLLING[g] + WINDOWS[k], f[g][k]);
            }
        }
        assert c.length == out.rows();
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

    /** Collects features in order, checking each name against Qlib's order, and rounds them to float32. */
    private static final class Output {
        private final float[][] table = new float[NAMES.size()][];
        private final int rows;
        private int next;

        Output(int rows) {
            this.rows = rows;
        }

        int rows() {
            return rows;
        }

        void put(String name, double[] values) {
            if (!NAMES.get(next).equals(name)) {
                throw new IllegalStateException("feature " + name + " computed where " + NAMES.get(next) + " belongs");
            }
            float[] f = new float[rows];
            for (int i = 0; i < rows; i++) {
                f[i] = (float) values[i];
            }
            table[next++] = f;
        }

        float[][] finish() {
            if (next != NAMES.size()) {
                throw new IllegalStateException("only " + next + " of " + NAMES.size() + " features computed");
            }
            return table;
        }
    }
}
