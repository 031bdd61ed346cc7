package io.quantmini.silver.alpha158;

/**
 * Element-wise {@code + - * /} as Qlib evaluates them on its float32 fields: numpy float32 arithmetic (a Python
 * scalar operand such as {@code 1e-12} or {@code 2} is first cast to float32 — numpy 1.x value-based casting).
 * Inputs must hold float32 values; outputs are float32 values carried in doubles. IEEE semantics throughout:
 * {@code x/0 = ±inf}, {@code 0/0 = NaN}, NaN propagates; nothing throws.
 */
public final class Arith32 {
    private Arith32() {
    }

    public static double[] add(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) a[i] + (float) b[i];
        }
        return out;
    }

    public static double[] add(double[] a, double scalar) {
        float s = (float) scalar;
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) a[i] + s;
        }
        return out;
    }

    public static double[] sub(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) a[i] - (float) b[i];
        }
        return out;
    }

    public static double[] sub(double[] a, double scalar) {
        float s = (float) scalar;
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) a[i] - s;
        }
        return out;
    }

    public static double[] mul(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) a[i] * (float) b[i];
        }
        return out;
    }

    public static double[] mul(double scalar, double[] a) {
        float s = (float) scalar;
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = s * (float) a[i];
        }
        return out;
    }

    public static double[] div(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) a[i] / (float) b[i];
        }
        return out;
    }
}
