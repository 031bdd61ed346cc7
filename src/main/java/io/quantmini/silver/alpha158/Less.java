package io.quantmini.silver.alpha158;

/** Qlib {@code Less(a, b)} = {@code np.minimum}: element-wise min, NaN if either side is NaN. Keeps the dtype. */
public final class Less {
    private Less() {
    }

    public static float of(float a, float b) {
        return Math.min(a, b);
    }
}
