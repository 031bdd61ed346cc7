package io.quantmini.silver.alpha158;

/**
 * Kernel of pandas {@code rolling(w, min_periods=1).std()} (sample std, ddof = 1) and {@code .mean()} over the
 * finite values among the last {@code w} rows.
 *
 * <p>O(1) per row with shifted sums: {@code Σ(x−K)} and {@code Σ(x−K)²} around an anchor K, one of the window's own
 * values: the window's newest finite value becomes the anchor, and the sums are recomputed exactly, every {@code w}
 * rows, or sooner when that value was older than the row (the anchor's row leaves the window then). That keeps the
 * cancellation in {@code Σ(x−K)² − (Σ(x−K))²/n} bounded by the spread of the last 2w rows (this window and the one the
 * sums were recomputed over) rather than by the price level or by history. Where those rows' spread dwarfs the
 * window's own (a volume of 10^9 falling to a few shares), the sums are also recomputed as soon as the squares
 * removed from {@code Σ(x−K)²} since they last were exceed it {@link #DRIFT} times: its rounding is relative to
 * those, so the window's std stays exact to ~8 digits or better rather than being noise for up to w rows. (pandas
 * keeps the noise, and how much depends on where its series was loaded from.)
 * Like pandas: NaN with fewer than 2 finite values, exactly 0 when all finite values in the window are equal,
 * never negative.
 */
final class WindowMoments {
    /**
     * The squares removed from {@code Σ(x−K)²} since its last recompute may add up to this many times what is left;
     * beyond, it is recomputed. Each of the up to 2w additions and removals rounds by ~1.1e-16 of the sum's size, at
     * most ~DRIFT times the window's: with K one of the window's values, that sum is at most 2n+1 times the window's
     * centred sum, which thus keeps ~8 digits at worst (the tests see 10). In ordinary data the removed squares stay
     * within a few times the sum.
     */
    static final double DRIFT = 1e3;

    private WindowMoments() {
    }

    /**
     * @param std  receives the rolling sample standard deviations, or null
     * @param mean receives the rolling means, or null
     */
    static void run(double[] x, int w, double[] std, double[] mean) {
        run(x, 0, x.length, w, std, mean);
    }

    /**
     * As {@link #run(double[], int, double[], double[])} over the first {@code n} rows of {@code x}, writing rows
     * {@code from … n−1} only: the rows before are read as history.
     */
    static void run(double[] x, int from, int n, int w, double[] std, double[] mean) {
        Windows.require(w);
        double anchor = 0;
        double s1 = 0;
        double s2 = 0;
        double removed = 0; // the squares removed from s2 since it was last recomputed
        int count = 0;
        double last = Double.NaN;
        int run = 0;
        int untilAnchor = w;
        for (int i = 0; i < n; i++) {
            double v = x[i];
            if (Finite.is(v)) {
                if (count == 0) {
                    anchor = v;
                    s1 = 0;
                    s2 = 0;
                    removed = 0;
                }
                count++;
                double d = v - anchor;
                s1 += d;
                s2 += d * d;
                if (v == last) {
                    run++;
                } else {
                    run = 1;
                    last = v;
                }
            }
            int j = i - w;
            double leaving = x[Math.max(j, 0)]; // read unconditionally: see Windows
            if (j >= 0 && Finite.is(leaving)) {
                count--;
                double d = leaving - anchor;
                double square = d * d;
                s1 -= d;
                s2 -= square;
                removed += square;
            }
            boolean reanchor = --untilAnchor == 0;
            if (reanchor) {
                untilAnchor = w;
            }
            reanchor |= s2 * DRIFT < removed && run < count;
            if (reanchor && count > 0) {
                int first = Math.max(0, i - w + 1);
                int newest = i;
                while (!Finite.is(x[newest])) {
                    newest--;
                }
                anchor = x[newest];
                untilAnchor = w - (i - newest); // again when the anchor's row leaves the window
                s1 = 0;
                s2 = 0;
                for (int k = first; k <= i; k++) {
                    if (Finite.is(x[k])) {
                        double d = x[k] - anchor;
                        s1 += d;
                        s2 += d * d;
                    }
                }
                removed = 0;
            }
            if (i < from) {
                continue;
            }
            double perCount = Reciprocal.of(count);
            if (std != null) {
                double r;
                if (count < 2) {
                    r = Double.NaN;
                } else if (run >= count) {
                    r = 0;
                } else {
                    double m2 = s2 - s1 * s1 * perCount;
                    r = m2 <= 0 ? 0 : Math.sqrt(m2 * Reciprocal.of(count - 1));
                }
                std[i] = r;
            }
            if (mean != null) {
                mean[i] = count == 0 ? Double.NaN : run >= count ? last : anchor + s1 * perCount;
            }
        }
    }
}
