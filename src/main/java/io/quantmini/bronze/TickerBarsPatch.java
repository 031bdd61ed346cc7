package io.quantmini.bronze;

import io.quantmini.lake.AtomicFiles;
import io.quantmini.lake.FooterKeys;
import io.quantmini.lake.LakeLayout;
import io.quantmini.lake.ParquetColumns;
import io.quantmini.landing.LandingPage;
import io.quantmini.parallel.ParallelFor;
import io.quantmini.text.Printable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Puts tickers' bars from later per-ticker responses into the bronze days that hold their older bars: a split
 * made those stale, and Polygon's per-ticker answer carries them on the new share basis. One request per ticker
 * instead of one per day of its history.
 *
 * <p>Each day file is read back once, whatever the number of tickers patching it: their rows take the new bars'
 * values (every other row is kept as it was), and the day is written again atomically. The footer adds the per-ticker
 * landing file to the lineage and records the ticker in {@link #META_REBASED} with the moment the bars arrived, which
 * is when they count as fetched from then on. A day for which the response has no valid bar of the ticker loses the
 * old-basis row to the day's rejects, rule {@code split_basis}, with the row as it was: nothing is kept on the wrong
 * basis, and nothing is dropped unseen.
 */
public final class TickerBarsPatch {

    /**
     * {@code TICKER=instant;...}: tickers whose row in a day came from a later per-ticker response, and when. A
     * ticker's own {@code %}, {@code ;} and {@code =} are written {@code %25}, {@code %3B}, {@code %3D}: a ticker
     * {@code A;B} written as it is made the footer unreadable, and every later run of the dataset failed on it.
     */
    public static final String META_REBASED = "quantmini.rebased";

    private final LakeLayout lake;
    private final DatasetSchema schema;
    private final DayValidator validator;

    public TickerBarsPatch(LakeLayout lake, DatasetSchema schema) {
        this.lake = Objects.requireNonNull(lake, "lake");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.validator = new DayValidator(schema);
    }

    /**
     * The tickers a day's footer lists in {@link #META_REBASED}, with when their rows arrived.
     *
     * @throws IllegalArgumentException an entry is not {@code TICKER=instant} (the message says which)
     * @throws java.time.format.DateTimeParseException an entry's time is not an instant
     */
    public static Map<String, Instant> rebased(Map<String, String> footer) {
        Map<String, Instant> rebased = new TreeMap<>();
        String text = footer.get(META_REBASED);
        if (text != null && !text.isEmpty()) {
            for (String entry : text.split(";")) {
                int eq = entry.lastIndexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("footer " + META_REBASED + " has an entry that is not"
                            + " TICKER=instant: " + Printable.quoted(entry));
                }
                rebased.put(unescape(entry.substring(0, eq)), Instant.parse(entry.substring(eq + 1)));
            }
        }
        return rebased;
    }

    /** A ticker as {@link #META_REBASED} writes it: its own separators escaped. */
    static String escape(String ticker) {
        return ticker.replace("%", "%25").replace(";", "%3B").replace("=", "%3D");
    }

    /** The ticker {@link #escape} wrote (a footer written before escaping holds no {@code %3B}: read as it is). */
    static String unescape(String written) {
        return written.indexOf('%') < 0 ? written
                : written.replace("%3B", ";").replace("%3D", "=").replace("%25", "%");
    }

    /** One ticker's decoded per-ticker response (same columns as the dataset), and the days to patch from it. */
    public record TickerBars(String ticker, DayDecoding bars, List<LocalDate> days) {
    }

    /** A ticker's change to one day: its new bar's row in {@code bars}, or null to set the old bar aside. */
    private record Change(String ticker, DayDecoding bars, Integer barRow, Instant arrived, List<String> sourceFiles,
                          List<String> requestIds) {
    }

    /** A ticker whose stale days keep their old bars, since its answer had none to patch them with. */
    public record LeftAlone(List<LocalDate> days, String reason) {
    }

    /** A ticker whose answer lacked a valid bar on some of its stale days: their old bars went to the rejects. */
    public record SetAside(String ticker, List<LocalDate> days) {
    }

    /** What {@link #apply} did not patch: the tickers left alone, and the days whose old bars were set aside. */
    public record Outcome(List<LeftAlone> leftAlone, List<SetAside> setAside) {
    }

    /**
     * Replaces each ticker's row in each of its days that has a bronze file holding it with its bar from its
     * response. Every day is read and written once, whatever the number of tickers patching it; days are patched
     * {@code threads} at a time.
     *
     * <p>A ticker whose response has no valid bar on any of its days is left alone rather than emptied: the
     * per-ticker endpoint may not know a symbol that the grouped days did (a renamed or recycled ticker), and
     * fetching those days again whole is then the way.
     *
     * @param onDay    called with each day written, from the patching threads
     * @param onFailed called with each day that could not be patched and why; the other days go on
     * @return each ticker left alone, with its days and why, and each ticker with days whose old bar was set aside
     */
    public Outcome apply(List<TickerBars> patches, int threads, Consumer<BronzeDayResult> onDay,
                                 BiConsumer<LocalDate, Exception> onFailed) throws IOException {
        Map<LocalDate, List<Change>> byDay = new TreeMap<>();
        List<LeftAlone> leftAlone = new ArrayList<>();
        for (TickerBars patch : patches) {
            Map<LocalDate, Change> changes = changes(patch);
            if (changes.values().stream().allMatch(change -> change.barRow() == null)) {
                leftAlone.add(new LeftAlone(patch.days(), patch.ticker() + ": its per-ticker answer has no valid bar"
                        + " on any of its " + patch.days().size() + " stale days (" + patch.days().get(0) + ".."
                        + patch.days().get(patch.days().size() - 1) + "), which stay as they are; fetch them again "
                        + "whole (data ingest without --incremental over those days)"));
                continue;
            }
            for (Map.Entry<LocalDate, Change> change : changes.entrySet()) {
                byDay.computeIfAbsent(change.getKey(), d -> new ArrayList<>()).add(change.getValue());
            }
        }
        List<LocalDate> days = List.copyOf(byDay.keySet());
        Map<String, Set<LocalDate>> setAside = new ConcurrentHashMap<>();
        ParallelFor.forEach(days.size(), threads, i -> {
            LocalDate day = days.get(i);
            Path file = lake.bronzeDayFile(schema.name(), day);
            try {
                BronzeDayResult result = Files.exists(file) ? patchDay(file, day, byDay.get(day), setAside) : null;
                if (result != null) {
                    onDay.accept(result);
                }
            } catch (IOException | RuntimeException e) {
                onFailed.accept(day, e);
            }
        });
        List<SetAside> tickersSetAside = new ArrayList<>();
        new TreeMap<>(setAside).forEach((ticker, tickerDays) ->
                tickersSetAside.add(new SetAside(ticker, tickerDays.stream().sorted().toList())));
        return new Outcome(leftAlone, tickersSetAside);
    }

    /** A ticker's change to each of its days. */
    private Map<LocalDate, Change> changes(TickerBars patch) {
        DayDecoding bars = patch.bars();
        String differ = schema.columnsDifferFrom(bars.schema());
        if (differ != null) {
            throw new IllegalArgumentException("the per-ticker bars of " + patch.ticker() + " cannot patch "
                    + schema.name() + ": " + differ);
        }
        List<LandingPage> pages = bars.pages();
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("no per-ticker response for " + patch.ticker());
        }
        Instant arrived = pages.stream().map(LandingPage::receivedAt).filter(Objects::nonNull)
                .min(Instant::compareTo).orElseThrow(() -> new IllegalArgumentException(
                        "the per-ticker response for " + patch.ticker() + " has no arrival time"));
        List<String> sourceFiles = pages.stream().map(page -> BronzeDayWriter.relativeToRoot(lake, page)).toList();
        List<String> requestIds = pages.stream().map(LandingPage::requestId).toList();
        // a bar that fails the dataset's rules is no bar: its day sets the old one aside (the bar stays in landing)
        int[] valid = validator.validate(bars.rows(), new ArrayList<>(bars.rejects()), sourceFiles);
        Map<Integer, Integer> barByDay = new HashMap<>();
        int dateColumn = schema.columnNames().indexOf("date");
        for (int row : valid) {
            barByDay.put(bars.rows().getInt(dateColumn, row), row);
        }
        Map<LocalDate, Change> changes = new TreeMap<>();
        for (LocalDate day : patch.days()) {
            changes.put(day, new Change(patch.ticker(), bars, barByDay.get((int) day.toEpochDay()), arrived,
                    sourceFiles, requestIds));
        }
        return changes;
    }

    /**
     * The day with the tickers' rows replaced (or set aside); null when the day has no row of any of them. Each
     * ticker whose row was set aside gets the day in {@code setAside}, once the day is written.
     */
    private BronzeDayResult patchDay(Path file, LocalDate day, List<Change> changes,
                                     Map<String, Set<LocalDate>> setAside) throws IOException {
        DayRows rows;
        Map<String, String> footer;
        try (ParquetColumns stored = ParquetColumns.open(file)) {
            rows = BronzeReader.readRows(stored, schema);
            footer = new LinkedHashMap<>(stored.footerMetadata());
        }
        Map<String, Change> byTicker = new HashMap<>();
        changes.forEach(change -> byTicker.put(change.ticker(), change));
        int tickerColumn = schema.columnNames().indexOf(DatasetSchema.TICKER);
        List<Integer> setAsideRows = new ArrayList<>();
        Set<Change> applied = new LinkedHashSet<>();
        int[] order = new int[rows.size()]; // the day's rows keep their order: a replaced row has the same key
        int kept = 0;
        for (int row = 0; row < rows.size(); row++) {
            Change change = byTicker.get(rows.getString(tickerColumn, row));
            if (change != null) {
                applied.add(change);
                if (change.barRow() == null) {
                    setAsideRows.add(row);
                    continue;
                }
                rows.copyRow(row, change.bars().rows(), change.barRow(), keptColumns(change.bars().schema()));
            }
            order[kept++] = row;
        }
        if (applied.isEmpty()) {
            return null;
        }
        int[] written = Arrays.copyOf(order, kept);
        Map<String, Instant> rebased = rebased(footer);
        // Each source once: a ticker patched again from the same request (its landing file) does not grow the footer.
        Set<String> sources = listed(footer, FooterKeys.SOURCE_FILES);
        Set<String> requests = listed(footer, FooterKeys.REQUEST_IDS);
        for (Change change : applied) {
            sources.addAll(change.sourceFiles());
            requests.addAll(change.requestIds());
            rebased.put(change.ticker(), change.arrived());
        }
        footer.put(FooterKeys.SOURCE_FILES, String.join(",", sources));
        footer.put(FooterKeys.REQUEST_IDS, String.join(",", requests));
        footer.put(FooterKeys.ROW_COUNT, Integer.toString(written.length));
        StringBuilder text = new StringBuilder();
        rebased.forEach((t, at) -> text.append(text.length() == 0 ? "" : ";").append(escape(t)).append('=')
                .append(BronzeDayWriter.formatInstant(at)));
        footer.put(META_REBASED, text.toString());
        // Rejects first, as BronzeDayWriter does: a run killed in between patches the day again (its footer is not
        // rebased yet), and the rejects' lines already there are not added twice.
        if (!setAsideRows.isEmpty()) {
            appendRejects(day, rows, setAsideRows, tickerColumn, byTicker);
        }
        AtomicFiles.write(file, temp -> ParquetDayFile.write(temp, schema, rows, written, footer));
        for (int row : setAsideRows) {
            setAside.computeIfAbsent(rows.getString(tickerColumn, row), t -> ConcurrentHashMap.newKeySet()).add(day);
        }
        return new BronzeDayResult(day, written.length, setAsideRows.size(), file);
    }

    /** Per column of the day, whether a bar decoded with {@code bars} leaves it as the day had it. */
    private boolean[] keptColumns(DatasetSchema bars) {
        boolean[] kept = new boolean[schema.columnNames().size()];
        for (String column : bars.keepsDayColumns()) {
            kept[schema.columnNames().indexOf(column)] = true;
        }
        return kept;
    }

    private void appendRejects(LocalDate day, DayRows rows, List<Integer> setAside, int tickerColumn,
                               Map<String, Change> byTicker) throws IOException {
        Path rejects = lake.rejectsDayFile(schema.name(), day);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // A row set aside once is not added again by a redo (after a kill, the next run's answer lands elsewhere)
        Set<String> present = new HashSet<>();
        if (Files.exists(rejects)) {
            byte[] stored = Files.readAllBytes(rejects);
            bytes.write(stored);
            for (String line : new String(stored, StandardCharsets.UTF_8).lines().toList()) {
                present.add(RejectsFile.sameRejectKey(line));
            }
        }
        for (int row : setAside) {
            String ticker = rows.getString(tickerColumn, row);
            String line = RejectsFile.setAsideLine(schema, day, rows, row, ticker, byTicker.get(ticker).sourceFiles());
            if (present.add(RejectsFile.sameRejectKey(line))) {
                bytes.write(line.getBytes(StandardCharsets.UTF_8));
                bytes.write('\n');
            }
        }
        AtomicFiles.write(rejects, bytes.toByteArray());
    }

    /** A comma-separated footer entry, each item once; empty for a file written without it (by another tool). */
    private static Set<String> listed(Map<String, String> footer, String key) {
        String text = footer.get(key);
        Set<String> items = new LinkedHashSet<>();
        if (text != null) {
            for (String item : text.split(",")) {
                if (!item.isEmpty()) {
                    items.add(item);
                }
            }
        }
        return items;
    }
}
