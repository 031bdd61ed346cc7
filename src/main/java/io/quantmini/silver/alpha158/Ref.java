package io.quantmini.silver.alpha158;

/**
 * Qlib {@code Ref(x, N)} = pandas {@code shift(N)} in calendar rows, for the N &gt; 0 Alpha158 uses: row
 * {@code i − N}, or NaN for the first N rows of a series. (Qlib's other cases, N &lt; 0 looking ahead and N = 0
 * broadcasting the first value, appear in no Alpha158 feature.)
 */
public final class Ref {
    private Ref() {
    }

    /** {@code Ref(x, n)} at row i of a float32 series, n &gt; 0. */
    public static float of(double[] x, int i, int n) {
        float back = (float) x[Math.max(i - n, 0)]; // read unconditionally: see Windows
        return i >= n ? back : Float.NaN;
    }
}
