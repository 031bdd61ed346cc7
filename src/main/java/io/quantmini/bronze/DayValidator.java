package io.quantmini.bronze;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntBinaryOperator;

/**
 * Applies a dataset's rules to a decoded day and gives the rows to write, in output order.
 * Row rules first; then, among the rows that passed them, {@code unique_key}: rows are sorted by the
 * record key (stable, so equal keys stay in input order) and every row after the first with the same
 * key is rejected. The first valid occurrence is the one kept.
 */
final class DayValidator {

    private final DatasetSchema schema;
    private final int[] key;

    DayValidator(DatasetSchema schema) {
        this.schema = schema;
        this.key = schema.keyColumnIndexes();
    }

    /**
     * Returns the rows to write, sorted by the key; adds a reject for every row it drops.
     * {@code sourceFiles} names each page, for the duplicate messages.
     */
    int[] validate(DayRows rows, List<Reject> rejects, List<String> sourceFiles) {
        int[] passed = new int[rows.size()];
        int n = 0;
        for (int row = 0; row < rows.size(); row++) {
            String failure = null;
            for (RowRule rule : schema.rowRules()) {
                failure = rule.check(rows, row);
                if (failure != null) {
                    rejects.add(new Reject(rows.source(row), rule.name(), failure));
                    break;
                }
            }
            if (failure == null) {
                passed[n++] = row;
            }
        }
        IntBinaryOperator byKey = keyOrder(rows);
        int[] sorted = Arrays.copyOf(passed, n);
        RowSort.sort(sorted, byKey); // stable: the first valid occurrence of a key stays first
        int[] out = new int[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            int row = sorted[i];
            if (schema.uniqueKey() && kept > 0 && byKey.applyAsInt(out[kept - 1], row) == 0) {
                rejects.add(new Reject(rows.source(row), "unique_key",
                        duplicateMessage(rows, out[kept - 1], row, sourceFiles)));
            } else {
                out[kept++] = row;
            }
        }
        return Arrays.copyOf(out, kept);
    }

    /** Orders rows by the record key, column after column. */
    private IntBinaryOperator keyOrder(DayRows rows) {
        IntBinaryOperator[] columns = Arrays.stream(key).mapToObj(rows::comparator).toArray(IntBinaryOperator[]::new);
        return (a, b) -> {
            for (IntBinaryOperator column : columns) {
                int c = column.applyAsInt(a, b);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    private String duplicateMessage(DayRows rows, int first, int duplicate, List<String> sourceFiles) {
        StringBuilder sb = new StringBuilder("duplicate key ");
        for (int i = 0; i < key.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(rows.columns().get(key[i]).name()).append('=')
                    .append(rows.format(key[i], duplicate));
        }
        SourceRef kept = rows.source(first);
        return sb.append("; kept the first valid occurrence (").append(sourceFiles.get(kept.page()))
                .append(", byte ").append(kept.start()).append(')').toString();
    }
}
