package io.quantmini.bronze;

import java.util.List;

/** {@code positive: [cols]} (value > 0) or {@code non_negative: [cols]} (value >= 0). Null values pass. */
final class NumericBoundRule implements RowRule {

    private final String name;
    private final boolean strict;
    private final int[] columns;
    private final List<String> names;

    private NumericBoundRule(String name, boolean strict, int[] columns, List<String> names) {
        this.name = name;
        this.strict = strict;
        this.columns = columns;
        this.names = names;
    }

    static NumericBoundRule positive(int[] columns, List<String> names) {
        return new NumericBoundRule("positive", true, columns, names);
    }

    static NumericBoundRule nonNegative(int[] columns, List<String> names) {
        return new NumericBoundRule("non_negative", false, columns, names);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String check(DayRows rows, int row) {
        for (int i = 0; i < columns.length; i++) {
            int col = columns[i];
            if (rows.isNull(col, row)) {
                continue;
            }
            double v = rows.getNumber(col, row);
            if (strict ? !(v > 0) : !(v >= 0)) {
                return names.get(i) + " must be " + (strict ? "> 0" : ">= 0") + ", got " + rows.format(col, row);
            }
        }
        return null;
    }
}
