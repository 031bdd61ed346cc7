package io.quantmini.silver.alpha158;

import java.util.Arrays;

/**
 * Qlib {@code Ref(x, N)} = pandas {@code shift(N)} in calendar rows: N &gt; 0 looks N rows back, N &lt; 0 looks
 * ahead, rows shifted in are NaN. {@code N = 0} is Qlib's special case: the first loaded value, broadcast.
 */
public final class Ref {
    private Ref() {
    }

    public static double[] of(double[] x, int n) {
        double[] out = new double[x.length];
        if (n == 0) {
            Arrays.fill(out, x.length == 0 ? Double.NaN : x[0]);
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            int j = i - n;
            out[i] = j >= 0 && j < x.length ? x[j] : Double.NaN;
        }
        return out;
    }
}
