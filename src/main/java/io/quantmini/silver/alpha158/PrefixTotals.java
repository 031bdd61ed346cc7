package io.quantmini.silver.alpha158;

/**
 * Running totals of one series from its first row, from which the pandas {@code rolling(w, min_periods=1)}
 * sum and mean of <b>any</b> window are two subtractions: one set of totals serves every window of every Sum/Mean
 * feature of the series.
 *
 * <p>Exactness. The totals are double-double (a compensated sum: {@code hi + lo} carries ~106 bits), and a window
 * is the compensated difference of two of them, so a window's sum is accurate to a few ulps of the window itself
 * however large the history before it — no drift with series length, no cancellation from a huge value that has
 * left the window. Like pandas (and the former incremental kernel) a window whose finite values are all equal
 * gives the exact {@code value × count} and mean {@code value}: that is what keeps flat stretches exactly flat.
 * NaN and ±inf rows are skipped (pandas turns ±inf into NaN) but still occupy their row.
 */
final class PrefixTotals {
    /** {@code hi[i] + lo[i]}: total of the finite values of rows {@code 0 … i−1}. */
    private double[] hi = new double[1];
    private double[] lo = new double[1];
    /** Finite values among rows {@code 0 … i−1}. */
    private int[] count = new int[1];
    /** Latest finite value up to row i, and how many finite values in a row (NaN rows skipped) equal it. */
    private double[] last = new double[0];
    private int[] run = new int[0];
    /** True when no addition rounded (lo all 0: integers, most float32 price steps): hi alone is exact. */
    private boolean exact;

    /** Totals of {@code x[0 … n−1]}; reuses this object's arrays. */
    PrefixTotals load(double[] x, int n) {
        ensure(n);
        double h = 0;
        double l = 0;
        int c = 0;
        double lastValue = Double.NaN;
        int equalRun = 0;
        boolean rounded = false;
        for (int i = 0; i < n; i++) {
            double v = x[i];
            if (Finite.is(v)) {
                double s = h + v;                       // TwoSum: s + err == h + v exactly
                double bv = s - h;
                l += (h - (s - bv)) + (v - bv);
                h = s;
                rounded |= l != 0;
                c++;
                if (v == lastValue) {
                    equalRun++;
                } else {
                    equalRun = 1;
                    lastValue = v;
                }
            }
            hi[i + 1] = h;
            lo[i + 1] = l;
            count[i + 1] = c;
            last[i] = lastValue;
            run[i] = equalRun;
        }
        exact = !rounded;
        return this;
    }

    private void ensure(int n) {
        if (run.length < n) {
            int cap = Math.max(n, run.length * 3 / 2);
            hi = new double[cap + 1];
            lo = new double[cap + 1];
            count = new int[cap + 1];
            last = new double[cap];
            run = new int[cap];
        }
    }

    /** Sum of the finite values in the window of width {@code w} ending at row {@code i}; NaN if there are none. */
    double sum(int i, int w) {
        int from = Math.max(0, i - w + 1);
        int k = count[i + 1] - count[from];
        if (k == 0) {
            return Double.NaN;
        }
        if (run[i] >= k) {
            return last[i] * k;
        }
        return difference(i + 1, from);
    }

    /** Mean of the finite values in the window of width {@code w} ending at row {@code i}; NaN if there are none. */
    double mean(int i, int w) {
        int from = Math.max(0, i - w + 1);
        int k = count[i + 1] - count[from];
        if (k == 0) {
            return Double.NaN;
        }
        if (run[i] >= k) {
            return last[i];
        }
        return difference(i + 1, from) / k;
    }

    /**
     * {@link #sum} of every row's window of width w, rows {@code from … n−1}, into {@code out}. With exact totals the
     * plain difference already is the flat window's {@code value × count}: the exact window sum rounded once.
     */
    void sums(int from, int n, int w, double[] out) {
        if (!exact) {
            for (int i = from; i < n; i++) {
                out[i] = sum(i, w);
            }
            return;
        }
        for (int i = from; i < n; i++) {
            int first = Math.max(0, i - w + 1);
            out[i] = count[i + 1] == count[first] ? Double.NaN : hi[i + 1] - hi[first];
        }
    }

    /**
     * {@link #mean} of every row's window of width w, rows {@code from … n−1}, into {@code out}. With exact totals it
     * is one division per row, without branches (so C2 vectorizes it): a window's total is then its exact sum (a
     * flat window's {@code value × count}, divided back to the value itself), and an empty window's total is 0, so
     * 0 / 0 gives its NaN.
     */
    void means(int from, int n, int w, double[] out) {
        if (!exact) {
            for (int i = from; i < n; i++) {
                out[i] = mean(i, w);
            }
            return;
        }
        int fullFrom = Math.min(n, Math.max(from, w - 1)); // rows before w − 1 take their window from row 0
        for (int i = from; i < fullFrom; i++) {
            out[i] = hi[i + 1] / count[i + 1];
        }
        for (int i = fullFrom; i < n; i++) {
            out[i] = (hi[i + 1] - hi[i + 1 - w]) / (count[i + 1] - count[i + 1 - w]);
        }
    }

    /** {@code total[to] − total[from]}, compensated (TwoDiff on the high parts). */
    private double difference(int to, int from) {
        if (exact) {
            return hi[to] - hi[from];             // exact totals: one correctly rounded subtraction
        }
        double a = hi[to];
        double b = hi[from];
        double s = a - b;
        double bv = a - s;
        double err = (a - (s + bv)) + (bv - b);
        return s + (err + (lo[to] - lo[from]));
    }
}
