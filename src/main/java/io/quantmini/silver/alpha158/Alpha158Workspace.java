package io.quantmini.silver.alpha158;

/**
 * Reusable scratch memory for {@link Alpha158#compute(double[], double[], double[], double[], double[], double[],
 * float[][], Alpha158Workspace)}: the float32-rounded inputs, the window-independent sub-expressions, and one set of
 * per-window buffers, sized to the longest series seen so far. Computing a symbol then allocates nothing.
 *
 * <p>Not thread-safe: use one workspace per thread (a few hundred KB for 1,260 rows).
 */
public final class Alpha158Workspace {
    int capacity = -1;
    double[] open;
    double[] high;
    double[] low;
    double[] close;
    double[] volume;
    double[] vwap;
    /**
     * {@code 1/close}: the many {@code …/$close} features multiply by it. Differs from dividing by at most an ulp
     * of the float64 quotient, far below the float32 rounding of the result.
     */
    double[] inverseClose;

    final RollingInputs in = new RollingInputs();

    /** Per-window buffers, overwritten for each window. */
    double[] meanC;
    double[] stdC;
    double[] slope;
    double[] rsquare;
    double[] resi;
    double[] corr;
    /** {@link Corr}'s scratch: each row's product of the two sides' co-moments. */
    double[] corrProduct;
    double[] mean;
    double[] std;
    /** Window sums or means of three {@link PrefixTotals} (CNT, SUM, VSUM groups). */
    double[][] windowTotals;
    /** Arg-max of high and arg-min of low for each of {@link Alpha158#WINDOWS}. */
    final WindowExtreme[] highs = extremes();
    final WindowExtreme[] lows = extremes();
    final SortedWindow sorted = new SortedWindow(maxWindow());

    public Alpha158Workspace() {
        ensure(0);
    }

    private static WindowExtreme[] extremes() {
        WindowExtreme[] e = new WindowExtreme[Alpha158.WINDOWS.length];
        for (int k = 0; k < e.length; k++) {
            e[k] = new WindowExtreme();
        }
        return e;
    }

    private static int maxWindow() {
        int max = 0;
        for (int d : Alpha158.WINDOWS) {
            max = Math.max(max, d);
        }
        return max;
    }

    void ensure(int n) {
        if (n <= capacity) {
            return;
        }
        capacity = n;
        open = new double[n];
        high = new double[n];
        low = new double[n];
        close = new double[n];
        volume = new double[n];
        vwap = new double[n];
        inverseClose = new double[n];
        meanC = new double[n];
        stdC = new double[n];
        slope = new double[n];
        rsquare = new double[n];
        resi = new double[n];
        corr = new double[n];
        corrProduct = new double[n];
        mean = new double[n];
        std = new double[n];
        windowTotals = new double[3][n];
    }
}
