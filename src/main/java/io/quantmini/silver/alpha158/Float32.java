package io.quantmini.silver.alpha158;

/** Rounding to IEEE float32, the precision of Qlib's {@code .bin} files. */
public final class Float32 {
    private Float32() {
    }

    /** {@code x[0 … n−1]} rounded to the nearest float32 (NaN stays NaN) into {@code into}. */
    public static void round(double[] x, double[] into, int n) {
        for (int i = 0; i < n; i++) {
            into[i] = (float) x[i];
        }
    }
}
