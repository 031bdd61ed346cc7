package io.quantmini.bronze;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridValuesWriter;
import org.apache.parquet.io.api.Binary;

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
 * <p>Why not parquet's column writers: they take one value per call through the level writers, the statistics and
 * the page-size checks; on grouped-daily bars that was an eighth of bronze's CPU and, being large methods, a good part
 * of its JIT time. Here a page is one loop per type. Pages hold at most {@code rowLimit} rows and are cut once they
 * reach {@code byteLimit} bytes (parquet's page row-count and page-size settings). One instance per thread: its
 * buffers are reused from page to page.
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
        this.levels = new RunLengthBitPackingHybridValuesWriter(1, 64, byteLimit, new HeapByteBufferAllocator());
    }

    void write(PageWriter out, ColumnDescriptor column, ColumnType type, Object columnValues, boolean[] nulls,
               int[] order, int from, int to) throws IOException {
        boolean optional = column.getMaxDefinitionLevel() > 0;
        int width = switch (type) {
            case DOUBLE, LONG, TIMESTAMP_MILLIS -> 8;
            case DATE -> 4;
            case BOOLEAN -> 1; // a bit, but a byte bounds the page well enough
            case STRING -> 0;
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
                case STRING -> strings((String[]) columnValues, nulls, order, start, end, stats);
            };
            int rows = end - start;
            BytesInput valueBytes = BytesInput.from(values.array(), 0, values.position());
            if (optional) {
                levels.reset();
                for (int i = start; i < end; i++) {
                    levels.writeInteger(nulls[order[i]] ? 0 : 1);
                }
                out.writePage(BytesInput.concat(levels.getBytes(), valueBytes), rows, rows, stats,
                        Encoding.BIT_PACKED, Encoding.RLE, Encoding.PLAIN);
            } else {
                out.writePage(valueBytes, rows, rows, stats, Encoding.BIT_PACKED, Encoding.BIT_PACKED, Encoding.PLAIN);
            }
            start = end;
        }
    }

    /** Each method encodes rows {@code order[from … to)} and returns {@code to}, or (strings) where the page was cut. */
    private int doubles(double[] v, boolean[] nulls, int[] order, int from, int to, Statistics<?> stats) {
        ensure((to - from) * 8);
        for (int i = from; i < to; i++) {
            int row = order[i];
            if (nulls[row]) {
                stats.incrementNumNulls();
            } else {
                values.putDouble(v[row]);
                stats.updateStats(v[row]);
            }
        }
        return to;
    }

    private int longs(long[] v, boolean[] nulls, int[] order, int from, int to, Statistics<?> stats) {
        ensure((to - from) * 8);
        for (int i = from; i < to; i++) {
            int row = order[i];
            if (nulls[row]) {
                stats.incrementNumNulls();
            } else {
                values.putLong(v[row]);
                stats.updateStats(v[row]);
            }
        }
        return to;
    }

    private int ints(int[] v, boolean[] nulls, int[] order, int from, int to, Statistics<?> stats) {
        ensure((to - from) * 4);
        for (int i = from; i < to; i++) {
            int row = order[i];
            if (nulls[row]) {
                stats.incrementNumNulls();
            } else {
                values.putInt(v[row]);
                stats.updateStats(v[row]);
            }
        }
        return to;
    }

    private int booleans(boolean[] v, boolean[] nulls, int[] order, int from, int to, Statistics<?> stats) {
        ensure((to - from + 7) / 8);
        byte[] bits = values.array();
        Arrays.fill(bits, 0, (to - from + 7) / 8, (byte) 0);
        int present = 0;
        for (int i = from; i < to; i++) {
            int row = order[i];
            if (nulls[row]) {
                stats.incrementNumNulls();
            } else {
                if (v[row]) {
                    bits[present >>> 3] |= (byte) (1 << (present & 7));
                }
                present++;
                stats.updateStats(v[row]);
            }
        }
        values.position((present + 7) / 8);
        return to;
    }

    private int strings(String[] v, boolean[] nulls, int[] order, int from, int to, Statistics<?> stats) {
        for (int i = from; i < to; i++) {
            if (i > from && values.position() >= byteLimit) {
                return i;
            }
            int row = order[i];
            if (nulls[row]) {
                stats.incrementNumNulls();
            } else {
                byte[] utf8 = v[row].getBytes(StandardCharsets.UTF_8);
                ensure(4 + utf8.length);
                values.putInt(utf8.length).put(utf8);
                stats.updateStats(Binary.fromConstantByteArray(utf8));
            }
        }
        return to;
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
