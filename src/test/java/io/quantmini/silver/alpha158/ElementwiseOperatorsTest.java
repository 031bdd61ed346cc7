package io.quantmini.silver.alpha158;

import static io.quantmini.silver.alpha158.Series.INF;
import static io.quantmini.silver.alpha158.Series.NaN;
import static io.quantmini.silver.alpha158.Series.assertSeries;
import static io.quantmini.silver.alpha158.Series.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ElementwiseOperatorsTest {
    @Test
    void refShiftsRowsBackOrAheadAndBroadcastsTheFirstValueForZero() {
        assertSeries(s(NaN, 1, 2), Ref.of(s(1, 2, 3), 1));
        assertSeries(s(NaN, NaN, 1), Ref.of(s(1, 2, 3), 2));
        assertSeries(s(2, 3, NaN), Ref.of(s(1, 2, 3), -1));
        assertSeries(s(1, 1, 1), Ref.of(s(1, 2, 3), 0));
        assertSeries(s(NaN, NaN), Ref.of(s(1, 2), 5));
    }

    @Test
    void greaterAndLessPropagateNaN() {
        assertSeries(s(2, NaN, NaN, 3), Greater.of(s(1, NaN, 3, 3), s(2, 2, NaN, 1)));
        assertSeries(s(1, NaN, NaN, 1), Less.of(s(1, NaN, 3, 3), s(2, 2, NaN, 1)));
        assertSeries(s(0, 0.5, NaN), Greater.of(s(-1, 0.5, NaN), 0));
    }

    @Test
    void comparisonsWithNaNAreFalseNotNaN() {
        assertSeries(s(1, 0, 0, 0), Compare.gt(s(1, NaN, 3, 2), s(0, 0, NaN, 2)));
        assertSeries(s(0, 0, 0, 1), Compare.lt(s(1, NaN, 3, 1), s(0, 0, NaN, 2)));
    }

    @Test
    void absAndLog() {
        assertSeries(s(1, 0, NaN, INF), Abs.of(s(-1, -0.0, NaN, -INF)));
        assertSeries(s(Double.NEGATIVE_INFINITY, NaN, 0, (float) Math.log(10), INF, NaN),
            Log.of32(s(0, -1, 1, 10, INF, NaN)));
    }

    @Test
    void divisionByZeroGivesInfinityOrNaNAndNeverThrows() {
        assertSeries(s(INF, NaN, Double.NEGATIVE_INFINITY), Arith32.div(s(1, 0, -1), s(0, 0, 0)));
        assertSeries(s(INF, NaN), Arith64.div(s(1, 0), s(0, 0)));
    }

    @Test
    void arith32RoundsEveryStepToFloat32() {
        double a = (float) 0.1;
        double b = (float) 0.2;
        double sum = Arith32.add(s(a), s(b))[0];
        assertEquals((double) (0.1f + 0.2f), sum);
        assertNotEquals(a + b, sum);
        // 2*$close-$high-$low is ((2*c)-h)-l, each step in float32
        double c = (float) 10.07;
        double h = (float) 10.11;
        double l = (float) 9.98;
        double ksft = Arith32.sub(Arith32.sub(Arith32.mul(2, s(c)), s(h)), s(l))[0];
        assertEquals((double) ((2f * 10.07f - 10.11f) - 9.98f), ksft);
    }

    @Test
    void theOneEMinus12GuardIsFloat32AndVanishesNextToAnyRealValue() {
        assertEquals((double) 1e-12f, Arith32.add(s(0), 1e-12)[0]);
        assertNotEquals(1e-12, Arith32.add(s(0), 1e-12)[0]);
        assertEquals(1.0, Arith32.add(s(1), 1e-12)[0]);
        assertEquals(1000.0, Arith32.add(s(1000), 1e-12)[0]);
    }

    @Test
    void float32RoundingMatchesQlibBinFiles() {
        // volumes above 2^24 lose integer precision in float32
        assertEquals(123_456_792.0, Float32.round(s(123_456_789))[0]);
        assertSeries(s(NaN), Float32.round(s(NaN)));
    }
}
