package io.quantmini.silver.alpha158;

import static io.quantmini.silver.alpha158.Series.INF;
import static io.quantmini.silver.alpha158.Series.NaN;
import static io.quantmini.silver.alpha158.Series.assertSeries;
import static io.quantmini.silver.alpha158.Series.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Mean, Sum, Std: pandas rolling(N, min_periods=1) semantics. */
class RollingAggregatesTest {
    @Test
    void meanStartsOnTheFirstRowWithAShorterWindowAndSkipsNaN() {
        assertSeries(s(1, 1.5, 2, 3), Mean.of(s(1, 2, 3, 4), 3));
        assertSeries(s(1, 1, 3, 4), Mean.of(s(1, NaN, 3, 5), 2));
        assertSeries(s(1, 1, NaN, 4), Mean.of(s(1, NaN, NaN, 4), 2));
        assertSeries(s(NaN, NaN, 2), Mean.of(s(NaN, NaN, 2), 2));
    }

    @Test
    void infinitiesAreTreatedAsMissingByRollingAggregates() {
        assertSeries(s(1, 1, 2), Mean.of(s(1, INF, 3), 3));
        assertSeries(s(1, 1, 4), Sum.of(s(1, -INF, 3), 3));
        assertSeries(s(NaN, NaN, 1.4142135623730951), Std.of(s(1, INF, 3), 3));
    }

    @Test
    void sumIsNaNNotZeroWhenTheWindowHasNoValue() {
        assertSeries(s(1, 1, NaN, 2), Sum.of(s(1, NaN, NaN, 2), 2));
        assertSeries(s(0, 0, 0), Sum.of(s(0, 0, 0), 2));
        assertSeries(s(0.5, 0.5, 0, 0), Sum.of(s(0.5, 0, 0, 0), 2));
    }

    @Test
    void stdIsTheSampleStdDdofOneAndNaNWithFewerThanTwoValues() {
        assertSeries(s(NaN, Math.sqrt(0.5), 1, 1), Std.of(s(1, 2, 3, 4), 3));
        assertSeries(s(NaN, NaN, Math.sqrt(2)), Std.of(s(1, NaN, 3), 3));
        assertSeries(s(NaN, NaN, NaN), Std.of(s(NaN, 7, NaN), 2));
    }

    @Test
    void aFlatWindowHasExactlyZeroStdEvenAfterLargeValuesLeftIt() {
        double[] std = Std.of(s(1, 9e6, 5, 5, 5, 5), 3);
        assertEquals(0.0, std[4]);
        assertEquals(0.0, std[5]);
        double[] mean = Mean.of(s(0.1, 1e9, 0.3, 0.3, 0.3), 3);
        assertEquals(0.3, mean[4]);
        assertEquals(0.0, Sum.of(s(1e9, 0, 0), 2)[2]);
    }

    @Test
    void isFlatIsQlibsAbsoluteTwoEMinus5Threshold() {
        assertTrue(Std.isFlat(0));
        assertTrue(Std.isFlat(2e-5));
        assertFalse(Std.isFlat(2.1e-5));
        assertFalse(Std.isFlat(NaN));
    }

    @Test
    void incrementalSumsStayAccurateOverLongSeries() {
        int n = 5000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (1000 + 500 * Math.sin(i * 0.37) + (i % 7) * 1e-3);
        }
        double[] mean = Mean.of(x, 20);
        double[] std = Std.of(x, 20);
        for (int i = n - 100; i < n; i++) {
            double m = 0;
            for (int k = i - 19; k <= i; k++) {
                m += x[k];
            }
            m /= 20;
            double ss = 0;
            for (int k = i - 19; k <= i; k++) {
                ss += (x[k] - m) * (x[k] - m);
            }
            assertEquals(m, mean[i], 1e-9 * m);
            assertEquals(Math.sqrt(ss / 19), std[i], 1e-9 * Math.sqrt(ss / 19));
        }
    }

    @Test
    void everyRollingOperatorRefusesAWindowBelowOne() {
        double[] x = s(1, 2, 3);
        List<IntFunction<double[]>> operators = List.of(w -> Mean.of(x, w), w -> Sum.of(x, w), w -> Std.of(x, w),
                w -> Max.of(x, w), w -> IdxMax.of(x, w), w -> Quantile.of(x, w, 0.8), w -> Rank.of(x, w),
                w -> Slope.of(x, w), w -> Corr.of(x, x, w));
        for (IntFunction<double[]> operator : operators) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> operator.apply(0));
            assertEquals("rolling window must be >= 1, got 0", e.getMessage());
            assertEquals(3, operator.apply(1).length);
        }
    }

    @Test
    void finiteMeansNeitherNaNNorInfinite() {
        assertTrue(Finite.is(Double.MAX_VALUE));
        assertTrue(Finite.is(-Double.MAX_VALUE));
        assertTrue(Finite.is(Double.MIN_VALUE));
        assertFalse(Finite.is(NaN));
        assertFalse(Finite.is(INF));
        assertFalse(Finite.is(Double.NEGATIVE_INFINITY));
    }

    @Test
    void reciprocalIsTheCorrectlyRoundedDivisionForEveryCount() {
        for (int k = 0; k <= 1000; k++) {
            assertEquals(1.0 / k, Reciprocal.of(k), 0.0, "k=" + k);
        }
    }
}
