package io.quantmini.silver.alpha158;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The rolling std and mean kernel against the straightforward two-pass definition, row by row: where its shifted
 * sums would lose precision (a series far from its first value), and where pandas is exact (flat windows).
 */
class WindowMomentsTest {
    private static final int[] WINDOWS = {1, 2, 3, 5, 10, 20, 30, 60};

    @Test
    void matchesTheDefinitionWithHolesInfinitiesAndShortStarts() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(250);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                double u = rnd.nextDouble();
                x[i] = u < 0.08 ? Double.NaN : u < 0.10 ? Double.POSITIVE_INFINITY
                    : u < 0.12 ? Double.NEGATIVE_INFINITY : (float) (50 + rnd.nextDouble() * 10);
            }
            for (int w : WINDOWS) {
                check(x, w, 1e-9, "trial " + trial, 0);
            }
        }
    }

    /**
     * A price that climbs from 1 to 10,000 and then moves by tenths, with holes: sums shifted by a value from the climb
     * would cancel ~(10^4 / 0.1)^2 = 10^10 times the window's own spread, leaving ~6 correct digits of its std. The
     * error stays relative to the window's spread on every row, also where holes fall on the rows that re-anchor.
     */
    @Test
    void staysAccurateOnASeriesThatMovesFarFromItsFirstValue() {
        int n = 3000;
        int climb = 200;
        SplittableRandom rnd = new SplittableRandom(5);
        for (int trial = 0; trial < 5; trial++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                double level = i < climb ? Math.pow(10_000, i / (climb - 1.0)) : 10_000;
                x[i] = rnd.nextDouble() < 0.2 ? Double.NaN : (float) (level + rnd.nextDouble() * 0.3);
            }
            for (int w : WINDOWS) {
                check(x, w, 1e-9, "trial " + trial, 0);
            }
        }
    }

    /**
     * A volume of ~10^9 that falls to a few shares a day (a QA case: VSTD20 read 11.27 where the exact std was 0.85),
     * and a price that falls from ~10^4 to ~1: once the large values have left the window, its std and mean are
     * those of the small values to ~10 digits, on the very next row, not only after the next re-anchoring.
     */
    @Test
    void staysAccurateRightAfterTheLevelFallsFarBelowTheWindowsBefore() {
        SplittableRandom rnd = new SplittableRandom(23);
        for (int trial = 0; trial < 40; trial++) {
            int n = 400;
            int fall = 100 + rnd.nextInt(100);
            boolean volume = trial % 2 == 0;
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                double value = i < fall
                        ? (volume ? 1.5e8 + rnd.nextDouble() * 1.5e8 : 1e4 + rnd.nextDouble() * 100)
                        : (volume ? 1 + rnd.nextInt(3) : 1 + rnd.nextDouble() * 0.01);
                x[i] = rnd.nextDouble() < 0.1 ? Double.NaN : (float) value;
            }
            for (int w : WINDOWS) {
                check(x, w, 1e-9, "trial " + trial, 0);
            }
        }
    }

    /**
     * pandas gives exactly 0 std and exactly the value as the mean for a window whose finite values are all equal,
     * however the values before it were: holes on the rows where the kernel re-anchors keep its anchor away from
     * the flat value, so exactness must come from the run of equal values, not from the arithmetic.
     */
    @Test
    void aFlatWindowIsExactlyFlatWhereverTheAnchorIs() {
        SplittableRandom rnd = new SplittableRandom(17);
        int flatWindows = 0;
        for (int trial = 0; trial < 300; trial++) {
            int w = WINDOWS[1 + rnd.nextInt(WINDOWS.length - 1)];
            int n = 3 * w + rnd.nextInt(3 * w);
            double flat = rnd.nextDouble() * 1000; // all 53 bits: the shifted arithmetic rounds
            double[] x = new double[n];
            int flatFrom = w + rnd.nextInt(w);
            for (int i = 0; i < n; i++) {
                x[i] = i < flatFrom ? rnd.nextDouble() * 1000 : flat;
                if ((i + 1) % w == 0 && rnd.nextBoolean()) {
                    x[i] = Double.NaN; // a re-anchoring row without a value
                }
            }
            double[] std = new double[n];
            double[] mean = new double[n];
            WindowMoments.run(x, w, std, mean);
            for (int i = flatFrom + w - 1; i < n; i++) {
                int finite = 0;
                for (int k = i - w + 1; k <= i; k++) {
                    finite += Double.isFinite(x[k]) ? 1 : 0;
                }
                String at = "trial " + trial + " w=" + w + " row " + i + " of " + java.util.Arrays.toString(x);
                assertEquals(flat, mean[i], 0.0, at);
                assertEquals(finite < 2 ? Double.NaN : 0.0, std[i], 0.0, at);
                flatWindows++;
            }
        }
        assertEquals(true, flatWindows > 1000, "flat windows checked: " + flatWindows);
    }

    /** Every row's std and mean against the two-pass definition, from row {@code from} on. */
    private static void check(double[] x, int w, double relative, String trial, int from) {
        int n = x.length;
        double[] std = new double[n];
        double[] mean = new double[n];
        WindowMoments.run(x, w, std, mean);
        for (int i = from; i < n; i++) {
            double[] window = Series.finiteWindow(x, i, w);
            int k = window.length;
            double m = Series.sum(window) / k;
            double s = Series.sampleStd(window);
            String at = trial + " w=" + w + " row " + i;
            assertEquals(k == 0 ? Double.NaN : m, mean[i], k == 0 ? 0 : relative * Math.abs(m), at);
            // the window's spread bounds the error, plus the reference's own rounding of the level
            assertEquals(s, std[i], k < 2 ? 0 : relative * s + 1e-13 * Math.abs(m), at);
        }
    }
}
