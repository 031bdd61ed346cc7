package io.quantmini.gold;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The eight Qlib fields of one symbol from bronze bars, over calendar indices {@code [from, to]}.
 *
 * <ul>
 *   <li>open, high, low, close, volume, vwap: bronze's split-adjusted values as float32; NaN on a day
 *       without a bar (and vwap NaN where bronze has none).</li>
 *   <li>change: {@code close / previous close - 1} with the previous close taken from the symbol's last
 *       bar before (a gap is bridged), NaN on its first bar and on days without a bar. This is Qlib's Yahoo
 *       collector ({@code calc_change}: {@code close.ffill().shift(1)}, then NaN where there is no trade),
 *       computed in float64 from bronze's doubles, then stored as float32. Yahoo's {@code close} is itself
 *       split-adjusted, so neither has a jump on a split day.</li>
 *   <li>factor: {@link SplitFactors}; on a day without a bar, the factor of the previous bar (the Yahoo
 *       collector forward-fills {@code factor}).</li>
 * </ul>
 */
final class PriceFields {

    static final List<String> FIELDS = List.of("open", "high", "low", "close", "volume", "vwap", "change", "factor");
    /** The bronze columns read, in the order of the first six {@link #FIELDS}. */
    static final List<String> BRONZE_COLUMNS = List.of("open", "high", "low", "close", "volume", "vwap");
    static final int CLOSE = 3;
    private static final int CHANGE = 6;
    private static final int FACTOR = 7;

    /** What precedes {@code from}: the symbol's last bar's close (exact) and day; NaN/null for none. */
    record Before(double close, LocalDate barDay) {
        static final Before NONE = new Before(Double.NaN, null);
    }

    private PriceFields() {
    }

    /**
     * Fields x (to - from + 1) values. Rows of symbol {@code k} before {@code from} are skipped (they are
     * already in gold); none may lie after {@code to}.
     */
    static float[][] compute(SymbolTable table, int k, int from, int to, Before before, List<LocalDate> calendar,
                             SplitFactors splits) {
        String code = table.codes[k];
        boolean hasSplits = !splits.signature(code).isEmpty();
        int length = to - from + 1;
        float[][] out = new float[FIELDS.size()][length];
        for (float[] field : out) {
            Arrays.fill(field, Float.NaN);
        }
        double previousClose = before.close();
        float factor = before.barDay() == null ? Float.NaN : factor(splits, hasSplits, code, before.barDay());
        int row = table.offset[k];
        int end = row + table.count[k];
        while (row < end && table.day[row] < from) {
            row++;
        }
        for (int i = 0; i < length; i++) {
            int dayIndex = from + i;
            if (row < end && table.day[row] == dayIndex) {
                for (int c = 0; c < BRONZE_COLUMNS.size(); c++) {
                    out[c][i] = table.columns[c][row];
                }
                double close = table.exact[row];
                out[CHANGE][i] = (float) (close / previousClose - 1);
                previousClose = close;
                factor = factor(splits, hasSplits, code, calendar.get(dayIndex));
                row++;
            }
            out[FACTOR][i] = factor;
        }
        if (row != end) {
            throw new IllegalStateException(code + ": bars outside calendar indices " + from + ".." + to);
        }
        return out;
    }

    private static float factor(SplitFactors splits, boolean hasSplits, String code, LocalDate day) {
        return hasSplits ? (float) splits.factor(code, day) : 1.0f;
    }
}
