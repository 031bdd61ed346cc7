package io.quantmini.silver.alpha158;

/** Qlib {@code Sum(x, N)}: sum of the finite values among the last N rows; NaN (not 0) when there are none. */
public final class Sum {
    private Sum() {
    }

    public static double[] of(double[] x, int n) {
        double[] out = new double[x.length];
        WindowSum.run(x, n, out, null);
        return out;
    }
}
