package io.quantmini.silver.alpha158;

/** Qlib {@code Mean(x, N)}: mean of the finite values among the last N rows (fewer at the start); NaN if none. */
public final class Mean {
    private Mean() {
    }

    public static double[] of(double[] x, int n) {
        Windows.require(n);
        PrefixTotals totals = new PrefixTotals().load(x, x.length);
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = totals.mean(i, n);
        }
        return out;
    }
}
