package io.quantmini.bronze;

/**
 * {@code ohlc_consistent: [open, high, low, close]}: low <= high, low <= min(open, close) and
 * high >= max(open, close). The four columns are given in that order.
 */
final class OhlcConsistentRule implements RowRule {

    private final int open;
    private final int high;
    private final int low;
    private final int close;

    OhlcConsistentRule(int open, int high, int low, int close) {
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
    }

    @Override
    public String name() {
        return "ohlc_consistent";
    }

    @Override
    public String check(DayRows rows, int row) {
        if (rows.isNull(open, row) || rows.isNull(high, row) || rows.isNull(low, row) || rows.isNull(close, row)) {
            return null;
        }
        double o = rows.getNumber(open, row);
        double h = rows.getNumber(high, row);
        double l = rows.getNumber(low, row);
        double c = rows.getNumber(close, row);
        if (l <= h && l <= Math.min(o, c) && h >= Math.max(o, c)) {
            return null;
        }
        return "inconsistent bar: open=" + o + " high=" + h + " low=" + l + " close=" + c
                + " (need low <= min(open, close), high >= max(open, close), low <= high)";
    }
}
