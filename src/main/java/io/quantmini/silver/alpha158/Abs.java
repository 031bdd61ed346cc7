package io.quantmini.silver.alpha158;

/** Qlib {@code Abs(x)} = {@code np.abs}. Keeps the dtype, NaN stays NaN. */
public final class Abs {
    private Abs() {
    }

    public static double[] of(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.abs(x[i]);
        }
        return out;
    }
}
