package io.quantmini.gold;

import io.quantmini.parallel.ParallelFor;

import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    private final BuildContext ctx;
    private final TreeMap<String, InstrumentsFile.Span> spans;
    private final List<LocalDate> newDays;
    private final Set<String> rewrite;
    private final Set<String> written = ConcurrentHashMap.newKeySet();
    private final AtomicInteger appended = new AtomicInteger();

    /** @param spans the committed spans; updated in place to the new ones */
    IncrementalBuild(BuildContext ctx, TreeMap<String, InstrumentsFile.Span> spans, List<LocalDate> newDays,
                     Set<String> rewrite) {
        this.ctx = ctx;
        this.spans = spans;
        this.newDays = newDays;
        this.rewrite = rewrite;
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

    private void rewriteSymbols() throws IOException {
        SymbolTable table = new SymbolTableReader(PriceFields.BRONZE_COLUMNS, PriceFields.CLOSE, rewrite::contains,
                ctx.threads).read(ctx.dayFiles(ctx.bronze, ctx.calendar));
        for (String code : rewrite) {
            if (table.indexOf(code) < 0) {
                spans.remove(code); // no bar left: unlisted; its old files stay, as dump_all leaves them
            }
        }
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
            FeaturePasses.run(ctx, ctx.dayFiles(ctx.silver, ctx.calendar), rewrite::contains, table.rows(),
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
