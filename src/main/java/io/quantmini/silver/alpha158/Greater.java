package io.quantmini.silver.alpha158;

/** Qlib {@code Greater(a, b)} = {@code np.maximum}: element-wise max, NaN if either side is NaN. Keeps the dtype. */
public final class Greater {
    private Greater() {
    }

    /** For a float32 series; a scalar side is cast to float32 first ({@link Arith32#scalar}, exact for 0). */
    public static float of(float a, float b) {
        return Math.max(a, b);
    }
}
