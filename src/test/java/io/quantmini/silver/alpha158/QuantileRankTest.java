package io.quantmini.silver.alpha158;

import static io.quantmini.silver.alpha158.Series.INF;
import static io.quantmini.silver.alpha158.Series.NaN;
import static io.quantmini.silver.alpha158.Series.assertSeries;
import static io.quantmini.silver.alpha158.Series.s;

import org.junit.jupiter.api.Test;

class QuantileRankTest {
    @Test
    void quantileInterpolatesLinearlyBetweenSortedValues() {
        assertSeries(s(1, 1.8, 2.6, 3.4, 4.2, 5.2), Quantile.of(s(1, 2, 3, 4, 5, 6), 5, 0.8));
        assertSeries(s(5, 4.2, 3.4, 2.6, 1.8), Quantile.of(s(5, 4, 3, 2, 1), 5, 0.2));
        assertSeries(s(NaN, 4, 3, 3), Quantile.of(s(NaN, 4, 2, INF), 3, 0.5));
    }

    @Test
    void rankIsTheAverageRankPercentileOfToday() {
        assertSeries(s(1, 1, 2.5 / 3, 1.0 / 3, NaN), Rank.of(s(1, 2, 2, 0, NaN), 3));
        assertSeries(s(NaN, 1, 0.5), Rank.of(s(NaN, 3, 1), 3));
        assertSeries(s(1, 0.75, 4.0 / 6), Rank.of(s(5, 5, 5), 3));
    }
}
