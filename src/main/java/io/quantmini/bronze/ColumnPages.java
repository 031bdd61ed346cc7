package io.quantmini.bronze;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveComparator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes rows {@code order[from … to)} of one {@link DayRows} column as Parquet V1 data pages of PLAIN values, the
 * pages parquet's own {@code ColumnWriterV1} writes for the lake's settings (no dictionary): for an optional column
 * the definition levels first (parquet's RLE writer, 1 = present, 0 = null), then the present values little-endian
 * (a string as its length and UTF-8 bytes; booleans one bit each, first value in the lowest bit). Each page carries
 * parquet's own statistics, from which the page store builds the chunk statistics and the column and offset indexes.
 *
 * <p>One difference, on purpose: levels whose maximum is 0 (no bytes in the page) are declared RLE, as Arrow's
 * writer does, where parquet-java's says BIT_PACKED (deprecated in the format). Every reader skips such levels; but
 * parquet-java reads declared BIT_PACKED ones value by value through a bit unpacker, which was a quarter of the
 * silver stage's time reading bronze, and RLE ones as constant zeros.
 *
 * <p>Why not parquet's column writers: they take one value per call through the level writers, the statistics and
 * the page-size checks; on grouped-daily bars that was an eighth of bronze's CPU and, being large methods, a good part
 * of its JIT time. Here a page is one loop per type. Pages hold at most {@code rowLimit} rows and are cut once they
 * reach {@code byteLimit} bytes (parquet's page row-count and page-size settings). One instance per thread: its
 * buffers are reused from page to page and file to file.
 */
final class ColumnPages {

    private final int rowLimit;
    private final int byteLimit;
    private final RunLengthBitPackingHybridValuesWriter levels;
    private ByteBuffer values = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

    ColumnPages(int rowLimit, int byteLimit) {
        if (rowLimit < 1 || byteLimit < 1) {
            throw new IllegalArgumentException("page limits must be positive: " + rowLimit + " rows, " + byteLimit
                    + " bytes");
        }
        this.rowLimit = rowLimit;
        this.byteLimit = byteLimit;
        // one bit per row: the levels stay far below a page of values; the last argument only sizes its buffers
        this.levels = new RunLengthBitPackingHybridValuesWriter(1, 64, Math.max(64, byteLimit),
                new HeapByteBufferAllocator());
    }

    boolean hasLimits(int rowLimit, int byteLimit) {
        return this.rowLimit == rowLimit && this.byteLimit == byteLimit;
    }

    void write(PageWriter out, ColumnDescriptor column, ColumnType type, Object columnValues, boolean[] nulls,
               int[] order, int from, int to) throws IOException {
        boolean optional = column.getMaxDefinitionLevel() > 0;
        int width = switch (type) {
            case DOUBLE, LONG, TIMESTAMP_MILLIS -> 8;
            case DATE -> 4;
            case BOOLEAN -> 1; // a bit, but a byte bounds the page well enough
            case STRING, JSON -> 0;
        };
        int page = width == 0 ? rowLimit : Math.max(1, Math.min(rowLimit, byteLimit / width));
        int start = from;
        while (start < to) {
            int end = Math.min(to, start + page);
            Statistics<?> stats = Statistics.createStats(column.getPrimitiveType());
            values.clear();
            end = switch (type) {
                case DOUBLE -> doubles((double[]) columnValues, nulls, order, start, end, stats);
                case LONG, TIMESTAMP_MILLIS -> longs((long[]) columnValues, nulls, order, start, end, stats);
                case DATE -> ints((int[]) columnValues, nulls, order, start, end, stats);
                case BOOLEAN -> booleans((boolean[]) columnValues, nulls, order, start, end, stats);
                case STRING, JSON -> strings((String[]) columnValues, nulls, order, start, end, stats);
            };
            int rows = end - start;
            BytesInput valueBytes = BytesInput.from(values.array(), 0, values.position());
            if (optional) {
                levels.reset();
                for (int i = start; i < end; i++) {
                    levels.writeInteger(nulls[order[i]] ? 0 : 1);
                }
                out.writePage(BytesInput.concat(levels.getBytes(), valueBytes), rows, rows, stats,
                        Encoding.RLE, Encoding.RLE, Encoding.PLAIN);
            } else {
                out.writePage(valueBytes, rows, rows, stats, Encoding.RLE, Encoding.RLE, Encoding.PLAIN);
            }
            start = end;
        }
    }

    /*
     * Each method below encodes rows order[from … to) and returns to, or (strings) the row where it cut the page.
     * Statistics: nulls are counted, and only the extremes of the present values are handed to parquet, which is what
     * its min/max over every value would keep (its order is total on non-NaN values; a NaN is rare enough, and
     * special enough to parquet, that a page holding one hands over every value instead).
     */

    private int doubles(double[] v, boolean[] nulls, int[] order, int from, int to, Statistics<?> stats) {
        ensure((to - from) * 8);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean nan = false;
        for (int i = from; i < to; i++) {
            int row = order[i];
            if (!nulls[row]) {
                double x = v[row];
                values.putDouble(x);
                min = Double.compare(x, min) < 0 ? x : min;
                max = Double.compare(x, max) > 0 ? x : max;
                nan |= x != x;
            }
        }
        int present = values.position() / 8;
        if (nan) {
            for (int i = from; i < to; i++) {
                if (!nulls[order[i]]) {
                    stats.updateStats(v[order[i]]);
                }
            }
        } else if (present > 0) {
            stats.updateStats(min);
            stats.updateStats(max);
        }
        stats.incrementNumNulls(to - from - present);
        return to;
    }

    private int longs(long[] v, boolean[] nulls, int[] order, int from, int to, Statistics<?> stats) {
        ensure((to - from) * 8);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = from; i < to; i++) {
            int row = order[i];
            if (!nulls[row]) {
                long x = v[row];
                values.putLong(x);
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        int present = values.position() / 8;
        if (present > 0) {
            stats.updateStats(min);
            stats.updateStats(max);
        }
        stats.incrementNumNulls(to - from - present);
        return to;
    }

    private int ints(int[] v, boolean[] nulls, int[] order, int from, int to, Statistics<?> stats) {
        ensure((to - from) * 4);
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = from; i < to; i++) {
            int row = order[i];
            if (!nulls[row]) {
                int x = v[row];
                values.putInt(x);
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        int present = values.position() / 4;
        if (present > 0) {
            stats.updateStats(min);
            stats.updateStats(max);
        }
        stats.incrementNumNulls(to - from - present);
        return to;
    }

    private int booleans(boolean[] v, boolean[] nulls, int[] order, int from, int to, Statistics<?> stats) {
        ensure((to - from + 7) / 8);
        byte[] bits = values.array();
        Arrays.fill(bits, 0, (to - from + 7) / 8, (byte) 0);
        int present = 0;
        boolean anyTrue = false;
        boolean anyFalse = false;
        for (int i = from; i < to; i++) {
            int row = order[i];
            if (!nulls[row]) {
                boolean x = v[row];
                bits[present >>> 3] |= (byte) ((x ? 1 : 0) << (present & 7));
                present++;
                anyTrue |= x;
                anyFalse |= !x;
            }
        }
        values.position((present + 7) / 8);
        if (anyFalse) {
            stats.updateStats(false);
        }
        if (anyTrue) {
            stats.updateStats(true);
        }
        stats.incrementNumNulls(to - from - present);
        return to;
    }

    /**
     * A string is written as its length and UTF-8 bytes straight into the page buffer (an ASCII string byte by byte,
     * without an intermediate array); the extremes are tracked as slices of that buffer, under the column's own
     * comparator, and parquet copies the two it keeps.
     */
    private int strings(String[] v, boolean[] nulls, int[] order, int from, int to, Statistics<?> stats) {
        PrimitiveComparator<Binary> comparator = stats.type().comparator();
        Binary min = null;
        Binary max = null;
        int i = from;
        for (; i < to; i++) {
            if (i > from && values.position() >= byteLimit) {
                break;
            }
            int row = order[i];
            if (nulls[row]) {
                stats.incrementNumNulls();
                continue;
            }
            String s = v[row];
            int at = putUtf8(s);
            Binary value = Binary.fromReusedByteArray(values.array(), at, values.position() - at);
            if (min == null) {
                min = value;
                max = value;
            } else if (comparator.compare(value, min) < 0) {
                min = value;
            } else if (comparator.compare(value, max) > 0) {
                max = value;
            }
        }
        if (min != null) {
            stats.updateStats(min);
            stats.updateStats(max);
        }
        return i;
    }

    /** Appends {@code s} as its byte length and UTF-8 bytes; returns where the bytes start. */
    private int putUtf8(String s) {
        int length = s.length();
        boolean ascii = true;
        for (int k = 0; k < length && ascii; k++) {
            ascii = s.charAt(k) < 0x80;
        }
        if (ascii) {
            ensure(4 + length);
            values.putInt(length);
            int at = values.position();
            byte[] out = values.array();
            for (int k = 0; k < length; k++) {
                out[at + k] = (byte) s.charAt(k);
            }
            values.position(at + length);
            return at;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        ensure(4 + utf8.length);
        values.putInt(utf8.length);
        int at = values.position();
        values.put(utf8);
        return at;
    }

    /** Room for {@code more} bytes after the current position. */
    private void ensure(int more) {
        if (values.remaining() < more) {
            ByteBuffer grown = ByteBuffer.allocate(Math.max(values.capacity() * 2, values.position() + more))
                    .order(ByteOrder.LITTLE_ENDIAN);
            values.flip();
            grown.put(values);
            values = grown;
        }
    }
}
