package io.quantmini.silver;

import io.quantmini.lake.AtomicFiles;
import io.quantmini.lake.DirectOutputFile;
import io.quantmini.lake.FooterKeys;
import io.quantmini.lake.ParquetColumns;
import io.quantmini.lake.ParquetDayFormat;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one silver day file: the bronze day's rows, every bronze column copied as stored, plus the 158 feature
 * columns, in the bronze file's row groups (one), with the lake's {@link ParquetDayFormat} (ZSTD, no dictionary,
 * deterministic bytes) and through {@link AtomicFiles}.
 *
 * <p>Why not a {@code ParquetWriter} + {@code WriteSupport} (bronze's former path): that path hands every value
 * through the record consumer, and a silver day is 10,000 × 169 values; measured here it wrote ~13M values/s, i.e.
 * minutes for 2 billion feature values. This class drives parquet's own pieces column by column instead — the file
 * writer, page store, statistics and column indexes are parquet's; bronze column chunks are copied as bytes
 * (parquet's {@code appendColumnChunk}, as its file rewriter does) from the bronze file read once into memory;
 * feature columns, being required FLOAT, are one PLAIN page each (little-endian float32s), built here directly.
 *
 * <p>The bronze bytes copied must be the ones the features were computed from (same checksum): a bronze day
 * rewritten since the run read it is refused, not mixed with features of its former rows. The file's mtime is set to
 * the bronze file's mtime as it was when the run read it: the silver file then says which bronze version it was
 * built from, and a bronze rewrite at any later moment gives bronze another time, hence stale for the next run.
 */
final class SilverDayWriter {

    /**
     * ZSTD level of the feature columns. Measured on silver feature pages (CPU per raw MB, size after ZSTD): level 1
     * compresses at 1.4× the speed of level 3 for 0.8% more bytes (0.736 vs 0.730 of PLAIN). BYTE_STREAM_SPLIT gained
     * under 0.5% in size at either level and cost time, so pages stay PLAIN.
     */
    static final int FEATURE_ZSTD_LEVEL = 1;

    /** Values whose extremes {@link #floatStatistics} takes in one branch-free pass before it looks for a NaN. */
    private static final int NAN_FREE_BLOCK = 512;

    private SilverDayWriter() {
    }

    /**
     * @param bronzeChecksum the {@link BytesInputFile#checksum} of the bronze file the features were computed from:
     *                       the file must still have those bytes
     * @param features       the 158 columns of the bronze rows, in bronze row order
     */
    static void write(Path target, Path bronzeFile, FileTime bronzeMtime, long bronzeChecksum, DayFeatures features,
                      Map<String, String> footer) throws IOException {
        AtomicFiles.write(target, temp -> {
            writeFile(temp, bronzeFile, bronzeChecksum, features, footer);
            Files.setLastModifiedTime(temp, bronzeMtime);
        });
    }

    private static void writeFile(Path temp, Path bronzeFile, long bronzeChecksum, DayFeatures features,
                                  Map<String, String> footer) throws IOException {
        BytesInputFile bronzeBytes = BytesInputFile.read(bronzeFile);
        if (bronzeBytes.checksum() != bronzeChecksum) {
            throw new IOException("bronze day changed while silver was reading it: " + bronzeFile + " (re-run silver)");
        }
        SeekableInputStream stream = bronzeBytes.newStream();
        try (ParquetColumns bronze = ParquetColumns.open(bronzeBytes, stream)) {
            long bronzeRows = bronze.rowGroups().stream().mapToLong(BlockMetaData::getRowCount).sum();
            if (features.stride() < bronzeRows) { // the next column's values would be taken for this one's
                throw new IllegalArgumentException("features for " + features.stride() + " rows, but the bronze day"
                        + " has " + bronzeRows + ": " + bronzeFile);
            }
            MessageType schema = SilverSchema.of(bronze.schema());
            ParquetProperties props = ParquetDayFormat.properties();
            DirectOutputFile output = new DirectOutputFile(temp);
            ParquetFileWriter file = new ParquetFileWriter(output, schema, ParquetFileWriter.Mode.OVERWRITE,
                    Long.MAX_VALUE, 0, null, props);
            boolean done = false;
            try (ParquetDayFormat.ZstdPages zstd = ParquetDayFormat.zstdPages(FEATURE_ZSTD_LEVEL)) {
                file.start();
                // One silver row group per bronze row group (bronze writes one): its bronze column chunks copied
                // byte for byte — pages, statistics, indexes — then the features of the same rows.
                int offset = 0;
                for (BlockMetaData group : bronze.rowGroups()) {
                    int rows = Math.toIntExact(group.getRowCount());
                    file.startBlock(rows);
                    copyBronzeChunks(file, bronze, stream, group, schema);
                    writeFeatureChunks(file, zstd, props, schema, bronze.schema().getFieldCount(), features, offset,
                            rows);
                    file.endBlock();
                    offset += rows;
                }
                Map<String, String> meta = new LinkedHashMap<>(footer);
                String schemaVersion = bronze.footerMetadata().get(FooterKeys.SCHEMA_VERSION);
                if (schemaVersion != null) {
                    meta.put(FooterKeys.SCHEMA_VERSION, schemaVersion);
                }
                file.end(meta);
                done = true;
            } finally {
                if (!done) {
                    file.abort();
                    output.discard(); // the descriptor abort() leaves open; AtomicFiles removes the file
                }
            }
        }
    }

    /** The bronze row group's column chunks, copied as stored into the silver file's columns of the same names. */
    private static void copyBronzeChunks(ParquetFileWriter file, ParquetColumns bronze, SeekableInputStream stream,
                                         BlockMetaData group, MessageType schema) throws IOException {
        for (ColumnChunkMetaData chunk : group.getColumns()) {
            file.appendColumnChunk(schema.getColumnDescription(chunk.getPath().toArray()), stream, chunk, null,
                    bronze.columnIndex(chunk), bronze.offsetIndex(chunk));
        }
    }

    /** The feature columns of one row group (the silver schema's fields from {@code first} on), one page each. */
    private static void writeFeatureChunks(ParquetFileWriter file, ParquetDayFormat.ZstdPages zstd,
                                           ParquetProperties props, MessageType schema, int first, DayFeatures features,
                                           int offset, int rows) throws IOException {
        MessageType featureSchema = new MessageType(schema.getName(),
                schema.getFields().subList(first, schema.getFieldCount()));
        ColumnChunkPageWriteStore pages = ParquetDayFormat.pageStore(featureSchema, zstd, props);
        try {
            // one page buffer for the group: the page store compresses each page as it is handed over
            byte[] page = new byte[rows * Float.BYTES];
            List<ColumnDescriptor> columns = featureSchema.getColumns();
            for (int f = 0; f < columns.size(); f++) {
                ColumnDescriptor column = columns.get(f);
                writeFloatPage(pages.getPageWriter(column), column, features.values(), features.column(f) + offset,
                        rows, page);
            }
            pages.flushToFileWriter(file);
        } finally {
            pages.close();
        }
    }

    /**
     * {@code values[from … from+count)} of a required FLOAT column as one PLAIN page, encoded in {@code bytes}; levels
     * of a required top-level column take no bytes.
     */
    private static void writeFloatPage(PageWriter page, ColumnDescriptor column, float[] values, int from, int count,
                                       byte[] bytes) throws IOException {
        FloatBuffer encoded = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values, from,
                count);
        Statistics<?> statistics = floatStatistics(column, values, from, from + count);
        if (statistics.getNanCount() > 0) {
            writeCanonicalNaNs(values, from, count, encoded);
        }
        page.writePage(BytesInput.from(bytes), count, count, statistics,
                Encoding.RLE, Encoding.RLE, Encoding.PLAIN); // levels of max 0 declared RLE: see ColumnPages
    }

    /**
     * Re-encodes every NaN of the page as {@link Float#NaN}. Which NaN an operation returns where two NaNs meet (a
     * NaN close times a 0/0 slope, say) depends on the order in which the JIT happens to place a commutative
     * operation's operands, so the same features could otherwise be written with different bytes from run to run.
     */
    private static void writeCanonicalNaNs(float[] values, int from, int count, FloatBuffer encoded) {
        for (int i = 0; i < count; i++) {
            float v = values[from + i];
            if (v != v) {
                encoded.put(i, Float.NaN);
            }
        }
    }

    /**
     * The statistics parquet's {@code updateStats(float)} gives for {@code values}, value by value, from tight loops
     * instead: NaNs counted apart, and the extremes of the rest under {@link Float#compare}'s order (a total order,
     * −0.0 below +0.0) handed to parquet, whose min/max over them is its min/max over all values, whichever float
     * order the column uses (IEEE 754 total order, or the type order that stores a zero min as −0.0 and a zero max as
     * +0.0). A page of NaNs only takes parquet's own loop, given the canonical NaN that is written.
     */
    static Statistics<?> floatStatistics(ColumnDescriptor column, float[] values) {
        return floatStatistics(column, values, 0, values.length);
    }

    /** As {@link #floatStatistics(ColumnDescriptor, float[])} of {@code values[from … to)}. */
    static Statistics<?> floatStatistics(ColumnDescriptor column, float[] values, int from, int to) {
        Statistics<?> stats = Statistics.createStats(column.getPrimitiveType());
        // Most pages hold no NaN. Math.min/max order −0.0 below +0.0 as Float.compare does and return NaN once they
        // meet one, so they give the extremes of NaN-free blocks in a loop without branches (~0.8 against ~1.4 ns per
        // value for the keyed loop, measured on 10,000-value pages); from the first block with a NaN on, the keyed
        // loop counts NaNs apart.
        float low = Float.POSITIVE_INFINITY;
        float high = Float.NEGATIVE_INFINITY;
        int i = from;
        while (i < to) {
            int end = Math.min(to, i + NAN_FREE_BLOCK);
            float blockLow = low;
            float blockHigh = high;
            for (int j = i; j < end; j++) {
                blockLow = Math.min(blockLow, values[j]);
                blockHigh = Math.max(blockHigh, values[j]);
            }
            if (Float.isNaN(blockLow)) {
                break;
            }
            low = blockLow;
            high = blockHigh;
            i = end;
        }
        // Float.compare's order on non-NaN floats, as ints: flip the magnitude bits of negatives.
        int min = i > from ? orderKey(low) : Integer.MAX_VALUE;
        int max = i > from ? orderKey(high) : Integer.MIN_VALUE;
        long nans = 0;
        for (; i < to; i++) {
            float v = values[i];
            if (v != v) {
                nans++;
            } else {
                int key = orderKey(v);
                min = Math.min(min, key);
                max = Math.max(max, key);
            }
        }
        if (nans == to - from) {
            for (int k = from; k < to; k++) {
                stats.updateStats(Float.NaN); // the NaNs as they are written: see writeCanonicalNaNs
            }
            return stats;
        }
        stats.updateStats(fromOrderKey(min));
        stats.updateStats(fromOrderKey(max));
        if (nans > 0) {
            stats.incrementNanCount(nans);
        }
        return stats;
    }

    private static int orderKey(float v) {
        int bits = Float.floatToRawIntBits(v);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    private static float fromOrderKey(int key) {
        return Float.intBitsToFloat(key ^ ((key >> 31) & 0x7fffffff));
    }
}
