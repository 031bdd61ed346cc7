package io.quantmini.silver;

import io.quantmini.bronze.BronzeDayWriter;
import io.quantmini.lake.AtomicFiles;
import io.quantmini.lake.DirectOutputFile;
import io.quantmini.lake.ParquetDayFormat;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
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
 * columns, in the bronze file's row groups (one), with the lake's {@link ParquetDayFormat} (ZSTD, no dictionary, deterministic bytes)
 * and through {@link AtomicFiles}.
 *
 * <p>Why not a {@code ParquetWriter} + {@code WriteSupport} like bronze: that path hands every value through the
 * record consumer, and a silver day is 10,000 × 169 values; measured here it wrote ~13M values/s, i.e. minutes for
 * 2 billion feature values. This class drives parquet's own pieces column by column instead — the file writer,
 * page store, statistics and column indexes are parquet's; bronze column chunks are copied as bytes (parquet's
 * {@code appendColumnChunk}, as its file rewriter does) from the bronze file read once into memory, the same bytes
 * the ticker check read, so both see one version of it; feature columns, being required FLOAT, are one PLAIN page each (little-endian float32s), built here directly.
 *
 * <p>The file's mtime is set to the bronze file's mtime as it was when the run read it: the silver file then says
 * which bronze version it was built from, and a bronze rewrite at any later moment (even during this run) leaves
 * bronze newer, hence stale for the next run.
 */
final class SilverDayWriter {

    /**
     * ZSTD level of the feature columns. Measured on silver feature pages (CPU per raw MB, size after ZSTD): level 1
     * compresses at 1.4× the speed of level 3 for 0.8% more bytes (0.736 vs 0.730 of PLAIN). BYTE_STREAM_SPLIT gained
     * under 0.5% in size at either level and cost time, so pages stay PLAIN.
     */
    static final int FEATURE_ZSTD_LEVEL = 1;

    private SilverDayWriter() {
    }

    /**
     * @param ids      the bronze rows' symbol ids as the run read them; the copy checks the file still has them
     * @param features {@code [158][≥ rows]}: each column's first values are the bronze rows', in bronze row order
     */
    static void write(Path target, Path bronzeFile, FileTime bronzeMtime, int[] ids, SymbolIds symbols,
                      float[][] features, Map<String, String> footer) throws IOException {
        AtomicFiles.write(target, temp -> {
            writeFile(temp, bronzeFile, ids, symbols, features, footer);
            Files.setLastModifiedTime(temp, bronzeMtime);
        });
    }

    private static void writeFile(Path temp, Path bronzeFile, int[] ids, SymbolIds symbols, float[][] features,
                                  Map<String, String> footer) throws IOException {
        BytesInputFile bronzeBytes = BytesInputFile.read(bronzeFile);
        SeekableInputStream stream = bronzeBytes.newStream();
        try (ParquetColumns bronze = ParquetColumns.open(bronzeBytes, stream)) {
            if (bronze.rows() != ids.length) {
                throw changed(bronzeFile);
            }
            checkTickers(bronze, bronzeFile, ids, symbols);
            MessageType bronzeSchema = bronze.schema();
            MessageType schema = SilverSchema.of(bronzeSchema);
            List<ColumnDescriptor> columns = schema.getColumns();
            int first = bronzeSchema.getColumns().size();
            MessageType featureSchema = new MessageType(schema.getName(),
                    schema.getFields().subList(bronzeSchema.getFieldCount(), schema.getFieldCount()));
            ParquetProperties props = ParquetDayFormat.properties();
            ParquetFileWriter file = new ParquetFileWriter(new DirectOutputFile(temp), schema,
                    ParquetFileWriter.Mode.OVERWRITE, Long.MAX_VALUE, 0, null, props);
            try (ParquetDayFormat.ZstdPages zstd = ParquetDayFormat.zstdPages(FEATURE_ZSTD_LEVEL)) {
                file.start();
                // One silver row group per bronze row group (bronze writes one): its bronze column chunks copied
                // byte for byte — pages, statistics, indexes — then the features of the same rows.
                int offset = 0;
                for (BlockMetaData group : bronze.rowGroups()) {
                    int rows = Math.toIntExact(group.getRowCount());
                    file.startBlock(rows);
                    for (ColumnChunkMetaData chunk : group.getColumns()) {
                        file.appendColumnChunk(columns.get(bronzeSchema.getColumns().indexOf(
                                        bronzeSchema.getColumnDescription(chunk.getPath().toArray()))), stream, chunk,
                                null, bronze.columnIndex(chunk), bronze.offsetIndex(chunk));
                    }
                    ColumnChunkPageWriteStore pages = ColumnChunkPageWriteStore.builder()
                            .withCompressorProvider(column -> zstd)
                            .withSchema(featureSchema)
                            .withAllocator(props.getAllocator())
                            .withColumnIndexTruncateLength(props.getColumnIndexTruncateLength())
                            .withPageWriteChecksumEnabled(props.getPageWriteChecksumEnabled())
                            .build();
                    try {
                        // one page buffer for the group: the page store compresses each page as it is handed over
                        byte[] page = new byte[rows * Float.BYTES];
                        for (int f = 0; f < features.length; f++) {
                            ColumnDescriptor column = columns.get(first + f);
                            writeFloatPage(pages.getPageWriter(column), column, features[f], offset, rows, page);
                        }
                        pages.flushToFileWriter(file);
                    } finally {
                        pages.close();
                    }
                    file.endBlock();
                    offset += rows;
                }
                Map<String, String> meta = new LinkedHashMap<>(footer);
                String schemaVersion = bronze.footerMetadata().get(BronzeDayWriter.META_SCHEMA_VERSION);
                if (schemaVersion != null) {
                    meta.put(BronzeDayWriter.META_SCHEMA_VERSION, schemaVersion);
                }
                file.end(meta);
            }
        }
    }

