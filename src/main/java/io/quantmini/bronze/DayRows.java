package io.quantmini.bronze;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntBinaryOperator;

/**
 * The decoded records of one day, column by column in primitive arrays, so decoding and writing a
 * value allocates nothing (strings aside). Each row also remembers where its source record sits
 * (page index, byte range in the page body) so a reject can quote the record exactly as received.
 *
 * <p>Rows are filled one at a time: {@link #beginRow()}, setters for the pending row, then
 * {@link #commitRow} to keep it or nothing to let the next {@code beginRow} overwrite it.
 */
final class DayRows {

    private final List<ColumnSpec> columns;
    private final Object[] values;
    private final boolean[][] nulls;
    private int[] page;
    private int[] start;
    private int[] end;
    private int size;
    private int capacity;

    DayRows(List<ColumnSpec> columns, int initialCapacity) {
        this.columns = columns;
        this.capacity = Math.max(16, initialCapacity);
        this.values = new Object[columns.size()];
        this.nulls = new boolean[columns.size()][];
        for (int c = 0; c < columns.size(); c++) {
            values[c] = newArray(columns.get(c).type(), capacity);
            nulls[c] = new boolean[capacity];
        }
        page = new int[capacity];
        start = new int[capacity];
        end = new int[capacity];
    }

    List<ColumnSpec> columns() {
        return columns;
    }

    int size() {
        return size;
    }

    void beginRow() {
        if (size == capacity) {
            grow();
        }
    }

    void commitRow(int pageIndex, int startOffset, int endOffset) {
        page[size] = pageIndex;
        start[size] = startOffset;
        end[size] = endOffset;
        size++;
    }

