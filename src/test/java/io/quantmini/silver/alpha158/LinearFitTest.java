package io.quantmini.silver.alpha158;

import static io.quantmini.silver.alpha158.Series.NaN;
import static io.quantmini.silver.alpha158.Series.assertSeries;
import static io.quantmini.silver.alpha158.Series.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Slope, Rsquare, Resi: Qlib's Cython kernels. */
class LinearFitTest {
    // y = 1, 2, 4 at x = 1, 2, 3: slope 1.5, intercept -2/3, today's fit 23/6, r² = 9 / (2 · 42/9)
    @Test
    void slopeResiAndRsquareOfAHandComputedFit() {
        assertSeries(s(NaN, 1, 1.5), Slope.of(s(1, 2, 4), 3));
        assertSeries(s(NaN, 0, 4 - 23.0 / 6), Resi.of(s(1, 2, 4), 3));
        assertSeries(s(NaN, 1, 81.0 / 84), Rsquare.of(s(1, 2, 4), 3));
    }

    @Test
    void slopeSkipsNaNButKeepsPositionsAndResiIsNaNWhenTodayIsNaN() {
        // window rows 0..2 at x = 1, 2, 3; only (1, 1) and (2, 3) are points
        assertSeries(s(NaN, 2, 2), Slope.of(s(1, 3, NaN), 3));
        assertSeries(s(NaN, 0, NaN), Resi.of(s(1, 3, NaN), 3));
        // (1, 1) and (3, 5): a gap keeps x = 3 for today, slope 2, not 4
        assertSeries(s(NaN, NaN, 2), Slope.of(s(1, NaN, 5), 3));
        assertEquals(0.0, Resi.of(s(1, NaN, 5), 3)[2], 1e-12);
    }

    @Test
    void windowSlidesAndOldValuesLeave() {
        // rows 1..3 = 2, 4, 8 at x = 1..3: slope 3
        assertSeries(s(NaN, 1, 1.5, 3), Slope.of(s(1, 2, 4, 8), 3));
    }

    @Test
    void rsquareIsNaNOnFlatWindowsWhereSlopeAndResiAreZero() {
        assertSeries(s(NaN, NaN, NaN), Rsquare.of(s(5, 5, 5), 3));
        assertSeries(s(NaN, 0, 0), Slope.of(s(5, 5, 5), 3));
        assertSeries(s(NaN, 0, 0), Resi.of(s(5, 5, 5), 3));
        // std of (1, 1 + 2e-5) is 1.4e-5 <= 2e-5: masked; (1, 1.001) is not
        assertSeries(s(NaN, NaN), Rsquare.of(s(1, 1 + 2e-5), 3));
        // Qlib's uncentred sums give 1 - 1.4e-10 here, not exactly 1
        assertSeries(s(NaN, 1), Rsquare.of(s(1, 1.001), 3), 1e-9);
        assertSeries(s(NaN, 1), Rsquare.of(s(50, 51), 3));
    }
}
