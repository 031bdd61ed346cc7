package io.quantmini.bronze;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.IntBinaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DayRowsTest {

    private static final List<ColumnSpec> COLUMNS = List.of(
            new ColumnSpec("ticker", "T", ColumnSpec.Source.FIELD, ColumnType.STRING, false, null),
            new ColumnSpec("volume", "v", ColumnSpec.Source.FIELD, ColumnType.DOUBLE, false, null),
            new ColumnSpec("n", "n", ColumnSpec.Source.FIELD, ColumnType.LONG, false, null),
            new ColumnSpec("date", null, ColumnSpec.Source.REQUEST_DATE, ColumnType.DATE, false, null),
            new ColumnSpec("otc", "otc", ColumnSpec.Source.FIELD, ColumnType.BOOLEAN, false, null));

    @Test
    void comparatorOrdersEachTypeWithNullsFirst() {
        DayRows rows = new DayRows(COLUMNS, 2);
        addRow(rows, "MSFT", 2.5, 7L, 19_000, true);
        addRow(rows, "AAPL", -1.0, 3L, 18_000, false);
        addRow(rows, null, Double.NaN, null, 18_500, false);
        // rows: 0 = MSFT, 1 = AAPL, 2 = nulls (date and otc set)
        IntBinaryOperator ticker = rows.comparator(0);
        assertTrue(ticker.applyAsInt(1, 0) < 0, "AAPL before MSFT");
        assertTrue(ticker.applyAsInt(2, 1) < 0, "null before any ticker");
        assertEquals(0, ticker.applyAsInt(2, 2));
        assertTrue(rows.comparator(1).applyAsInt(1, 0) < 0, "-1.0 before 2.5");
        assertTrue(rows.comparator(1).applyAsInt(0, 2) < 0, "NaN after numbers, as Double.compare orders it");
        assertTrue(rows.comparator(2).applyAsInt(2, 1) < 0, "null long first");
        assertTrue(rows.comparator(2).applyAsInt(1, 0) < 0, "3 before 7");
        assertTrue(rows.comparator(3).applyAsInt(1, 2) < 0 && rows.comparator(3).applyAsInt(2, 0) < 0,
                "dates ascending");
        assertTrue(rows.comparator(4).applyAsInt(1, 0) < 0, "false before true");
    }

    /** A json column is held as its text: it sorts by it (a key may be one), and a reject message quotes it. */
    @Test
    void aJsonColumnSortsAndFormatsAsItsText() {
        DayRows rows = new DayRows(List.of(
                new ColumnSpec("tickers", "tickers", ColumnSpec.Source.FIELD, ColumnType.JSON, false, null)), 1);
        for (String text : new String[] {"[\"MSFT\"]", null, "[\"AAPL\", \"MSFT\"]"}) {
            rows.beginRow();
            if (text == null) {
                rows.setNull(0);
            } else {
                rows.setString(0, text);
            }
            rows.commitRow(0, 0, 0);
        }
        int[] order = {0, 1, 2};
        RowSort.sort(order, rows.comparator(0));
        assertEquals(List.of(1, 2, 0), java.util.Arrays.stream(order).boxed().toList(), "null, then by text");
        assertEquals("[\"AAPL\", \"MSFT\"]", rows.format(0, 2));
        assertEquals("null", rows.format(0, 1));
    }

    private static void addRow(DayRows rows, String ticker, double volume, Long n, int date, boolean otc) {
        rows.beginRow();
        if (ticker == null) {
            rows.setNull(0);
        } else {
            rows.setString(0, ticker);
        }
        rows.setDouble(1, volume);
        if (n == null) {
            rows.setNull(2);
        } else {
            rows.setLong(2, n);
        }
        rows.setInt(3, date);
        rows.setBoolean(4, otc);
        rows.commitRow(0, 0, 0);
    }
}
