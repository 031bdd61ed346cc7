package io.quantmini.gold;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads silver's 158 feature columns a group at a time, so the regrouped table of all symbols and days
 * stays within a memory budget (158 float columns of 12.6M rows would be 8 GB). Parquet projection makes
 * each pass decode only its own columns.
 */
final class FeaturePasses {

    /**
     * Heap for one group's values (the day chunks and the regrouped table exist side by side at worst): 512 MB, or a
     * quarter of a smaller heap. A fixed 512 MB ran a 512 MB heap out of memory on a lake of 1,000 symbols.
     */
    static long budgetBytes(long maxHeapBytes) {
        return Math.min(512L << 20, maxHeapBytes / 4);
    }

    @FunctionalInterface
    interface GroupWriter {
        void write(List<String> fields, SymbolTable table) throws IOException;
    }

    private FeaturePasses() {
    }

    static void run(BuildContext ctx, List<DayFile> silverDays, Predicate<String> keepCode, long estimatedRows,
                    GroupWriter writer) throws IOException {
        List<String> columns = FeatureFields.COLUMNS;
        long perColumn = Math.max(1, estimatedRows) * 4L * 2;
        long budget = budgetBytes(Runtime.getRuntime().maxMemory());
        int group = (int) Math.max(1, Math.min(columns.size(), budget / perColumn));
        for (int from = 0; from < columns.size(); from += group) {
            List<String> chosen = columns.subList(from, Math.min(columns.size(), from + group));
            SymbolTable table = new SymbolTableReader(chosen, -1, keepCode, ctx.threads).read(silverDays);
            writer.write(chosen.stream().map(FeatureFields::fieldName).toList(), table);
        }
    }
}
