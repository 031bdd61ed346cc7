package io.quantmini.silver.alpha158;

/**
 * Kernel of pandas {@code rolling(w, min_periods=1).sum()/.mean()}: the sum of the finite values among the last
 * {@code w} rows (NaN and ±inf rows are skipped but still occupy their row).
 *
 * <p>O(1) per row: a running sum updated by adding the entering value and subtracting the leaving one, re-summed
 * exactly from the window every {@code w} rows so rounding drift never spans more than two windows. Like pandas,
 * when every finite value in the window is equal the result is exact ({@code value × count}, mean = value) — this
 * is what makes flat stretches give exactly 0 spreads.
 */
final class WindowSum {
    private WindowSum() {
    }

    /**
     * @param sum  receives the rolling sums (NaN where the window holds no finite value), or null
     * @param mean receives the rolling means (NaN likewise), or null
     */
    static void run(double[] x, int w, double[] sum, double[] mean) {
        requireWindow(w);
        double s = 0;
        int count = 0;
        double last = Double.NaN;
        int run = 0;
        int untilResum = w;
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            if (Finite.is(v)) {
                count++;
                s += v;
                if (v == last) {
                    run++;
                } else {
                    run = 1;
                    last = v;
                }
            }
            int j = i - w;
            if (j >= 0 && Finite.is(x[j])) {
                count--;
                s -= x[j];
            }
            if (--untilResum == 0 || count == 0) {
                untilResum = w;
                s = exactSum(x, Math.max(0, i - w + 1), i);
            }
            double rs;
            double rm;
            if (count == 0) {
                rs = Double.NaN;
                rm = Double.NaN;
            } else if (run >= count) {
                rs = last * count;
                rm = last;
            } else {
                rs = s;
                rm = s / count;
            }
            if (sum != null) {
                sum[i] = rs;
            }
            if (mean != null) {
                mean[i] = rm;
            }
        }
    }

    private static double exactSum(double[] x, int from, int to) {
        double s = 0;
        for (int k = from; k <= to; k++) {
            if (Finite.is(x[k])) {
                s += x[k];
            }
        }
        return s;
    }

    static void requireWindow(int w) {
        if (w < 1) {
            throw new IllegalArgumentException("rolling window must be >= 1, got " + w);
        }
    }
}
