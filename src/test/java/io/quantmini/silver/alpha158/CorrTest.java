package io.quantmini.silver.alpha158;

import static io.quantmini.silver.alpha158.Series.INF;
import static io.quantmini.silver.alpha158.Series.NaN;
import static io.quantmini.silver.alpha158.Series.assertSeries;
import static io.quantmini.silver.alpha158.Series.s;

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
    }

    @Test
    void theMaskUsesEachSidesOwnRows() {
        // pairs: (1, 5), (3, 6): r = 1. a's own std over (1, 3, 3) is not flat, b's over (5, 6) is not.
        assertSeries(s(NaN, NaN, 1), Corr.of(s(1, 3, 3), s(5, NaN, 6), 3));
    }
}
