package io.quantmini.silver.alpha158;

/** Turns a {@link WindowExtreme} into the values Qlib's Max/Min and IdxMax/IdxMin return. */
final class Extremes {
    private Extremes() {
    }

    /** The extreme value of each window, NaN when the window holds no finite value. */
    static double[] values(double[] x, WindowExtreme e) {
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = e.best[i] < 0 ? Double.NaN : x[e.best[i]];
        }
        return out;
    }

    /**
     * {@code rolling(w, min_periods=1).apply(lambda a: a.argmax() + 1, raw=True)}: 1-based position from the oldest
     * row of the window (so {@code w} = today once the window is full). numpy's argmax/argmin return the first NaN
     * when the window holds one — pandas has turned ±inf into NaN — so any non-finite row wins. A window with no
     * finite value fails min_periods and gives NaN.
     */
    static double[] positions(WindowExtreme e, int w) {
        double[] out = new double[e.best.length];
        for (int i = 0; i < out.length; i++) {
            int start = WindowExtreme.windowStart(i, w);
            if (e.best[i] < 0) {
                out[i] = Double.NaN;
            } else if (e.firstNonFinite[i] >= 0) {
                out[i] = e.firstNonFinite[i] - start + 1;
            } else {
                out[i] = e.best[i] - start + 1;
            }
        }
        return out;
    }
}
