package io.quantmini.silver.alpha158;

/** Qlib {@code Abs(x)} = {@code np.abs}. Keeps the dtype; NaN stays NaN, {@code -0} becomes {@code 0}. */
public final class Abs {
    private Abs() {
    }

    public static float of(float x) {
        return Math.abs(x);
    }
}
