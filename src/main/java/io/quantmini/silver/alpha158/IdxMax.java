package io.quantmini.silver.alpha158;

/**
 * Qlib {@code IdxMax(x, N)}: 1-based position, counted from the oldest row of the window, of the window's maximum
 * (earliest on ties). A NaN/±inf row in the window wins (numpy argmax semantics); all-NaN window → NaN. Early rows
 * have shorter windows, counted from the series start.
 */
public final class IdxMax {
    private IdxMax() {
    }

    public static double[] of(double[] x, int n) {
        return Extremes.positions(WindowExtreme.max(x, n), n, x.length);
    }
}
