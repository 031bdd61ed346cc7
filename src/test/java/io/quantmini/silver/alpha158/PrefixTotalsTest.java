package io.quantmini.silver.alpha158;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bulk window sums and means equal the straightforward window sum of the finite values, row by row. */
class PrefixTotalsTest {
    private static final double NaN = Double.NaN;

    @Test
    void bulkSumsAndMeansMatchTheDefinitionWithHolesInfinitiesFlatRunsAndShortStarts() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(200);
            boolean integers = trial % 2 == 0; // exact totals; else float32 fractions, which round
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                double u = rnd.nextDouble();
                x[i] = u < 0.05 ? NaN : u < 0.06 ? Double.POSITIVE_INFINITY : u < 0.07 ? Double.NEGATIVE_INFINITY
                    : integers ? rnd.nextInt(3) : (float) (rnd.nextDouble() * 100);
            }
            if (trial % 5 == 0 && n > 30) {
                java.util.Arrays.fill(x, n / 3, n / 3 + 20, integers ? 7 : 0.1f);
                java.util.Arrays.fill(x, 0, 10, NaN);
            }
            PrefixTotals totals = new PrefixTotals().load(x, n);
            for (int w : new int[] {1, 2, 5, 10, 20, 30, 60}) {
                double[] sums = sums(totals, n, w);
                double[] means = means(totals, n, w);
                for (int i = 0; i < n; i++) {
                    double[] window = Series.finiteWindow(x, i, w);
                    double sum = Series.sum(window);
                    int k = window.length;
                    String at = "trial " + trial + " w=" + w + " row " + i;
                    double tolerance = k == 0 ? 0 : 1e-9 * Math.abs(sum);
                    assertEquals(k == 0 ? NaN : sum, sums[i], tolerance, at);
                    assertEquals(k == 0 ? NaN : sum / k, means[i], k == 0 ? 0 : tolerance / k, at);
                    assertEquals(totals.sum(i, w), sums[i], 0.0, at);
                    assertEquals(totals.mean(i, w), means[i], 0.0, at);
                }
            }
        }
    }

    @Test
    void aFlatWindowSumsToValueTimesCountAfterLargeValuesLeft() {
        double[] x = {1e9, 3, 3, 3, NaN, 3};
        PrefixTotals totals = new PrefixTotals().load(x, x.length);
        double[] sums = sums(totals, x.length, 3);
        assertEquals(9.0, sums[3]);
        assertEquals(6.0, sums[5]);
    }

    /**
     * Totals that round (values with all 53 bits, after one of 10^15): a window's sum and mean are still within a few
     * ulps of its exact value once the huge value has left it, by the bulk and the single-row calls alike. Plain
     * running totals would keep only the eighths of the huge value's scale.
     */
    @Test
    void windowsStayWithinAFewUlpsOfExactAfterAHugeValueLeft() {
        SplittableRandom rnd = new SplittableRandom(23);
        int n = 400;
        double[] x = new double[n];
        x[0] = 1e15 + 0.1;
        for (int i = 1; i < n; i++) {
            x[i] = rnd.nextDouble() < 0.05 ? NaN : rnd.nextDouble() * (rnd.nextBoolean() ? 1 : 1000);
        }
        PrefixTotals totals = new PrefixTotals().load(x, n);
        for (int w : new int[] {1, 2, 5, 10, 20, 30, 60}) {
            double[] sums = sums(totals, n, w);
            double[] means = means(totals, n, w);
            for (int i = w; i < n; i++) {
                double[] window = Series.finiteWindow(x, i, w);
                BigDecimal exact = BigDecimal.ZERO;
                for (double v : window) {
                    exact = exact.add(new BigDecimal(v));
                }
                int k = window.length;
                String at = "w=" + w + " row " + i;
                if (k == 0) {
                    assertEquals(NaN, sums[i], at);
                    continue;
                }
                double sum = exact.doubleValue();
                double mean = exact.divide(BigDecimal.valueOf(k), MathContext.DECIMAL128).doubleValue();
                assertEquals(sum, sums[i], 4 * Math.ulp(sum), at);
                assertEquals(mean, means[i], 4 * Math.ulp(mean), at);
                assertEquals(totals.sum(i, w), sums[i], 0.0, at);
                assertEquals(totals.mean(i, w), means[i], 0.0, at);
            }
        }
    }

    @Test
    void aFlatWindowOfRoundingValuesSumsToValueTimesCountAndMeansToTheValue() {
        double[] x = {1e15 + 0.1, 0.1, 0.1, 0.1, NaN, 0.1, 0.1};
        PrefixTotals totals = new PrefixTotals().load(x, x.length);
        double[] sums = sums(totals, x.length, 3);
        double[] means = means(totals, x.length, 3);
        assertEquals(0.1 * 3, sums[3]);
        assertEquals(0.1 * 2, sums[5]);
        assertEquals(0.1 * 2, sums[6]);
        for (int i = 3; i < x.length; i++) {
            assertEquals(0.1, means[i], "row " + i);
        }
    }

    /** The bulk window sums of rows 0 … n−1. */
    private static double[] sums(PrefixTotals totals, int n, int w) {
        double[] sums = new double[n];
        totals.sums(0, n, w, sums);
        return sums;
    }

    /** The bulk window means of rows 0 … n−1. */
    private static double[] means(PrefixTotals totals, int n, int w) {
        double[] means = new double[n];
        totals.means(0, n, w, means);
        return means;
    }
}
