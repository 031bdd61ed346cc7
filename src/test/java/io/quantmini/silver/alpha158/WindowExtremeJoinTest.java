package io.quantmini.silver.alpha158;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Windows joined from narrower ones give, on every row, the arg-extremes of the straightforward scan. */
class WindowExtremeJoinTest {
    private static final double NaN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void joinedWindowsMatchTheDirectScanWithHolesInfinitiesTiesAndShortStarts() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(150);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                double u = rnd.nextDouble();
                x[i] = u < 0.05 ? NaN : u < 0.07 ? INF : u < 0.09 ? -INF : rnd.nextInt(8); // many ties
            }
            if (trial % 10 == 0) {
                java.util.Arrays.fill(x, 0, n / 2, NaN); // long all-NaN stretches
            }
            check(x, new int[] {5, 10, 20, 30, 60});
            check(x, new int[] {1, 2, 3, 7, 10});
            check(x, new int[] {4, 6, 9});
        }
    }

    @Test
    void aSingleRowSeriesAndAllNaNSeries() {
        check(new double[] {3}, Alpha158.WINDOWS);
        check(new double[] {NaN, NaN, NaN}, Alpha158.WINDOWS);
    }

    private static void check(double[] x, int[] windows) {
        for (boolean max : new boolean[] {true, false}) {
            WindowExtreme[] all = new WindowExtreme[windows.length];
            for (int k = 0; k < all.length; k++) {
                all[k] = new WindowExtreme();
            }
            WindowExtreme.loadAll(all, x, x.length, windows, max);
            for (int k = 0; k < windows.length; k++) {
                int w = windows[k];
                for (int i = 0; i < x.length; i++) {
                    int best = -1;
                    int firstBad = -1;
                    for (int j = Math.max(0, i - w + 1); j <= i; j++) {
                        if (!Double.isFinite(x[j])) {
                            firstBad = firstBad < 0 ? j : firstBad;
                        } else if (best < 0 || (max ? x[j] > x[best] : x[j] < x[best])) {
                            best = j;
                        }
                    }
                    String at = (max ? "max" : "min") + " w=" + w + " row " + i;
                    assertEquals(best, all[k].best[i], at);
                    assertEquals(firstBad, all[k].firstNonFinite[i], at);
                }
            }
        }
    }
}
