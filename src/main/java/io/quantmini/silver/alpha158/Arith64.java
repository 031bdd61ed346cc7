package io.quantmini.silver.alpha158;

/**
 * Element-wise {@code + - /} in float64: what Qlib does once an operand is the output of a rolling operator
 * (float64) — e.g. {@code Mean($close, 5)/$close} is a float64 series divided by a float32 one, in float64.
 * IEEE semantics: {@code x/0 = ±inf}, {@code 0/0 = NaN}, NaN propagates.
 */
public final class Arith64 {
    private Arith64() {
    }

    public static double[] add(double[] a, double scalar) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] + scalar;
        }
        return out;
    }

    public static double[] sub(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    public static double[] div(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] / b[i];
        }
        return out;
    }

    public static double[] div(double[] a, double scalar) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] / scalar;
        }
        return out;
    }
}
