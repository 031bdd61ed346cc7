package io.quantmini.silver.alpha158;

/** Qlib {@code IdxMin(x, N)}: as {@link IdxMax} for the minimum. */
public final class IdxMin {
    private IdxMin() {
    }

    public static double[] of(double[] x, int n) {
        return Extremes.positions(WindowExtreme.min(x, n), n, x.length);
    }
}
