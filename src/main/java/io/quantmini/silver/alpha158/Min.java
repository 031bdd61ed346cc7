package io.quantmini.silver.alpha158;

/** Qlib {@code Min(x, N)}: smallest finite value among the last N rows (NaN/±inf skipped); NaN if none. */
public final class Min {
    private Min() {
    }

    public static double[] of(double[] x, int n) {
        return Extremes.values(x, WindowExtreme.min(x, n));
    }
}
