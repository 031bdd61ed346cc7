package io.quantmini.silver.alpha158;

/**
 * Qlib {@code Resi(x, N)}: today's residual from the window's least-squares line (see {@link LinearFit}),
 * {@code x_today − (slope·N + ȳ − slope·x̄)}. NaN when today is NaN or with fewer than two points.
 */
public final class Resi {
    private Resi() {
    }

    public static double[] of(double[] x, int n) {
        double[] out = new double[x.length];
        LinearFit.run(x, n, null, null, out);
        return out;
    }
}
