package io.quantmini.gold;

import io.quantmini.parallel.ParallelFor;
import io.quantmini.text.Seconds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.TreeMap;

/**
 * Builds every file of a Qlib directory from the bronze days of its context (and silver's features): what
 * {@code dump_all} does, from one read of those days. The stage gives it the first block of a long history
 * ({@code QlibGoldStage.FULL_BUILD_DAYS}) and appends the later blocks with {@link IncrementalBuild}. Writes into
 * the context's layout, which the stage points at a fresh folder; the stage swaps it in afterwards.
 */
final class FullBuild {

    private static final Logger LOG = LoggerFactory.getLogger(FullBuild.class);

    private final BuildContext ctx;

    FullBuild(BuildContext ctx) {
        this.ctx = ctx;
    }

    /** Writes bins, then calendar, instruments; returns the spans written (the manifest is the caller's). */
    TreeMap<String, InstrumentsFile.Span> run() throws IOException {
        long t0 = System.nanoTime();
        Written prices = writePrices();
        LOG.info("price fields of {} symbols written in {} s", prices.codes().length,
                Seconds.since(t0));
        String[] codes = prices.codes();
        if (ctx.features) {
            writeFeatures(codes, prices.start(), prices.end(), prices.rows());
        }
        TreeMap<String, InstrumentsFile.Span> spans = new TreeMap<>();
        for (int k = 0; k < codes.length; k++) {
            spans.put(codes[k], new InstrumentsFile.Span(ctx.calendar.get(prices.start()[k]),
                    ctx.calendar.get(prices.end()[k])));
        }
        write(CalendarFile.render(ctx.calendar), ctx.gold.calendar());
        write(InstrumentsFile.render(spans), ctx.gold.instruments());
        return spans;
    }

    /** Codes and their first/last calendar index, once the bars table is gone. */
    private record Written(String[] codes, int[] start, int[] end, long rows) {
    }

    private Written writePrices() throws IOException {
        List<DayFile> days = ctx.dayFiles(ctx.bronze, ctx.calendar);
        long t0 = System.nanoTime();
        SymbolTable table = new SymbolTableReader(PriceFields.BRONZE_COLUMNS, PriceFields.CLOSE, code -> true,
                ctx.threads).read(days);
        LOG.info("{} bronze days read: {} rows in {} s", days.size(), table.rows(), Seconds.since(t0));
        int[] start = new int[table.size()];
        int[] end = new int[table.size()];
        ParallelFor.forEach(table.size(), ctx.threads, k -> {
            start[k] = table.firstDay(k);
            end[k] = table.lastDay(k);
            float[][] values = PriceFields.compute(table, k, start[k], end[k], PriceFields.Before.NONE,
                    ctx.calendar, ctx.splits);
            ctx.files.writeWhole(table.codes[k], PriceFields.FIELDS, start[k], values, false);
        });
        return new Written(table.codes, start, end, table.rows());
    }

    private void writeFeatures(String[] codes, int[] start, int[] end, long rows) throws IOException {
        FeaturePasses.run(ctx, ctx.dayFiles(ctx.silver, ctx.calendar), code -> true, rows, (fields, silver) ->
                ParallelFor.forEach(codes.length, ctx.threads, k -> {
                    float[][] values = FeatureFields.compute(silver, silver.indexOf(codes[k]), start[k], end[k]);
                    ctx.files.writeWhole(codes[k], fields, start[k], values, false);
                }));
    }

    private void write(byte[] content, java.nio.file.Path file) throws IOException {
        ctx.files.writeFile(file, content);
    }
}
