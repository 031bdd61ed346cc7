package io.quantmini.silver.alpha158;

import static io.quantmini.silver.alpha158.Series.INF;
import static io.quantmini.silver.alpha158.Series.NaN;
import static io.quantmini.silver.alpha158.Series.assertSeries;
import static io.quantmini.silver.alpha158.Series.s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CorrTest {
    @Test
    void pearsonOverTheWindowTwoPairsGiveOne() {
        // x = 1, 2, 3; y = 2, 4, 7: Sxy = 5, Sxx = 2, Syy = 114/9
        assertSeries(s(NaN, 1, 5 / Math.sqrt(2 * 114 / 9.0)), Corr.of(s(1, 2, 3), s(2, 4, 7), 3));
        assertSeries(s(NaN, -1, -1), Corr.of(s(1, 2, 3), s(3, 2, 1), 2));
    }

    @Test
    void rowsWhereEitherSideIsNaNOrInfiniteAreDropped() {
        // pairs left in the window: (1, 1) and (4, 2)
        assertSeries(s(NaN, NaN, NaN, 1), Corr.of(s(1, 2, NaN, 4), s(1, INF, 3, 2), 4));
    }

    @Test
    void flatSideMasksToNaN() {
        assertSeries(s(NaN, NaN, NaN), Corr.of(s(1, 1, 1), s(1, 2, 3), 3));
        assertSeries(s(NaN, NaN, NaN), Corr.of(s(1, 2, 3), s(4, 4, 4), 3));
        assertSeries(s(NaN, NaN), Corr.of(s(1, 1 + 1e-5), s(1, 2), 2));
        assertSeries(s(NaN, 1), Corr.of(s(1, 1.0001), s(1, 2), 2));
        // five values with std 1.64e-5 are flat; with 2.74e-5 they are not
        assertEquals(NaN, Corr.of(s(0, 3e-5, 0, 3e-5, 0), s(1, 2, 4, 3, 5), 5)[4]);
        assertEquals(-5 / Math.sqrt(300), Corr.of(s(0, 5e-5, 0, 5e-5, 0), s(1, 2, 4, 3, 5), 5)[4], 1e-9);
    }

    @Test
    void theMaskUsesEachSidesOwnRows() {
        // pairs: (1, 5), (3, 6): r = 1. a's own std over (1, 3, 3) is not flat, b's over (5, 6) is not.
        assertSeries(s(NaN, NaN, 1), Corr.of(s(1, 3, 3), s(5, NaN, 6), 3));
    }

    /**
     * A side whose own rows are not the pairs is masked by its own std: a's ten values (nine 0s and 6e-5) have std
     * 1.9e-5, flat, though its two paired values (0 and 6e-5) alone have 4.2e-5. Two pairs would otherwise give 1.
     */
    @Test
    void aSideIsMaskedByItsOwnRowsWhenTheyAreNotThePairs() {
        double[] flatOwn = s(0, 0, 0, 0, 0, 0, 0, 0, 0, 6e-5);
        double[] twoValues = s(NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, 1, 2);
        assertEquals(NaN, Corr.of(flatOwn, twoValues, 10)[9]);
        assertEquals(NaN, Corr.of(twoValues, flatOwn, 10)[9]);
        // the same pairs with a's own rows spread wider: not masked
        double[] spreadOwn = s(0, 1, 0, 0, 0, 0, 0, 0, 0, 6e-5);
        assertEquals(1.0, Corr.of(spreadOwn, twoValues, 10)[9], 1e-12);
        assertEquals(1.0, Corr.of(twoValues, spreadOwn, 10)[9], 1e-12);
    }

    /**
     * Every row against the definition, on series with holes and infinities on either side alone (so each side's
     * own rows differ from the pairs as rows enter and leave), flat and tied stretches, a level far from the
     * first value (where co-moments shifted by the first value would cancel), and one that falls from 10^9 to a few
     * units (where the rounding of the sums that held the large values would dwarf the window's own co-moments).
     */
    @Test
    void matchesTheDefinitionWithOneSidedHolesFlatStretchesAndALevelFarFromTheStart() {
        SplittableRandom rnd = new SplittableRandom(29);
        for (int trial = 0; trial < 400; trial++) {
            int n = 1 + rnd.nextInt(300);
            // a climbs to a level far from its start, or moves by steps close to the flat threshold, or by units, or
            // falls from a level far above them
            double[] a = switch (trial % 4) {
                case 0 -> series(rnd, n, 10_000, 0.1);
                case 1 -> series(rnd, n, 1, 1.5e-5);
                case 2 -> series(rnd, n, 0, 1);
                default -> falling(series(rnd, n, 0, 1));
            };
            double[] b = trial % 8 == 7 ? falling(series(rnd, n, 0, 1)) : series(rnd, n, 0, 1);
            for (int w : new int[] {2, 3, 5, 10, 20, 30, 60}) {
                double[] got = Corr.of(a, b, w);
                for (int i = 0; i < n; i++) {
                    assertEquals(definition(a, b, i, w), got[i], 1e-9, "trial " + trial + " w=" + w + " row " + i);
                }
            }
        }
    }

    private static final int CLIMB = 100;

    /** The series' first {@link #CLIMB} rows raised by 10^9 (with some spread), as a volume that collapses. */
    private static double[] falling(double[] x) {
        for (int i = 0; i < Math.min(CLIMB, x.length); i++) {
            x[i] = x[i] * 1e8 + 1e9;
        }
        return x;
    }

    /**
     * Non-finite rows, ties and flat stretches, the values 0-9 steps above a base that climbs from 1 to the level
     * over the first {@link #CLIMB} rows (a level of 0 or 1 stays at that base).
     */
    private static double[] series(SplittableRandom rnd, int n, double level, double step) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double base = level > 1 ? Math.pow(level, Math.min(i, CLIMB - 1) / (CLIMB - 1.0)) : level;
            double u = rnd.nextDouble();
            x[i] = u < 0.06 ? NaN : u < 0.08 ? INF : i > 0 && u < 0.4 && Double.isFinite(x[i - 1]) ? x[i - 1]
                : base + rnd.nextInt(step == 1 ? 4 : 10) * step;
        }
        return x;
    }

    /**
     * pandas' pairwise Pearson correlation of the window, two-pass, NaN with fewer than two pairs or a pairwise
     * variance of 0, then Qlib's mask: NaN where either side's own std (its own finite rows) is flat.
     */
    private static double definition(double[] a, double[] b, int i, int w) {
        int from = Math.max(0, i - w + 1);
        if (flat(a, from, i) || flat(b, from, i)) {
            return NaN;
        }
        double sa = 0;
        double sb = 0;
        int k = 0;
        for (int j = from; j <= i; j++) {
            if (Double.isFinite(a[j]) && Double.isFinite(b[j])) {
                sa += a[j];
                sb += b[j];
                k++;
            }
        }
        if (k < 2) {
            return NaN;
        }
        double ma = sa / k;
        double mb = sb / k;
        double caa = 0;
        double cbb = 0;
        double cab = 0;
        for (int j = from; j <= i; j++) {
            if (Double.isFinite(a[j]) && Double.isFinite(b[j])) {
                caa += (a[j] - ma) * (a[j] - ma);
                cbb += (b[j] - mb) * (b[j] - mb);
                cab += (a[j] - ma) * (b[j] - mb);
            }
        }
        // pandas' variance of equal values is exactly 0 (a two-pass mean of them may round)
        boolean pairedAEqual = true;
        boolean pairedBEqual = true;
        int firstPair = -1;
        for (int j = from; j <= i; j++) {
            if (Double.isFinite(a[j]) && Double.isFinite(b[j])) {
                firstPair = firstPair < 0 ? j : firstPair;
                pairedAEqual &= a[j] == a[firstPair];
                pairedBEqual &= b[j] == b[firstPair];
            }
        }
        return pairedAEqual || pairedBEqual || caa <= 0 || cbb <= 0 ? NaN : cab / Math.sqrt(caa * cbb);
    }

    /** Qlib's flat test of the sample std of x's own finite rows (a NaN std, under two values, is not flat). */
    private static boolean flat(double[] x, int from, int to) {
        return Std.isFlat(Series.sampleStd(Series.finiteWindow(x, to, to - from + 1)));
    }
}
