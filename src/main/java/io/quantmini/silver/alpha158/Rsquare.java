package io.quantmini.silver.alpha158;

/**
 * Qlib {@code Rsquare(x, N)}: r² of the window's least-squares line (see {@link LinearFit}); two points give 1.
 * Then, as Qlib's {@code Rsquare._load_internal} does, NaN wherever the pandas rolling std of x is ≤ 2e-5
 * ({@link Std#isFlat}) — an absolute threshold in x's units.
 */
public final class Rsquare {
    private Rsquare() {
    }

    public static double[] of(double[] x, int n) {
        double[] out = new double[x.length];
        LinearFit.run(x, n, null, out, null);
        mask(out, Std.of(x, n));
        return out;
    }

    /** Sets NaN where {@code std} is flat; {@code std} must be {@code Std.of(x, n)}. */
    static void mask(double[] rsquare, double[] std) {
        for (int i = 0; i < rsquare.length; i++) {
            if (Std.isFlat(std[i])) {
                rsquare[i] = Double.NaN;
            }
        }
    }
}
