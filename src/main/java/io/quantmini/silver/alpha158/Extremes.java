package io.quantmini.silver.alpha158;

/** Turns a {@link WindowExtreme} into the values Qlib's Max/Min and IdxMax/IdxMin return. */
final class Extremes {
    private Extremes() {
    }

    /** The extreme value of each window, NaN when the window holds no finite value. */
    static double[] values(double[] x, WindowExtreme e) {
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = value(x, e, i);
        }
        return out;
    }

    /** The extreme value of row i's window, NaN when it holds no finite value. */
    static double value(double[] x, WindowExtreme e, int i) {
        int at = e.best[i];
        return at < 0 ? Double.NaN : x[at];
    }

    /** {@link #position} of every row. */
    static double[] positions(WindowExtreme e, int w, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = position(e, w, i);
        }
        return out;
    }

    /**
     * {@code rolling(w, min_periods=1).apply(lambda a: a.argmax() + 1, raw=True)}: 1-based position from the oldest
     * row of the window (so {@code w} = today once the window is full). numpy's argmax/argmin return the first NaN
     * when the window holds one — pandas has turned ±inf into NaN — so any non-finite row wins. A window with no
     * finite value fails min_periods and gives NaN.
     */
    static double position(WindowExtreme e, int w, int i) {
        int start = WindowExtreme.windowStart(i, w);
        if (e.best[i] < 0) {
            return Double.NaN;
        }
        int bad = e.firstNonFinite[i];
        return (bad >= 0 ? bad : e.best[i]) - start + 1;
    }
}
