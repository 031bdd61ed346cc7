package io.quantmini.silver.alpha158;

/** Qlib {@code Greater(a, b)} = {@code np.maximum}: element-wise max, NaN if either side is NaN. Keeps the dtype. */
public final class Greater {
    private Greater() {
    }

    public static double[] of(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(a[i], b[i]);
        }
        return out;
    }

    /** {@code Greater(a, scalar)}; for a float32 series the scalar is cast to float32 (exact for 0). */
    public static double[] of(double[] a, double scalar) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(a[i], scalar);
        }
        return out;
    }
}
