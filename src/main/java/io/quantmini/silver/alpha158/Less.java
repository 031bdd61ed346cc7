package io.quantmini.silver.alpha158;

/** Qlib {@code Less(a, b)} = {@code np.minimum}: element-wise min, NaN if either side is NaN. Keeps the dtype. */
public final class Less {
    private Less() {
    }

    public static double[] of(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.min(a[i], b[i]);
        }
        return out;
    }
}
