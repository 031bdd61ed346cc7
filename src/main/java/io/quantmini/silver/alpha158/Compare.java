package io.quantmini.silver.alpha158;

/**
 * Qlib's {@code >} and {@code <} (operators {@code Gt}, {@code Lt}): boolean series, here 1.0 / 0.0. A comparison
 * with NaN is <b>false</b> (0.0), never NaN — so {@code Mean($close>Ref($close,1), d)} is defined on a symbol's
 * first row and across holes.
 */
public final class Compare {
    private Compare() {
    }

    public static double[] gt(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] > b[i] ? 1.0 : 0.0;
        }
        return out;
    }

    public static double[] lt(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] < b[i] ? 1.0 : 0.0;
        }
        return out;
    }
}
