package io.quantmini.silver.alpha158;

import static io.quantmini.silver.alpha158.Series.INF;
import static io.quantmini.silver.alpha158.Series.NaN;
import static io.quantmini.silver.alpha158.Series.assertSeries;
import static io.quantmini.silver.alpha158.Series.s;

import org.junit.jupiter.api.Test;

/** Max, Min, IdxMax, IdxMin. */
class ExtremesTest {
    @Test
    void maxAndMinSkipNaNAndInfinities() {
        assertSeries(s(1, 1, 3, 3, 2), Max.of(s(1, NaN, 3, 2, 2), 2));
        assertSeries(s(NaN, 2, 2, 5), Min.of(s(INF, 2, Double.NEGATIVE_INFINITY, 5), 2));
        assertSeries(s(5, NaN), Max.of(s(5, NaN), 1));
    }

    @Test
    void idxMaxIsOneBasedFromTheOldestRowAndTiesGoToTheEarliest() {
        assertSeries(s(1, 2, 2, 1, 3), IdxMax.of(s(1, 3, 3, 2, 4), 3));
        assertSeries(s(1, 2, 1, 2), IdxMin.of(s(3, 1, 2, 0), 2));
        assertSeries(s(1, 1, 1, 1), IdxMax.of(s(7, 7, 7, 7), 3));
    }

    @Test
    void earlyRowsCountFromTheSeriesStart() {
        // row 1 has a 2-row window: today is position 2, not N
        assertSeries(s(1, 2, 3), IdxMax.of(s(1, 2, 3), 60));
    }

    @Test
    void aNaNOrInfinityInTheWindowWinsLikeNumpyArgmax() {
        assertSeries(s(1, 2, 2, 1, 3), IdxMax.of(s(1, NaN, 5, 2, 9), 3));
        assertSeries(s(1, 2, 2), IdxMin.of(s(1, INF, 0), 3));
        // row 0's window is all NaN (fails min_periods); row 2's window [NaN, 4] points at the NaN
        assertSeries(s(NaN, NaN, 1), IdxMax.of(s(NaN, NaN, 4), 2));
        // the series' first row is the hole
        assertSeries(s(NaN, 1, 1, 1), IdxMax.of(s(NaN, 5, 3, 1), 3));
    }
}
