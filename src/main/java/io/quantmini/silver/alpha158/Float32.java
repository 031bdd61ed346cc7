package io.quantmini.silver.alpha158;

/** Rounding to IEEE float32, the precision of Qlib's {@code .bin} files. */
public final class Float32 {
    private Float32() {
    }

    /** A copy of {@code x} with every value rounded to the nearest float32 (NaN stays NaN). */
    public static double[] round(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) x[i];
        }
        return out;
    }
}
