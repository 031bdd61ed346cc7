package io.quantmini.silver.alpha158;

/**
 * The divisions and square roots of the window kernels, as straight loops over whole columns. In a kernel's sliding
 * loop, among its branches, C2 issues them one value at a time, and the divider then bounds the loop (a square root
 * every ~9 cycles); a loop with nothing else in it C2 vectorizes, four doubles per instruction. IEEE division and
 * square root are correctly rounded either way, so the values are bit for bit those of the scalar expressions.
 * The loops write doubles: C2 (JDK 17) does not vectorize a loop that also narrows to float.
 */
final class Vectorized {
    private Vectorized() {
    }

    /** {@code x[i] = √x[i]} for rows {@code from … n−1}. */
    static void sqrt(double[] x, int from, int n) {
        for (int i = from; i < n; i++) {
            x[i] = Math.sqrt(x[i]);
        }
    }

    /** {@code x[i] = x[i] / √y[i]} for rows {@code from … n−1}. */
    static void divideBySqrt(double[] x, double[] y, int from, int n) {
        for (int i = from; i < n; i++) {
            x[i] = x[i] / Math.sqrt(y[i]);
        }
    }

    /** {@code x[i] = x[i] / (y[i] + 1e-12)}: Alpha158's guarded division. */
    static void divideByGuarded(double[] x, double[] y, int from, int n) {
        for (int i = from; i < n; i++) {
            x[i] = x[i] / (y[i] + 1e-12);
        }
    }

    /** {@code x[i] = 1 / (x[i] + 1e-12)}. */
    static void inverseGuarded(double[] x, int from, int n) {
        for (int i = from; i < n; i++) {
            x[i] = 1 / (x[i] + 1e-12);
        }
    }
}