    /** Forgets every row from {@code newSize} on (a page that is taken back). */
    void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("cannot truncate " + size + " rows to " + newSize);
        }
        size = newSize;
    }

    // --- setters for the pending row ---

    void setDouble(int col, double v) {
        ((double[]) values[col])[size] = v;
        nulls[col][size] = false;
    }

    /** For LONG and TIMESTAMP_MILLIS columns. */
    void setLong(int col, long v) {
        ((long[]) values[col])[size] = v;
        nulls[col][size] = false;
    }

    /** For DATE columns: days since the epoch. */
    void setInt(int col, int v) {
        ((int[]) values[col])[size] = v;
        nulls[col][size] = false;
    }

    void setBoolean(int col, boolean v) {
        ((boolean[]) values[col])[size] = v;
        nulls[col][size] = false;
    }

    void setString(int col, String v) {
        ((String[]) values[col])[size] = v;
        nulls[col][size] = false;
    }

    void setNull(int col) {
        nulls[col][size] = true;
        if (values[col] instanceof String[] strings) {
            strings[size] = null;
        }
    }

    /** Sets a column's default value, already typed by the schema loader. */
    void setValue(int col, Object v) {
        switch (columns.get(col).type()) {
            case STRING, JSON -> setString(col, (String) v);
            case DOUBLE -> setDouble(col, ((Number) v).doubleValue());
            case LONG, TIMESTAMP_MILLIS -> setLong(col, ((Number) v).longValue());
            case DATE -> setInt(col, ((Number) v).intValue());
            case BOOLEAN -> setBoolean(col, (Boolean) v);
        }
    }

    /** Whether the pending row's column is null (set by the decoder before it derives columns from it). */
    boolean pendingIsNull(int col) {
        return nulls[col][size];
    }

    /** The pending row's DATE value (epoch day). */
    int pendingInt(int col) {
        return ((int[]) values[col])[size];
    }

    /** The pending row's LONG or TIMESTAMP_MILLIS value. */
    long pendingLong(int col) {
        return ((long[]) values[col])[size];
    }

    /** Overwrites committed row {@code row} with row {@code fromRow} of {@code from}, which has the same columns. */
    void copyRow(int row, DayRows from, int fromRow) {
        copyRow(row, from, fromRow, new boolean[values.length]);
    }

    /** As {@link #copyRow(int, DayRows, int)}, leaving column {@code c} as it is where {@code kept[c]}. */
    void copyRow(int row, DayRows from, int fromRow, boolean[] kept) {
        for (int c = 0; c < values.length; c++) {
            if (!kept[c]) {
                System.arraycopy(from.values[c], fromRow, values[c], row, 1);
                nulls[c][row] = from.nulls[c][fromRow];
            }
        }
    }

    // --- readers for committed rows ---

    /**
     * The column's backing array (String[] for string and json, double[], long[], int[] or boolean[]), for
     * column-wise writers.
     */
    Object columnValues(int col) {
        return values[col];
    }

    /** The column's null flags, for column-wise writers. */
    boolean[] columnNulls(int col) {
        return nulls[col];
    }

    boolean isNull(int col, int row) {
        return nulls[col][row];
    }

    double getDouble(int col, int row) {
        return ((double[]) values[col])[row];
    }

    long getLong(int col, int row) {
        return ((long[]) values[col])[row];
    }

    int getInt(int col, int row) {
        return ((int[]) values[col])[row];
    }

    boolean getBoolean(int col, int row) {
        return ((boolean[]) values[col])[row];
    }

    String getString(int col, int row) {
        return ((String[]) values[col])[row];
    }

    /** A DOUBLE or LONG column's value as a double, for the numeric rules. */
    double getNumber(int col, int row) {
        return values[col] instanceof double[] d ? d[row] : ((long[]) values[col])[row];
    }

    /** The value as text, for reject messages. */
    String format(int col, int row) {
        if (isNull(col, row)) {
            return "null";
        }
        return switch (columns.get(col).type()) {
            case STRING, JSON -> getString(col, row);
            case DOUBLE -> Double.toString(getDouble(col, row));
            case LONG, TIMESTAMP_MILLIS -> Long.toString(getLong(col, row));
            case DATE -> java.time.LocalDate.ofEpochDay(getInt(col, row)).toString();
            case BOOLEAN -> Boolean.toString(getBoolean(col, row));
        };
    }

    /**
     * Orders rows by one column (nulls first), reading the column's own array: a sort compares ~n log n pairs, so the
     * type is resolved once here, not per comparison.
     */
    IntBinaryOperator comparator(int col) {
        IntBinaryOperator byValue = switch (columns.get(col).type()) {
            case STRING, JSON -> { // a json column by its text
                String[] v = (String[]) values[col];
                yield (a, b) -> v[a].compareTo(v[b]);
            }
            case DOUBLE -> {
                double[] v = (double[]) values[col];
                yield (a, b) -> Double.compare(v[a], v[b]);
            }
            case LONG, TIMESTAMP_MILLIS -> {
                long[] v = (long[]) values[col];
                yield (a, b) -> Long.compare(v[a], v[b]);
            }
            case DATE -> {
                int[] v = (int[]) values[col];
                yield (a, b) -> Integer.compare(v[a], v[b]);
            }
            case BOOLEAN -> {
                boolean[] v = (boolean[]) values[col];
                yield (a, b) -> Boolean.compare(v[a], v[b]);
            }
        };
        boolean[] isNull = nulls[col];
        return (a, b) -> isNull[a] || isNull[b] ? Boolean.compare(!isNull[a], !isNull[b]) : byValue.applyAsInt(a, b);
    }

    SourceRef source(int row) {
        return new SourceRef(page[row], start[row], end[row]);
    }

    private void grow() {
        int newCapacity = capacity * 2;
        for (int c = 0; c < values.length; c++) {
            values[c] = copyOf(values[c], newCapacity);
            nulls[c] = Arrays.copyOf(nulls[c], newCapacity);
        }
        page = Arrays.copyOf(page, newCapacity);
        start = Arrays.copyOf(start, newCapacity);
        end = Arrays.copyOf(end, newCapacity);
        capacity = newCapacity;
    }

    private static Object newArray(ColumnType type, int n) {
        return switch (type) {
            case STRING, JSON -> new String[n];
            case DOUBLE -> new double[n];
            case LONG, TIMESTAMP_MILLIS -> new long[n];
            case DATE -> new int[n];
            case BOOLEAN -> new boolean[n];
        };
    }

    private static Object copyOf(Object array, int n) {
        if (array instanceof String[] a) {
            return Arrays.copyOf(a, n);
        } else if (array instanceof double[] a) {
            return Arrays.copyOf(a, n);
        } else if (array instanceof long[] a) {
            return Arrays.copyOf(a, n);
        } else if (array instanceof int[] a) {
            return Arrays.copyOf(a, n);
        }
        return Arrays.copyOf((boolean[]) array, n);
    }
}
