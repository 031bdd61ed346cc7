package io.quantmini.ingest;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quantmini.bronze.BronzeDayWriter;
import io.quantmini.bronze.BronzeReader;
import io.quantmini.bronze.BronzeSplits;
import io.quantmini.bronze.DatasetSchema;
import io.quantmini.bronze.TickerBarsPatch;
import io.quantmini.lake.DayFileCache;
import io.quantmini.lake.DayFiles;
import io.quantmini.lake.LakeLayout;
import io.quantmini.lake.ParquetColumns;
import io.quantmini.parallel.ParallelFor;
import io.quantmini.text.Plural;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Finds the bronze days of a split-adjusted dataset whose bars are on a share basis that a later split changed.
 *
 * <p>Polygon's {@code adjusted=true} bars are adjusted for the splits it knows when it answers. A day fetched before
 * a split of one of its tickers took effect holds that ticker's bars on the old basis (a 1-for-4 split leaves them
 * four times too high), and Polygon's answer for that day has changed since: the day is stale, and fetching it again
 * brings the whole history of the ticker onto one basis. When Polygon starts to adjust for a split is not
 * documented to the hour, so a day counts as adjusted for a split only when it was received from the day after the
 * execution date on (market time): a day received on the execution date itself is fetched once more, which costs a
 * request and never leaves wrong bars. A split Polygon reported late (its day's splits held it only when fetched
 * again: {@code quantmini.first_seen}, bronze.RefetchedDay) counts from when the lake first saw it, if that is later:
 * Polygon had not re-adjusted the bars before it knew the split. A split Polygon withdrew (two fetches of its day
 * lacked it) counts as a change of basis from the first fetch that lacked it: bars fetched before then may be adjusted
 * for it, and Polygon no longer adjusts for it.
 *
 * <p>When a day was received is its footer's {@link BronzeDayWriter#META_RECEIVED_AT}; files written before that key
 * existed use their modification time, the moment they were written, right after their pages arrived. A ticker
 * whose row came from a later per-ticker response ({@link TickerBarsPatch#META_REBASED}) counts from that response.
 * The splits are those in the {@code splits} bronze dataset ({@link BronzeSplits};
 * {@code quantmini data ingest -t splits}).
 *
 * <p>Every incremental run checks the whole history, and the schedule's does too: what the check reads of a day file,
 * of either dataset, is kept in {@link #CACHE} in its bronze folder ({@link DayFileCache}), so that a run opens only
 * the files written since the last, instead of two small Parquet files per day of the history.
 */
final class SplitBasis {

    /** What the check read of each day file of a dataset (its splits, or when its bars were fetched). */
    static final String CACHE = "_split_check";
    /** The version of what {@link #CACHE} keeps of a splits day: 1 from when it kept withdrawn splits too. */
    static final int SPLITS_CACHE_VERSION = 1;
    /** The footer entries that say when a day's bars were fetched ({@link #fetched}). */
    private static final List<String> FETCH_TIMES = List.of(BronzeDayWriter.META_RECEIVED_AT,
            TickerBarsPatch.META_REBASED);

    /**
     * A change of a ticker's share basis on {@code executionDate}: a split Polygon reported (the ticker trades on the
     * new share count from then on) or withdrew. {@code changedAt}: when the lake saw a split reported late (its day
     * held it only when fetched again) or withdrawn; else null.
     */
    record Split(String ticker, LocalDate executionDate, Instant changedAt) {
        Split(String ticker, LocalDate executionDate) {
            this(ticker, executionDate, null);
        }
    }

    private final LakeLayout lake;
    private final ZoneId market;
    /** By execution date. */
    private final List<Split> splits;

    private SplitBasis(LakeLayout lake, ZoneId market, List<Split> splits) {
        this.lake = lake;
        this.market = market;
        this.splits = splits.stream().sorted(Comparator.comparing(Split::executionDate)).toList();
    }

    /** What the cache of the splits dataset keeps of a split ({@link BronzeSplits.DaySplits}), dates as ISO text. */
    record CachedSplit(String ticker, String executionDate, State state, String firstSeen, String withdrawnAt) {

        /** Held by its day file; lacked by one answer of it; withdrawn. */
        enum State { REPORTED, PENDING, WITHDRAWN }

        /** The splits of one day file. */
        static List<CachedSplit> of(BronzeSplits.DaySplits day) {
            List<CachedSplit> splits = new ArrayList<>();
            day.reported().forEach(split -> splits.add(new CachedSplit(split.ticker(),
                    split.executionDate().toString(), State.REPORTED, text(split.firstSeen()), null)));
            day.pending().forEach(pending -> splits.add(new CachedSplit(pending.split().ticker(),
                    pending.split().executionDate().toString(), State.PENDING, text(pending.split().firstSeen()),
                    pending.withdrawnAt().toString())));
            day.withdrawn().forEach(split -> splits.add(new CachedSplit(split.ticker(),
                    split.executionDate().toString(), State.WITHDRAWN, null, split.withdrawnAt().toString())));
            return splits;
        }

        private static String text(Instant instant) {
            return instant == null ? null : instant.toString();
        }

        /**
         * The change of basis: a split held, or lacked once but not moved, from its execution date (or when it was
         * seen, if late); one withdrawn, or lacked once and moved to another date, from the first answer without it.
         */
        Split split(Map<String, List<LocalDate>> reportedDates) {
            String changedAt = state == State.WITHDRAWN || moved(reportedDates) ? withdrawnAt : firstSeen;
            return new Split(ticker, LocalDate.parse(executionDate),
                    changedAt == null ? null : Instant.parse(changedAt));
        }

        /** Lacked by one answer, and reported under another date nearby ({@link BronzeSplits#dateMoved}). */
        boolean moved(Map<String, List<LocalDate>> reportedDates) {
            return state == State.PENDING && BronzeSplits.dateMoved(ticker, LocalDate.parse(executionDate),
                    reportedDates);
        }
    }

    /** The splits in the lake's {@code splits} bronze dataset, reported and withdrawn. */
    static SplitBasis of(LakeLayout lake, ZoneId market) throws IOException {
        Collection<List<CachedSplit>> days = cachedSplits(lake).values();
        Map<String, List<LocalDate>> reportedDates = reportedDates(days);
        List<Split> splits = new ArrayList<>();
        days.forEach(day -> day.forEach(split -> splits.add(split.split(reportedDates))));
        return new SplitBasis(lake, market, splits);
    }

    /**
     * The days of the splits dataset whose file holds a split one answer lacked and no second answer has confirmed
     * withdrawn (nor its date moved): a day the schedule's recheck no longer covers would leave it so for good.
     */
    static NavigableSet<LocalDate> awaitingConfirmation(LakeLayout lake) throws IOException {
        NavigableMap<LocalDate, List<CachedSplit>> days = cachedSplits(lake);
        Map<String, List<LocalDate>> reportedDates = reportedDates(days.values());
        NavigableSet<LocalDate> awaiting = new TreeSet<>();
        days.forEach((date, day) -> day.stream().filter(split -> split.state() == CachedSplit.State.PENDING
                && !split.moved(reportedDates)).findAny().ifPresent(split -> awaiting.add(date)));
        return awaiting;
    }

    /** The execution dates of the splits held, by ticker. */
    private static Map<String, List<LocalDate>> reportedDates(Collection<List<CachedSplit>> days) {
        Map<String, List<LocalDate>> reported = new HashMap<>();
        days.forEach(day -> day.stream().filter(split -> split.state() == CachedSplit.State.REPORTED)
                .forEach(split -> reported.computeIfAbsent(split.ticker(), ticker -> new ArrayList<>())
                        .add(LocalDate.parse(split.executionDate()))));
        return reported;
    }

    private static NavigableMap<LocalDate, List<CachedSplit>> cachedSplits(LakeLayout lake) throws IOException {
        Path folder = lake.bronzeDataset(BronzeSplits.DATASET);
        return new DayFileCache<>(folder, CACHE, SPLITS_CACHE_VERSION, new TypeReference<List<CachedSplit>>() { })
                .values(DayFiles.list(folder), day -> CachedSplit.of(BronzeSplits.readDay(day)));
    }

    static SplitBasis of(LakeLayout lake, ZoneId market, List<Split> splits) {
        return new SplitBasis(lake, market, splits);
    }

    /**
     * The days in {@code [from, to]} with a bronze file whose bars some split made stale, each with the tickers
     * concerned. Looks at a day's footer only if a split executed after it, and reads its tickers only if that split
     * took effect after the day was received.
     */
    NavigableMap<LocalDate, Set<String>> staleDays(String dataset, LocalDate from, LocalDate to) throws IOException {
        NavigableMap<LocalDate, Set<String>> stale = new TreeMap<>();
        if (splits.isEmpty() || from.isAfter(to)) {
            return stale;
        }
        LocalDate lastSplit = splits.get(splits.size() - 1).executionDate();
        if (!from.isBefore(lastSplit)) {
            return stale; // no split executed after any of the days: the new days of a daily run
        }
        Path folder = lake.bronzeDataset(dataset);
        NavigableMap<LocalDate, Path> days = new TreeMap<>();
        DayFiles.list(folder).subMap(from, true, to, true).forEach((day, file) -> {
            if (day.isBefore(lastSplit)) { // no split executed after a later day
                days.put(day, file);
            }
        });
        NavigableMap<LocalDate, Map<String, String>> fetchTimes = new DayFileCache<>(folder, CACHE,
                new TypeReference<Map<String, String>>() { }).values(days, SplitBasis::fetchTimes);
        SplitsAfter after = new SplitsAfter(splits, this::adjustedFrom);
        List<LocalDate> candidateDays = new ArrayList<>();
        List<Set<String>> candidates = new ArrayList<>();
        for (Map.Entry<LocalDate, Map<String, String>> day : fetchTimes.descendingMap().entrySet()) {
            after.moveTo(day.getKey());
            Fetched fetched = fetched(days.get(day.getKey()), day.getValue());
            Set<String> tickers = after.takingEffectAfter(fetched.day(), fetched::of);
            if (!tickers.isEmpty()) {
                candidateDays.add(day.getKey());
                candidates.add(tickers);
            }
        }
        AtomicReferenceArray<Set<String>> held = new AtomicReferenceArray<>(candidateDays.size());
        ParallelFor.forEach(candidateDays.size(), Runtime.getRuntime().availableProcessors(),
                i -> held.set(i, heldTickers(days.get(candidateDays.get(i)), candidates.get(i))));
        for (int i = 0; i < candidateDays.size(); i++) {
            if (!held.get(i).isEmpty()) {
                stale.put(candidateDays.get(i), held.get(i));
            }
        }
        return stale;
    }

    /**
     * The entries of {@link #FETCH_TIMES} in a day file's footer; null for a file cut short, which the planner
     * fetches again as missing.
     */
    private static Map<String, String> fetchTimes(Path dayFile) throws IOException {
        if (!DayFiles.isWholeParquet(dayFile)) {
            return null;
        }
        try (ParquetColumns day = open(dayFile)) {
            Map<String, String> footer = day.footerMetadata();
            Map<String, String> times = new TreeMap<>();
            for (String key : FETCH_TIMES) {
                if (footer.get(key) != null) {
                    times.put(key, footer.get(key));
                }
            }
            return times;
        }
    }

    /** Which of {@code tickers} a day's bars hold. */
    private static Set<String> heldTickers(Path dayFile, Set<String> tickers) throws IOException {
        try (ParquetColumns day = open(dayFile)) {
            try {
                return new TreeSet<>(BronzeReader.presentStrings(day, DatasetSchema.TICKER, tickers));
            } catch (IOException | RuntimeException e) {
                throw new IOException("cannot read the tickers of " + dayFile + ": " + e.getMessage(), e);
            }
        }
    }

    /** {@code 26 days (2024-01-02..2024-02-07), bars of AAA (26 days), BBB (3 days)}: at most ten tickers named. */
    static String describe(NavigableMap<LocalDate, Set<String>> stale) {
        Map<String, Integer> daysByTicker = new TreeMap<>();
        stale.values().forEach(tickers -> tickers.forEach(ticker -> daysByTicker.merge(ticker, 1, Integer::sum)));
        StringBuilder text = new StringBuilder().append(Plural.of(stale.size(), "day")).append(" (")
                .append(stale.firstKey()).append("..").append(stale.lastKey()).append("), bars of ");
        int named = 0;
        for (Map.Entry<String, Integer> ticker : daysByTicker.entrySet()) {
            if (named == 10) {
                return text.append(" and ").append(daysByTicker.size() - named).append(" more tickers").toString();
            }
            text.append(named++ == 0 ? "" : ", ").append(ticker.getKey()).append(" (")
                    .append(Plural.of(ticker.getValue(), "day")).append(')');
        }
        return text.toString();
    }

    /**
     * The first moment a day counts as fetched after the split took effect: midnight after its execution date, or,
     * for a split reported late or withdrawn, when the lake saw that: Polygon adjusts the bars anew once it knows,
     * so bars fetched between the two are on the basis before.
     */
    private Instant adjustedFrom(Split split) {
        Instant tookEffect = split.executionDate().plusDays(1).atStartOfDay(market).toInstant();
        return split.changedAt() != null && split.changedAt().isAfter(tookEffect) ? split.changedAt() : tookEffect;
    }

    /** When a day's bars were fetched: the day's response, and later per-ticker responses for some tickers. */
    private record Fetched(Instant day, Map<String, Instant> tickers) {
        Instant of(String ticker) {
            Instant own = tickers.get(ticker);
            return own != null && own.isAfter(day) ? own : day;
        }
    }

    private static ParquetColumns open(Path dayFile) throws IOException {
        try {
            return ParquetColumns.open(dayFile);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read the footer of " + dayFile + ": " + e.getMessage(), e);
        }
    }

    private static Fetched fetched(Path dayFile, Map<String, String> footer) throws IOException {
        String recorded = footer.get(BronzeDayWriter.META_RECEIVED_AT);
        try {
            Instant day = recorded == null ? Files.getLastModifiedTime(dayFile).toInstant() : Instant.parse(recorded);
            return new Fetched(day, TickerBarsPatch.rebased(footer));
        } catch (DateTimeParseException e) {
            throw new IOException(dayFile + ": footer " + BronzeDayWriter.META_RECEIVED_AT + " or "
                    + TickerBarsPatch.META_REBASED + " holds a time that is not an instant: " + e.getParsedString(), e);
        } catch (IllegalArgumentException e) {
            throw new IOException(dayFile + ": " + e.getMessage(), e);
        }
    }
}
