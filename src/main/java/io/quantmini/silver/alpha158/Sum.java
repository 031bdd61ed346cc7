package io.quantmini.silver.alpha158;

/** Qlib {@code Sum(x, N)}: sum of the finite values among the last N rows; NaN (not 0) when there are none. */
public final class Sum {
    private Sum() {
    }

    public static double[] of(double[] x, int n) {
        Windows.require(n);
        PrefixTotals totals = new PrefixTotals().load(x, x.length);
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = totals.sum(i, n);
        }
        return out;
    }
}
