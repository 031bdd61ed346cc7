package io.quantmini.silver.alpha158;

/**
 * Qlib {@code Slope(x, N)}: least-squares slope of the window's non-NaN values against their position (see
 * {@link LinearFit}). Computed even when today is NaN; NaN (0/0) with fewer than two points.
 */
public final class Slope {
    private Slope() {
    }

    public static double[] of(double[] x, int n) {
        double[] out = new double[x.length];
        LinearFit.run(x, n, out, null, null);
        return out;
    }
}
