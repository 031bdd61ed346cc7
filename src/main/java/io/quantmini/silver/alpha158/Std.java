package io.quantmini.silver.alpha158;

/**
 * Qlib {@code Std(x, N)}: sample standard deviation (ddof = 1) of the finite values among the last N rows; NaN
 * with fewer than two, 0 when they are all equal.
 */
public final class Std {
    private Std() {
    }

    public static double[] of(double[] x, int n) {
        double[] out = new double[x.length];
        WindowMoments.run(x, n, out, null);
        return out;
    }

    /** Qlib's "flat window" test, {@code np.isclose(std, 0, atol=2e-05)}: true iff std ≤ 2e-5 (false for NaN). */
    public static boolean isFlat(double std) {
        return Math.abs(std) <= 2e-5;
    }
}
