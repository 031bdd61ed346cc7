package io.quantmini.ingest;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SplitsAfterTest {

    private static final LocalDate START = LocalDate.of(2024, 3, 4);

    /** The day after the execution date, or a later sighting (late, withdrawn): as the split check counts them. */
    private static final Function<SplitBasis.Split, Instant> TOOK_EFFECT = split -> {
        Instant midnightAfter = split.executionDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return split.changedAt() != null && split.changedAt().isAfter(midnightAfter) ? split.changedAt()
                : midnightAfter;
    };

    private static Instant at(int day, int hour) {
        return START.plusDays(day).atStartOfDay(ZoneOffset.UTC).plusHours(hour).toInstant();
    }

    @Test
    void aDayFindsTheTickersWhoseSplitAfterItTookEffectAfterTheirBarsWereFetched() {
        List<SplitBasis.Split> splits = List.of(
                new SplitBasis.Split("AAA", START.plusDays(3)),                  // effect: day 4, 00:00
                new SplitBasis.Split("BBB", START.plusDays(1)),                  // effect: day 2, 00:00
                new SplitBasis.Split("BBB", START, at(6, 9)),                    // reported late: day 6, 09:00
                new SplitBasis.Split("CCC", START.plusDays(5)));                 // effect: day 6, 00:00
        SplitsAfter after = new SplitsAfter(splits, TOOK_EFFECT);
        Map<String, Instant> rebased = Map.of("AAA", at(4, 12));
        Function<String, Instant> fetched = ticker -> rebased.getOrDefault(ticker, at(3, 21));

        after.moveTo(START.plusDays(4));
        assertEquals(Set.of("CCC"), after.takingEffectAfter(at(3, 21), fetched));
        after.moveTo(START.plusDays(2));
        assertEquals(Set.of("CCC"), after.takingEffectAfter(at(3, 21), fetched), "AAA's bars came after its split");
        after.moveTo(START);
        assertEquals(Set.of("CCC"), after.takingEffectAfter(at(3, 21), fetched), "BBB's split was on time");
        after.moveTo(START.minusDays(1));
        assertEquals(Set.of("BBB", "CCC"), after.takingEffectAfter(at(3, 21), fetched), "BBB's was reported late");
    }

    /** What the check found before it kept the splits by ticker: every split after the day, one by one. */
    private static Set<String> everySplit(List<SplitBasis.Split> splits, LocalDate day,
                                          Function<String, Instant> fetched) {
        Set<String> tickers = new TreeSet<>();
        for (SplitBasis.Split split : splits) {
            boolean after = split.executionDate().isAfter(day);
            if (after && fetched.apply(split.ticker()).isBefore(TOOK_EFFECT.apply(split))) {
                tickers.add(split.ticker());
            }
        }
        return tickers;
    }

    @Test
    void itFindsWhatGoingThroughEverySplitFinds() {
        Random random = new Random(7);
        List<String> tickers = List.of("AAA", "BBB", "CCC", "DDD", "EEE");
        for (int round = 0; round < 300; round++) {
            List<SplitBasis.Split> splits = new ArrayList<>();
            for (int s = random.nextInt(12); s > 0; s--) {
                splits.add(new SplitBasis.Split(tickers.get(random.nextInt(tickers.size())),
                        START.plusDays(random.nextInt(20)), random.nextBoolean() ? null : at(random.nextInt(25), 9)));
            }
            SplitsAfter after = new SplitsAfter(splits, TOOK_EFFECT);
            for (int day = 21; day >= -1; day -= 1 + random.nextInt(3)) {
                after.moveTo(START.plusDays(day));
                Instant dayFetched = at(day + random.nextInt(8), random.nextInt(24));
                Map<String, Instant> rebased = new HashMap<>();
                if (random.nextBoolean()) {
                    rebased.put(tickers.get(random.nextInt(tickers.size())), at(day + random.nextInt(25), 12));
                }
                Function<String, Instant> fetched = ticker -> {
                    Instant own = rebased.get(ticker);
                    return own != null && own.isAfter(dayFetched) ? own : dayFetched;
                };
                assertEquals(everySplit(splits, START.plusDays(day), fetched),
                        after.takingEffectAfter(dayFetched, fetched), "round " + round + ", day " + day);
            }
        }
    }
}
