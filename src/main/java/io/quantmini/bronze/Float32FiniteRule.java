package io.quantmini.bronze;

import java.util.List;

/**
 * {@code float32_finite: [cols]}: the value stays finite once rounded to float32 (at most ~3.4028235e38 either way),
 * the type Qlib reads prices and volumes in. A larger one is no market's price, and silver cannot give Qlib's values
 * from it: Qlib's running sums turn infinite for the rest of the symbol's series, where silver's restart at each
 * half-year. Null values pass.
 */
final class Float32FiniteRule implements RowRule {

    static final String NAME = "float32_finite";

    private final int[] columns;
    private final List<String> names;

    Float32FiniteRule(int[] columns, List<String> names) {
        this.columns = columns;
        this.names = names;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String check(DayRows rows, int row) {
        for (int i = 0; i < columns.length; i++) {
            int col = columns[i];
            if (!rows.isNull(col, row) && !Float.isFinite((float) rows.getNumber(col, row))) {
                return names.get(i) + " must be finite as float32 (at most " + Float.MAX_VALUE + "), got "
                        + rows.format(col, row);
            }
        }
        return null;
    }
}
