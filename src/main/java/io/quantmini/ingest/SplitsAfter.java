package io.quantmini.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The splits executed after a day, for a check that goes through the days latest first: each ticker with the latest
 * moment one of its splits after the day took effect, the tickers kept in the order of that moment. A ticker's bars
 * fetched before its moment may be on an old basis; a day finds those tickers among the ones whose moment is after
 * its bars were fetched, without going through every split of the history (in a lake fetched after its splits took
 * effect, there are none).
 */
final class SplitsAfter {

    /** Latest execution date first. */
    private final List<SplitBasis.Split> splits;
    private final Function<SplitBasis.Split, Instant> tookEffect;
    /** How many of {@link #splits} are taken in: those executed after the day. */
    private int taken;
    private final Map<String, Instant> latestByTicker = new HashMap<>();
    private final TreeMap<Instant, Set<String>> tickersByLatest = new TreeMap<>();

    /** @param tookEffect the first moment bars count as adjusted for a split ({@link SplitBasis}) */
    SplitsAfter(List<SplitBasis.Split> splits, Function<SplitBasis.Split, Instant> tookEffect) {
        this.splits = splits.stream().sorted(Comparator.comparing(SplitBasis.Split::executionDate).reversed()).toList();
        this.tookEffect = tookEffect;
    }

    /** Moves to {@code day}, taking in the splits executed after it: each call's day is before the last one's. */
    void moveTo(LocalDate day) {
        for (; taken < splits.size() && splits.get(taken).executionDate().isAfter(day); taken++) {
            SplitBasis.Split split = splits.get(taken);
            Instant effect = tookEffect.apply(split);
            Instant latest = latestByTicker.get(split.ticker());
            if (latest != null && !effect.isAfter(latest)) {
                continue;
            }
            if (latest != null) {
                Set<String> tickers = tickersByLatest.get(latest);
                tickers.remove(split.ticker());
                if (tickers.isEmpty()) {
                    tickersByLatest.remove(latest);
                }
            }
            latestByTicker.put(split.ticker(), effect);
            tickersByLatest.computeIfAbsent(effect, moment -> new TreeSet<>()).add(split.ticker());
        }
    }

    /**
     * The tickers one of whose splits after the day took effect after their bars were fetched ({@code fetched}, by
     * ticker, never before {@code fetchedEarliest}), whether or not the day holds them.
     */
    Set<String> takingEffectAfter(Instant fetchedEarliest, Function<String, Instant> fetched) {
        Set<String> tickers = new TreeSet<>();
        for (Set<String> later : tickersByLatest.tailMap(fetchedEarliest, false).values()) {
            for (String ticker : later) {
                if (fetched.apply(ticker).isBefore(latestByTicker.get(ticker))) {
                    tickers.add(ticker);
                }
            }
        }
        return tickers;
    }
}
