package io.quantmini.silver.alpha158;

/**
 * Qlib {@code Rank(x, N)} = pandas {@code rolling(N, min_periods=1).rank(pct=True)}: the average rank of today's
 * value among the k finite values of the window, divided by k — {@code (#{v<cur} + (#{v==cur}+1)/2) / k}, so a
 * symbol's first row is 1 and a window of equal values gives {@code (k+1)/(2k)}. NaN when today is NaN/±inf.
 */
public final class Rank {
    private Rank() {
    }

    public static double[] of(double[] x, int n) {
        Windows.require(n);
        double[] out = new double[x.length];
        SortedWindow window = new SortedWindow(n);
        for (int i = 0; i < x.length; i++) {
            int slot = window.slideTo(x, i, n);
            out[i] = slot < 0 ? Double.NaN : window.rankPctAt(slot);
        }
        return out;
    }
}
