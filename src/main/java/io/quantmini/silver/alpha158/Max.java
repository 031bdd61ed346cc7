package io.quantmini.silver.alpha158;

/** Qlib {@code Max(x, N)}: largest finite value among the last N rows (NaN/±inf skipped); NaN if none. */
public final class Max {
    private Max() {
    }

    public static double[] of(double[] x, int n) {
        return Extremes.values(x, WindowExtreme.max(x, n));
    }
}
