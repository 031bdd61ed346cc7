package io.quantmini.silver.alpha158;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Test helpers: short series literals and element-wise assertions that treat NaN as a value. */
final class Series {
    static final double NaN = Double.NaN;
    static final double INF = Double.POSITIVE_INFINITY;

    private Series() {
    }

    static double[] s(double... v) {
        return v;
    }

    static void assertSeries(double[] expected, double[] actual) {
        assertSeries(expected, actual, 1e-12);
    }

    static void assertSeries(double[] expected, double[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean ok = Double.isNaN(e) ? Double.isNaN(a)
                : Double.isInfinite(e) ? a == e
                : Math.abs(a - e) <= tolerance;
            if (!ok) {
                fail("row " + i + ": expected " + e + " but was " + a + "\n expected " + java.util.Arrays.toString(expected)
                    + "\n actual   " + java.util.Arrays.toString(actual));
            }
        }
    }
}
