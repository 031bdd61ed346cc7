package io.quantmini.silver.alpha158;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sorted window's searches, Quantile and Rank against their straightforward definitions. */
class SortedWindowTest {
    private static final double NaN = Double.NaN;

    @Test
    void lowerBoundCountsTheValuesBelowAtEverySizeWithTies() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int size = 0; size <= 70; size++) {
            SortedWindow window = new SortedWindow(70);
            double[] inserted = new double[size];
            for (int i = 0; i < size; i++) {
                inserted[i] = rnd.nextInt(size / 3 + 1); // ties
                window.insert(inserted[i]);
            }
            for (double v = -1; v <= size / 3 + 2; v += 0.5) {
                int below = 0;
                for (double x : inserted) {
                    below += x < v ? 1 : 0;
                }
                assertEquals(below, window.lowerBound(v), "size " + size + " v " + v);
            }
        }
    }

    @Test
    void quantileAndRankMatchTheDefinitionWithHolesInfinitiesTiesAndShortStarts() {
        SplittableRandom rnd = new SplittableRandom(9);
        for (int trial = 0; trial < 150; trial++) {
            int n = 1 + rnd.nextInt(200);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                double u = rnd.nextDouble();
                x[i] = u < 0.05 ? NaN : u < 0.07 ? Double.POSITIVE_INFINITY : u < 0.08 ? Double.NEGATIVE_INFINITY
                    : trial % 2 == 0 ? rnd.nextInt(6) : (float) (100 + rnd.nextGaussian());
            }
            for (int w : new int[] {1, 2, 5, 10, 20, 30, 60}) {
                double[] upper = Quantile.of(x, w, 0.8);
                double[] lower = Quantile.of(x, w, 0.2);
                double[] rank = Rank.of(x, w);
                for (int i = 0; i < n; i++) {
                    double[] window = Arrays.stream(x, Math.max(0, i - w + 1), i + 1).filter(Double::isFinite)
                        .sorted().toArray();
                    String at = "trial " + trial + " w=" + w + " row " + i;
                    assertEquals(quantile(window, 0.8), upper[i], 1e-12, at);
                    assertEquals(quantile(window, 0.2), lower[i], 1e-12, at);
                    assertEquals(rank(window, x[i]), rank[i], 1e-12, at);
                }
            }
        }
    }

    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return NaN;
        }
        double p = q * (sorted.length - 1);
        int i = (int) Math.floor(p);
        return i + 1 < sorted.length ? sorted[i] + (sorted[i + 1] - sorted[i]) * (p - i) : sorted[i];
    }

    private static double rank(double[] window, double today) {
        if (!Double.isFinite(today)) {
            return NaN;
        }
        int less = 0;
        int equal = 0;
        for (double v : window) {
            less += v < today ? 1 : 0;
            equal += v == today ? 1 : 0;
        }
        return (less + (equal + 1) / 2.0) / window.length;
    }
}
