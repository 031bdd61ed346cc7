package io.quantmini.silver.alpha158;

/**
 * Qlib {@code Quantile(x, N, q)} = pandas {@code rolling(N, min_periods=1).quantile(q)} with linear interpolation
 * over the sorted finite values of the window; NaN if none.
 */
public final class Quantile {
    private Quantile() {
    }

    public static double[] of(double[] x, int n, double q) {
        Windows.require(n);
        double[] out = new double[x.length];
        SortedWindow window = new SortedWindow(n);
        for (int i = 0; i < x.length; i++) {
            window.slideTo(x, i, n);
            out[i] = window.quantile(q);
        }
        return out;
    }
}
