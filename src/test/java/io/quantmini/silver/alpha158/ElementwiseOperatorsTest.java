package io.quantmini.silver.alpha158;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The element-wise operators, as the Alpha158 kernel calls them on float32 values. */
class ElementwiseOperatorsTest {
    private static final float NAN = Float.NaN;
    private static final float INF = Float.POSITIVE_INFINITY;

    @Test
    void refLooksNRowsBackAndIsNaNOnAPrefixOfNRows() {
        double[] x = {1, 2, 3, Double.NaN, 5};
        assertEquals(NAN, Ref.of(x, 0, 1));
        assertEquals(1f, Ref.of(x, 1, 1));
        assertEquals(NAN, Ref.of(x, 4, 1), "a hole shifts in as NaN");
        assertEquals(NAN, Ref.of(x, 1, 2));
        assertEquals(2f, Ref.of(x, 4, 3));
        assertEquals(NAN, Ref.of(x, 4, 5));
        assertEquals(NAN, Ref.of(x, 4, 60), "a window longer than the series");
        assertEquals((float) 0.1, Ref.of(new double[] {0.1, 0}, 1, 1), "float32, as Qlib reads its fields");
    }

    @Test
    void greaterAndLessPropagateNaN() {
        assertEquals(2f, Greater.of(1f, 2f));
        assertEquals(NAN, Greater.of(NAN, 2f));
        assertEquals(NAN, Greater.of(3f, NAN));
        assertEquals(0f, Greater.of(-1f, Arith32.scalar(0)));
        assertEquals(1f, Less.of(1f, 2f));
        assertEquals(NAN, Less.of(NAN, 2f));
        assertEquals(NAN, Less.of(3f, NAN));
    }

    @Test
    void comparisonsWithNaNAreFalseNotNaN() {
        assertEquals(1, Compare.gt(1f, 0f));
        assertEquals(0, Compare.gt(NAN, 0f));
        assertEquals(0, Compare.gt(3f, NAN));
        assertEquals(0, Compare.gt(2f, 2f));
        assertEquals(1, Compare.lt(1f, 2f));
        assertEquals(0, Compare.lt(NAN, 2f));
        assertEquals(0, Compare.lt(1f, NAN));
    }

    @Test
    void absAndLog() {
        assertEquals(1f, Abs.of(-1f));
        assertEquals(0f, Abs.of(-0f));
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(Abs.of(-0f)), "no negative zero");
        assertEquals(NAN, Abs.of(NAN));
        assertEquals(INF, Abs.of(Float.NEGATIVE_INFINITY));
        assertEquals(Float.NEGATIVE_INFINITY, Log.of32(0f));
        assertEquals(NAN, Log.of32(-1f));
        assertEquals(0f, Log.of32(1f));
        assertEquals(2.3025851f, Log.of32(10f)); // np.log(np.float32(10))
        assertEquals(INF, Log.of32(INF));
        assertEquals(NAN, Log.of32(NAN));
    }

    @Test
    void theOneEMinus12GuardIsFloat32AndVanishesNextToAnyRealValue() {
        float tiny = Arith32.scalar(1e-12);
        assertEquals(1e-12f, tiny);
        assertNotEquals(1e-12, (double) (0f + tiny));
        assertEquals(1f, 1f + tiny);
        assertEquals(1000f, 1000f + tiny);
        assertEquals(INF, 1f / (0f + 0f), "a guard left out: division by zero is inf, not an exception");
    }

    @Test
    void float32RoundingMatchesQlibBinFiles() {
        double[] rounded = new double[3];
        Float32.round(new double[] {123_456_789, Double.NaN, 0.1}, rounded, 3);
        assertEquals(123_456_792.0, rounded[0], "volumes above 2^24 lose integer precision in float32");
        assertEquals(Double.NaN, rounded[1]);
        assertEquals((double) 0.1f, rounded[2]);
    }
}
