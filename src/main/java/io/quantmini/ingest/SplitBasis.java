package io.quantmini.ingest;

import io.quantmini.bronze.BronzeDayWriter;
import io.quantmini.bronze.BronzeReader;
import io.quantmini.bronze.BronzeSplits;
import io.quantmini.bronze.DatasetSchema;
import io.quantmini.bronze.TickerBarsPatch;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
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
 * again: {@code quantmini.first_seen}, bronze.RefetchedDay) counts from when the lake first saw it, if that is later: Polygon
 * had not re-adjusted the bars before it knew the split.
 *
 * <p>When a day was received is its footer's {@link BronzeDayWriter#META_RECEIVED_AT}; files written before that key
 * existed use their modification time, the moment they were written, right after their pages arrived. A ticker
 * whose row came from a later per-ticker response ({@link TickerBarsPatch#META_REBASED}) counts from that response.
 * The splits are those in the {@code splits} bronze dataset ({@link BronzeSplits}; {@code quantmini data ingest -t splits}).
 */
final class SplitBasis {

    /**
     * A split Polygon reported: from {@code executionDate} on, the ticker trades on the new share count.
     * {@code firstSeen}: when the lake first saw a split reported late (its day held it only when fetched again), else
     * null.
     */
    record Split(String ticker, LocalDate executionDate, Instant firstSeen) {
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

    /** The splits in the lake's {@code splits} bronze dataset. */
    static SplitBasis of(LakeLayout lake, ZoneId market) throws IOException {
        return new SplitBasis(lake, market, BronzeSplits.read(lake).stream()
                .map(row -> new Split(row.ticker(), row.executionDate(), row.firstSeen())).toList());
    }

    static SplitBasis of(LakeLayout lake, ZoneId market, List<Split> splits) {
        return new SplitBasis(lake, market, splits);
    }

    /**
     * The days in {@code [from, to]} with a bronze file whose bars some split made stale, each with the tickers
     * concerned. Reads a day's footer only if a split executed after it, and its tickers only if that split took
     * effect after the day was received.
     */
    NavigableMap<LocalDate, Set<String>> staleDays(String dataset, LocalDate from, LocalDate to) throws IOException {
        NavigableMap<LocalDate, Set<String>> stale = new TreeMap<>();
        if (splits.isEmpty() || from.isAfter(to)) {
            return stale;
        }
        LocalDate lastSplit = splits.get(splits.size() - 1).executionDate();
        List<Map.Entry<LocalDate, Path>> days = DayFiles.list(lake.bronzeDataset(dataset)).subMap(from, true, to, true)
                .entrySet().stream()
                .filter(day -> day.getKey().isBefore(lastSplit)) // no split executed after a later day
                .filter(day -> DayFiles.isWholeParquet(day.getValue())) // cut short: fetched again as missing
                .toList();
        AtomicReferenceArray<Set<String>> tickers = new AtomicReferenceArray<>(days.size());
        ParallelFor.forEach(days.size(), Runtime.getRuntime().availableProcessors(),
                i -> tickers.set(i, staleTickers(days.get(i).getKey(), days.get(i).getValue())));
        for (int i = 0; i < days.size(); i++) {
            if (!tickers.get(i).isEmpty()) {
                stale.put(days.get(i).getKey(), tickers.get(i));
            }
        }
        return stale;
    }

    /** The tickers of one bronze day whose bars a split made stale; reads the tickers only if a split may have. */
    private Set<String> staleTickers(LocalDate date, Path dayFile) throws IOException {
        try (ParquetColumns day = open(dayFile)) {
            Fetched fetched = fetched(dayFile, day.footerMetadata());
            Set<String> candidates = new TreeSet<>();
            for (Split split : splits) {
                if (split.executionDate().isAfter(date) && fetched.of(split.ticker()).isBefore(adjustedFrom(split))) {
                    candidates.add(split.ticker());
                }
            }
            if (candidates.isEmpty()) {
                return candidates;
            }
            try {
                return new TreeSet<>(BronzeReader.presentStrings(day, DatasetSchema.TICKER, candidates));
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
     * for a split reported late, when the lake first saw it: Polygon re-adjusts the bars once it knows the split, so
     * bars fetched between the two are on the old basis.
     */
    private Instant adjustedFrom(Split split) {
        Instant tookEffect = split.executionDate().plusDays(1).atStartOfDay(market).toInstant();
        return split.firstSeen() != null && split.firstSeen().isAfter(tookEffect) ? split.firstSeen() : tookEffect;
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
        }
    }
}
