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

    /** The finite values among rows {@code max(0, i−w+1) … i} of x: what a rolling window of width w reads at row i. */
    static double[] finiteWindow(double[] x, int i, int w) {
        return java.util.stream.IntStream.rangeClosed(Math.max(0, i - w + 1), i).mapToDouble(j -> x[j])
            .filter(Double::isFinite).toArray();
    }

    static double sum(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum;
    }

    /** Two-pass sample standard deviation (ddof 1); NaN for fewer than two values. */
    static double sampleStd(double[] values) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double mean = sum(values) / values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
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
                fail("row " + i + ": expected " + e + " but was " + a + "\n expected "
                        + java.util.Arrays.toString(expected)
                    + "\n actual   " + java.util.Arrays.toString(actual));
            }
        }
    }
}
