package io.quantmini.gold;

import io.quantmini.parallel.ParallelFor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Brings a committed gold directory up to date in place: rewrites the symbols whose history changed
 * (whole files, only those whose bytes differ), then extends the others with the new days (positional
 * writes after each file's committed end). Calendar and instruments are the caller's, written after.
 *
 * <p>Every file ends up byte-identical to what {@link FullBuild} writes from the same lake: a symbol's
 * files always cover exactly its first..last bar, so a symbol without a bar on a new day gets nothing
 * now, and the NaNs for that gap only when (if) its next bar arrives.
 */
final class IncrementalBuild {

    /**
     * Heap per row of a rewrite's price table, at worst: the day chunks and the regrouped table side by side, each
     * with five float fields, the exact close and two ints.
     */
    static final long PRICE_ROW_BYTES = 2 * (PriceFields.BRONZE_COLUMNS.size() * 4L + 8 + 8);

    private final BuildContext ctx;
    private final TreeMap<String, InstrumentsFile.Span> spans;
    private final List<LocalDate> newDays;
    private final Set<String> rewrite;
    /** The most rows (symbol days) one slice of the rewritten symbols reads at once. */
    private final long sliceRows;
    private final Set<String> written = ConcurrentHashMap.newKeySet();
    private final AtomicInteger appended = new AtomicInteger();

    /**
     * @param spans     the committed spans; updated in place to the new ones
     * @param sliceRows the most rows one slice of the rewritten symbols reads ({@link #sliceRows(long)})
     */
    IncrementalBuild(BuildContext ctx, TreeMap<String, InstrumentsFile.Span> spans, List<LocalDate> newDays,
                     Set<String> rewrite, long sliceRows) {
        this.ctx = ctx;
        this.spans = spans;
        this.newDays = newDays;
        this.rewrite = rewrite;
        this.sliceRows = sliceRows;
    }

    /** Rows of a rewrite slice for a heap of {@code maxHeapBytes}: its price table within the features' budget. */
    static long sliceRows(long maxHeapBytes) {
        return Math.max(1, FeaturePasses.budgetBytes(maxHeapBytes) / PRICE_ROW_BYTES);
    }

    int symbolsWritten() {
        return written.size();
    }

    int symbolsAppended() {
        return appended.get();
    }

    void run() throws IOException {
        if (!rewrite.isEmpty()) {
            rewriteSymbols();
        }
        if (!newDays.isEmpty()) {
            appendNewDays();
        }
    }

    /**
     * A corrected day rewrites every symbol listed on it, each over its whole history: read at once, a long history
     * of a market took more heap than a full build, which reads a block of days at a time. So the symbols are
     * rewritten in slices of about {@link #sliceRows} rows, each slice reading every day for its own symbols only.
     */
    private void rewriteSymbols() throws IOException {
        for (Set<String> slice : slices(rewrite, spans, ctx.calendar, sliceRows)) {
            rewriteSlice(slice);
        }
    }

    /**
     * The codes in order, cut into runs of at most {@code maxRows} rows each (a code's rows: its listed span, or the
     * whole calendar for a code gold does not list yet), a code with more rows alone.
     */
    static List<Set<String>> slices(Set<String> codes, Map<String, InstrumentsFile.Span> spans,
                                    List<LocalDate> calendar, long maxRows) {
        List<Set<String>> slices = new ArrayList<>();
        Set<String> slice = new TreeSet<>();
        long rows = 0;
        for (String code : new TreeSet<>(codes)) {
            InstrumentsFile.Span span = spans.get(code);
            long codeRows = span == null ? calendar.size() : daysWithin(calendar, span);
            if (!slice.isEmpty() && rows + codeRows > maxRows) {
                slices.add(slice);
                slice = new TreeSet<>();
                rows = 0;
            }
            slice.add(code);
            rows += codeRows;
        }
        if (!slice.isEmpty()) {
            slices.add(slice);
        }
        return slices;
    }

    /**
     * Removes the files of codes left without a bar, as a full build has none, except where a code still listed
     * (or written by this slice) keeps its files in the same directory. {@link QlibNames} skips {@code _QLIB_CON}
     * (CON's folder), but two codes can still lower-case to one folder (the Kelvin sign {@code \u212A} and {@code K}).
     */
    private void removeFiles(List<String> unlisted, SymbolTable table) throws IOException {
        if (unlisted.isEmpty()) {
            return;
        }
        Set<Path> kept = new HashSet<>();
        for (String code : spans.keySet()) {
            kept.add(ctx.gold.featureDirectory(code));
        }
        for (String code : table.codes) {
            kept.add(ctx.gold.featureDirectory(code));
        }
        for (String code : unlisted) {
            if (!kept.contains(ctx.gold.featureDirectory(code))) {
                ctx.files.remove(code);
            }
        }
    }

    /** Calendar days from the span's start to its end, either of which may have left the calendar. */
    private static int daysWithin(List<LocalDate> calendar, InstrumentsFile.Span span) {
        int first = Collections.binarySearch(calendar, span.start());
        int last = Collections.binarySearch(calendar, span.end());
        first = first >= 0 ? first : -first - 1;
        last = last >= 0 ? last : -last - 2;
        return Math.max(0, last - first + 1);
    }

    private void rewriteSlice(Set<String> slice) throws IOException {
        SymbolTable table = new SymbolTableReader(PriceFields.BRONZE_COLUMNS, PriceFields.CLOSE, slice::contains,
                ctx.threads).read(ctx.dayFiles(ctx.bronze, ctx.calendar));
        List<String> unlisted = new ArrayList<>();
        for (String code : slice) {
            if (table.indexOf(code) < 0) { // no bar left: unlisted
                spans.remove(code);
                unlisted.add(code);
            }
        }
        removeFiles(unlisted, table);
        ParallelFor.forEach(table.size(), ctx.threads, k -> {
            int start = table.firstDay(k);
            int end = table.lastDay(k);
            float[][] values = PriceFields.compute(table, k, start, end, PriceFields.Before.NONE, ctx.calendar,
                    ctx.splits);
            if (ctx.files.writeWhole(table.codes[k], PriceFields.FIELDS, start, values, true) > 0) {
                written.add(table.codes[k]);
            }
        });
        for (int k = 0; k < table.size(); k++) {
            spans.put(table.codes[k], new InstrumentsFile.Span(ctx.calendar.get(table.firstDay(k)),
                    ctx.calendar.get(table.lastDay(k))));
        }
        if (ctx.features) {
            String[] codes = table.codes;
            FeaturePasses.run(ctx, ctx.dayFiles(ctx.silver, ctx.calendar), slice::contains, table.rows(),
                    (fields, silver) -> ParallelFor.forEach(codes.length, ctx.threads, k -> {
                        int start = ctx.indexOf(spans.get(codes[k]).start());
                        int end = ctx.indexOf(spans.get(codes[k]).end());
                        float[][] values = FeatureFields.compute(silver, silver.indexOf(codes[k]), start, end);
                        if (ctx.files.writeWhole(codes[k], fields, start, values, true) > 0) {
                            written.add(codes[k]);
                        }
                    }));
        }
    }

    private void appendNewDays() throws IOException {
        Predicate<String> notRewritten = code -> !rewrite.contains(code);
        SymbolTable table = new SymbolTableReader(PriceFields.BRONZE_COLUMNS, PriceFields.CLOSE, notRewritten,
                ctx.threads).read(ctx.dayFiles(ctx.bronze, newDays));
        Map<String, Double> lastCloses = lastCloses(table);
        int n = table.size();
        int[] start = new int[n];
        int[] from = new int[n];
        int[] to = new int[n];
        boolean[] isNew = new boolean[n];
        ParallelFor.forEach(n, ctx.threads, k -> {
            String code = table.codes[k];
            InstrumentsFile.Span span = spans.get(code);
            to[k] = table.lastDay(k);
            if (span == null) {
                isNew[k] = true;
                start[k] = from[k] = table.firstDay(k);
                float[][] values = PriceFields.compute(table, k, from[k], to[k], PriceFields.Before.NONE,
                        ctx.calendar, ctx.splits);
                ctx.files.writeWhole(code, PriceFields.FIELDS, start[k], values, false);
                written.add(code);
                return;
            }
            start[k] = ctx.indexOf(span.start());
            from[k] = ctx.indexOf(span.end()) + 1;
            if (to[k] < from[k]) {
                return; // already appended by a run that stopped before committing the manifest
            }
            Double close = lastCloses.get(code);
            if (close == null) {
                throw new IOException(code + " has no bar in bronze on " + span.end()
                        + ", its last day in gold; gold and bronze disagree: run a full rebuild");
            }
            float[][] values = PriceFields.compute(table, k, from[k], to[k],
                    new PriceFields.Before(close, span.end()), ctx.calendar, ctx.splits);
            ctx.files.writeTail(code, PriceFields.FIELDS, start[k], from[k], values);
            appended.incrementAndGet();
        });
        for (int k = 0; k < n; k++) {
            InstrumentsFile.Span span = spans.get(table.codes[k]);
            LocalDate first = span == null ? ctx.calendar.get(start[k]) : span.start();
            spans.put(table.codes[k], new InstrumentsFile.Span(first, ctx.calendar.get(Math.max(to[k],
                    span == null ? to[k] : ctx.indexOf(span.end())))));
        }
        if (ctx.features) {
            String[] codes = table.codes;
            FeaturePasses.run(ctx, ctx.dayFiles(ctx.silver, newDays), notRewritten, table.rows(),
                    (fields, silver) -> ParallelFor.forEach(codes.length, ctx.threads, k -> {
                        if (to[k] < from[k]) {
                            return;
                        }
                        float[][] values = FeatureFields.compute(silver, silver.indexOf(codes[k]), from[k], to[k]);
                        if (isNew[k]) {
                            ctx.files.writeWhole(codes[k], fields, start[k], values, false);
                        } else {
                            ctx.files.writeTail(codes[k], fields, start[k], from[k], values);
                        }
                    }));
        }
    }

    /**
     * The exact (double) close of each already-listed symbol on its last day in gold, read back from that
     * day's bronze file: {@code $change} of its next bar is computed from it, as a full build does.
     */
    private Map<String, Double> lastCloses(SymbolTable table) throws IOException {
        Map<LocalDate, Set<String>> byDay = new TreeMap<>();
        for (String code : table.codes) {
            InstrumentsFile.Span span = spans.get(code);
            if (span != null) {
                byDay.computeIfAbsent(span.end(), d -> new java.util.HashSet<>()).add(code);
            }
        }
        Map<String, Double> closes = new HashMap<>();
        for (Map.Entry<LocalDate, Set<String>> day : byDay.entrySet()) {
            StampedDayFiles.Stamped file = ctx.bronze.get(day.getKey());
            if (file == null) {
                continue;
            }
            DayColumns bars = DayColumns.read(file.path(), List.of("close"));
            Map<String, String> tickerOf = new HashMap<>();
            for (int row = 0; row < bars.rows(); row++) {
                String ticker = bars.tickers()[row];
                String code = ticker == null ? null : QlibNames.code(ticker);
                if (code == null || !day.getValue().contains(code)) {
                    continue;
                }
                String kept = tickerOf.get(code);
                if (kept == null || ticker.compareTo(kept) < 0) { // same tie-break as SymbolTableReader
                    tickerOf.put(code, ticker);
                    closes.put(code, bars.values()[0][row]);
                }
            }
        }
        return closes;
    }
}
