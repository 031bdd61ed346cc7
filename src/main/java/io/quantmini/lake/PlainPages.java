package io.quantmini.lake;

import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Set;

/**
 * Decodes a flat column chunk straight from its page bytes when every page is a v1 data page of PLAIN values with
 * RLE definition levels, which is what the lake's own writers produce (see {@code bronze.ColumnPages}). Parquet's
 * {@code ColumnReader} takes each value through its level and value readers, which cost about as much again as the
 * rest of reading a bronze day (silver's reader of bronze days: 420 → 220 ns of CPU per bar). The pages still come
 * from parquet's page reader, which decompresses them; any other chunk ({@link #decodable} false) is left to the
 * {@code ColumnReader}.
 */
public final class PlainPages {

    private static final Set<Encoding> LAKE_ENCODINGS = Set.of(Encoding.PLAIN, Encoding.RLE);
    /** A required flat column has no level bytes, whichever encoding its pages declare for them. */
    private static final Set<Encoding> NO_LEVELS = Set.of(Encoding.PLAIN, Encoding.RLE, Encoding.BIT_PACKED);

    private PlainPages() {
    }

    /**
     * Whether this class reads the column's chunk in {@code block}: see
     * {@link #decodable(ColumnChunkMetaData, ColumnDescriptor)}.
     *
     * @throws IOException the row group has no chunk for the column
     */
    public static boolean decodable(BlockMetaData block, ColumnDescriptor column) throws IOException {
        ColumnPath path = ColumnPath.get(column.getPath());
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            if (chunk.getPath().equals(path)) {
                return decodable(chunk, column);
            }
        }
        throw new IOException("row group has no column chunk " + path);
    }

    /** Whether this class reads the chunk: v1 pages, no dictionary, PLAIN values, RLE levels, a flat column. */
    public static boolean decodable(ColumnChunkMetaData chunk, ColumnDescriptor column) {
        EncodingStats stats = chunk.getEncodingStats();
        return stats != null && !stats.hasDictionaryPages() && !stats.usesV2Pages()
                && stats.getDataEncodings().equals(Set.of(Encoding.PLAIN))
                && (column.getMaxDefinitionLevel() == 0 ? NO_LEVELS : LAKE_ENCODINGS).containsAll(chunk.getEncodings())
                && column.getMaxRepetitionLevel() == 0 && column.getMaxDefinitionLevel() <= 1;
    }

    /**
     * The {@code rows} values of a numeric column (DOUBLE, FLOAT, INT64 or INT32) as doubles, NaN where null, into
     * {@code into[from …]}.
     *
     * @throws IOException a page is not what {@link #decodable} promised, or the pages hold other than {@code rows}
     */
    public static void numbers(PageReader pages, ColumnDescriptor column, double[] into, int from, int rows)
            throws IOException {
        PrimitiveType.PrimitiveTypeName type = column.getPrimitiveType().getPrimitiveTypeName();
        int width = switch (type) {
            case DOUBLE, INT64 -> Long.BYTES;
            case FLOAT, INT32 -> Integer.BYTES;
            default -> throw new IllegalArgumentException("column " + column + " is not numeric");
        };
        int at = from;
        for (DataPage page = pages.readPage(); page != null; page = pages.readPage()) {
            Page p = Page.of(page, column);
            if (at - from + p.count > rows) {
                throw new IOException("column " + column + " has more values than the row group's " + rows + " rows");
            }
            ByteBuffer values = p.values;
            int next = values.position();
            try {
                for (int k = 0; k < p.count; k++) {
                    if (p.defined()) {
                        into[at++] = switch (type) {
                            case DOUBLE -> values.getDouble(next);
                            case INT64 -> values.getLong(next);
                            case FLOAT -> values.getFloat(next);
                            default -> values.getInt(next);
                        };
                        next += width;
                    } else {
                        into[at++] = Double.NaN;
                    }
                }
            } catch (IndexOutOfBoundsException e) {
                throw new IOException("column " + column + ": a page holds fewer values than it declares", e);
            }
        }
        expectRows(at - from, rows, column);
    }

    /**
     * Hands over each of the {@code rows} rows of a BINARY column, in order: its index and its value as a
     * {@link Binary} view of the page (valid during the call), or null where the row has none.
     *
     * @throws IOException a page is not what {@link #decodable} promised, or the pages hold other than {@code rows}
     */
    public static void binaries(PageReader pages, ColumnDescriptor column, int rows, BinaryConsumer each)
            throws IOException {
        int row = 0;
        for (DataPage page = pages.readPage(); page != null; page = pages.readPage()) {
            Page p = Page.of(page, column);
            if (row + p.count > rows) {
                throw new IOException("column " + column + " has more values than the row group's " + rows + " rows");
            }
            ByteBuffer values = p.values;
            byte[] array = values.array();
            int next = values.arrayOffset() + values.position();
            int end = values.arrayOffset() + values.limit();
            for (int k = 0; k < p.count; k++) {
                if (p.defined()) { // PLAIN BINARY: a 4-byte little-endian length, then that many bytes
                    int length = next + Integer.BYTES <= end ? values.getInt(next - values.arrayOffset()) : -1;
                    if (length < 0 || length > end - next - Integer.BYTES) {
                        throw new IOException("column " + column + ": a value runs past the end of its page");
                    }
                    each.accept(row++, Binary.fromConstantByteArray(array, next + Integer.BYTES, length));
                    next += Integer.BYTES + length;
                } else {
                    each.accept(row++, null);
                }
            }
        }
        expectRows(row, rows, column);
    }

    private static void expectRows(int values, int rows, ColumnDescriptor column) throws IOException {
        if (values != rows) {
            throw new IOException("column " + column + " has " + values + " values for " + rows + " rows");
        }
    }

    @FunctionalInterface
    public interface BinaryConsumer {
        void accept(int row, Binary value) throws IOException;
    }

    /** One v1 page: its value count, its definition levels (none for a required column) and its values. */
    private static final class Page {
        final int count;
        final ByteBuffer values;
        private final RunLengthBitPackingHybridDecoder levels;

        private Page(int count, ByteBuffer values, RunLengthBitPackingHybridDecoder levels) {
            this.count = count;
            this.values = values;
            this.levels = levels;
        }

        static Page of(DataPage page, ColumnDescriptor column) throws IOException {
            if (!(page instanceof DataPageV1 v1) || v1.getValueEncoding() != Encoding.PLAIN) {
                throw new IOException("column " + column + ": page is not a PLAIN v1 data page: " + page);
            }
            ByteBuffer bytes = heap(v1.getBytes().toByteBuffer()).order(ByteOrder.LITTLE_ENDIAN);
            if (column.getMaxDefinitionLevel() == 0) {
                return new Page(v1.getValueCount(), bytes, null);
            }
            if (v1.getDlEncoding() != Encoding.RLE) {
                throw new IOException("column " + column + ": definition levels are " + v1.getDlEncoding());
            }
            int start = bytes.position();
            int length = bytes.getInt(start);
            ByteBuffer levelBytes = bytes.duplicate();
            levelBytes.position(start + Integer.BYTES).limit(start + Integer.BYTES + length);
            ByteBuffer values = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            values.position(start + Integer.BYTES + length);
            return new Page(v1.getValueCount(), values,
                    new RunLengthBitPackingHybridDecoder(1, ByteBufferInputStream.wrap(levelBytes.slice())));
        }

        /** Whether the next row has a value (reads its definition level). */
        boolean defined() throws IOException {
            return levels == null || levels.readInt() == 1;
        }

        private static ByteBuffer heap(ByteBuffer buffer) {
            if (buffer.hasArray()) {
                return buffer;
            }
            ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
            copy.put(buffer.duplicate()).flip();
            return copy;
        }
    }
}