    /** The bronze rows must still be the ones the run computed for: same tickers, same order. */
    private static void checkTickers(ParquetColumns bronze, Path bronzeFile, int[] ids, SymbolIds symbols)
            throws IOException {
        int[] offset = {0};
        bronze.forEachRowGroup(List.of(BronzeBarsReader.TICKER), group -> {
            int rows = Math.toIntExact(group.rows());
            ColumnReader in = group.column(BronzeBarsReader.TICKER);
            for (int r = 0; r < rows; r++) {
                if (!symbols.is(ids[offset[0] + r], in.getBinary())) {
                    throw changed(bronzeFile);
                }
                in.consume();
            }
            offset[0] += rows;
        });
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
     * The statistics parquet's {@code updateStats(float)} gives for {@code values}, value by value, from one tight
     * loop instead: NaNs counted apart, and the extremes of the rest under {@link Float#compare}'s order (a total
     * order, −0.0 below +0.0; compared here as ints) handed to parquet, whose min/max over them is its min/max over all values, whichever float order
     * the column uses (IEEE 754 total order, or the type order that stores a zero min as −0.0 and a zero max as +0.0).
     * A page of NaNs only takes parquet's own loop, given the canonical NaN that is written.
     */
    static Statistics<?> floatStatistics(ColumnDescriptor column, float[] values) {
        return floatStatistics(column, values, 0, values.length);
    }

    /** As {@link #floatStatistics(ColumnDescriptor, float[])} of {@code values[from … to)}. */
    static Statistics<?> floatStatistics(ColumnDescriptor column, float[] values, int from, int to) {
        Statistics<?> stats = Statistics.createStats(column.getPrimitiveType());
        // Float.compare's order on non-NaN floats, as ints: flip the magnitude bits of negatives.
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        long nans = 0;
        for (int i = from; i < to; i++) {
            float v = values[i];
            if (v != v) {
                nans++;
            } else {
                int bits = Float.floatToRawIntBits(v);
                int key = bits ^ ((bits >> 31) & 0x7fffffff);
                min = Math.min(min, key);
                max = Math.max(max, key);
            }
        }
        if (nans == to - from) {
            for (int i = from; i < to; i++) {
                stats.updateStats(Float.NaN); // the NaNs as they are written: see writeCanonicalNaNs
            }
            return stats;
        }
        stats.updateStats(Float.intBitsToFloat(min ^ ((min >> 31) & 0x7fffffff)));
        stats.updateStats(Float.intBitsToFloat(max ^ ((max >> 31) & 0x7fffffff)));
        if (nans > 0) {
            stats.incrementNanCount(nans);
        }
        return stats;
    }

    private static IOException changed(Path bronzeFile) {
        return new IOException("bronze day changed while silver was reading it: " + bronzeFile + " (re-run silver)");
    }
}
