package io.quantmini.silver.alpha158;

/** Qlib {@code Mean(x, N)}: mean of the finite values among the last N rows (fewer at the start); NaN if none. */
public final class Mean {
    private Mean() {
    }

    public static double[] of(double[] x, int n) {
        double[] out = new double[x.length];
        WindowSum.run(x, n, null, out);
        return out;
    }
}
