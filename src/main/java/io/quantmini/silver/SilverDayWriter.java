package io.quantmini.silver;

import io.quantmini.bronze.BronzeDayWriter;
import io.quantmini.lake.AtomicFiles;
import io.quantmini.lake.ParquetDayFormat;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one silver day file: the bronze day's rows, every bronze column copied as stored, plus the 158 feature
 * columns, in one row group, with the lake's {@link ParquetDayFormat} (ZSTD, no dictionary, deterministic bytes)
 * and through {@link AtomicFiles}.
 *
 * <p>Why not a {@code ParquetWriter} + {@code WriteSupport} like bronze: that path hands every value through the
 * record consumer, and a silver day is 10,000 × 169 values; measured here it wrote ~13M values/s, i.e. minutes for
 * 2 billion feature values. This class drives parquet's own pieces column by column instead — the file writer,
 * page store, statistics and column indexes are parquet's; bronze columns go through parquet's column writers;
 * feature columns, being required FLOAT, are one PLAIN page each (little-endian float32s), built here directly.
 *
 * <p>The file's mtime is set to the bronze file's mtime as it was when the run read it: the silver file then says
 * which bronze version it was built from, and a bronze rewrite at any later moment (even during this run) leaves
 * bronze newer, hence stale for the next run.
 */
final class SilverDayWriter {

    private SilverDayWriter() {
    }

    /**
     * @param ids      the bronze rows' symbol ids as the run read them; the copy checks the file still has them
     * @param features {@code [158][rows]} in bronze row order
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
        try (ParquetColumns bronze = ParquetColumns.open(bronzeFile)) {
            if (bronze.rows() != ids.length) {
                throw changed(bronzeFile);
            }
            MessageType bronzeSchema = bronze.schema();
            MessageType schema = SilverSchema.of(bronzeSchema);
            ParquetProperties props = ParquetDayFormat.properties();
            ParquetFileWriter file = new ParquetFileWriter(new LocalOutputFile(temp), schema,
                    ParquetFileWriter.Mode.OVERWRITE, Long.MAX_VALUE, 0, null, props);
            ParquetDayFormat.ZstdPages zstd = ParquetDayFormat.zstdPages(ParquetDayFormat.ZSTD_LEVEL);
            ColumnChunkPageWriteStore pages = ColumnChunkPageWriteStore.builder()
                    .withCompressorProvider(column -> zstd)
                    .withSchema(schema)
                    .withAllocator(props.getAllocator())
                    .withColumnIndexTruncateLength(props.getColumnIndexTruncateLength())
                    .withPageWriteChecksumEnabled(props.getPageWriteChecksumEnabled())
                    .build();
            try {
                file.start();
                file.startBlock(ids.length);
                ColumnWriteStore copied = props.newColumnWriteStore(bronzeSchema, pages);
                copyBronze(bronze, bronzeFile, copied, ids, symbols);
                List<ColumnDescriptor> columns = schema.getColumns();
                int first = bronzeSchema.getColumns().size();
                for (int f = 0; f < features.length; f++) {
                    ColumnDescriptor column = columns.get(first + f);
                    writeFloatPage(pages.getPageWriter(column), column, features[f]);
                }
                pages.flushToFileWriter(file);
                file.endBlock();
                Map<String, String> meta = new LinkedHashMap<>(footer);
                String schemaVersion = bronze.footerMetadata().get(BronzeDayWriter.META_SCHEMA_VERSION);
                if (schemaVersion != null) {
                    meta.put(BronzeDayWriter.META_SCHEMA_VERSION, schemaVersion);
                }
                file.end(meta);
                copied.close();
            } finally {
                pages.close();
                zstd.close();
            }
        }
    }

    private static void copyBronze(ParquetColumns bronze, Path bronzeFile, ColumnWriteStore out, int[] ids,
                                   SymbolIds symbols) throws IOException {
        List<ColumnDescriptor> columns = bronze.schema().getColumns();
        int[] offset = {0};
        bronze.forEachRowGroup(null, group -> {
            int rows = Math.toIntExact(group.rows());
            for (ColumnDescriptor column : columns) {
                ColumnReader in = group.column(column);
                ColumnWriter writer = out.getColumnWriter(column);
                boolean ticker = column.getPath().length == 1 && column.getPath()[0].equals(BronzeBarsReader.TICKER);
                for (int r = 0; r < rows; r++) {
                    if (ticker && !symbols.ticker(ids[offset[0] + r]).equals(ParquetColumns.string(in.getBinary()))) {
                        throw changed(bronzeFile);
                    }
                    copyValue(in, writer);
                }
            }
            offset[0] += rows;
        });
        for (int r = 0; r < ids.length; r++) {
            out.endRecord();
        }
        out.flush();
    }

    private static void copyValue(ColumnReader in, ColumnWriter out) {
        int rl = in.getCurrentRepetitionLevel();
        int dl = in.getCurrentDefinitionLevel();
        if (dl < in.getDescriptor().getMaxDefinitionLevel()) {
            out.writeNull(rl, dl);
        } else {
            switch (in.getDescriptor().getPrimitiveType().getPrimitiveTypeName()) {
                case BINARY, FIXED_LEN_BYTE_ARRAY, INT96 -> out.write(in.getBinary(), rl, dl);
                case INT32 -> out.write(in.getInteger(), rl, dl);
                case INT64 -> out.write(in.getLong(), rl, dl);
                case FLOAT -> out.write(in.getFloat(), rl, dl);
                case DOUBLE -> out.write(in.getDouble(), rl, dl);
                case BOOLEAN -> out.write(in.getBoolean(), rl, dl);
            }
        }
        in.consume();
    }

    /** A required FLOAT column as one PLAIN page; levels of a required top-level column take no bytes. */
    private static void writeFloatPage(PageWriter page, ColumnDescriptor column, float[] values) throws IOException {
        byte[] bytes = new byte[values.length * Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values);
        page.writePage(BytesInput.from(bytes), values.length, values.length, floatStatistics(column, values),
                Encoding.BIT_PACKED, Encoding.BIT_PACKED, Encoding.PLAIN);
    }

    /**
     * The statistics parquet's {@code updateStats(float)} gives for {@code values}, value by value, from one tight
     * loop instead: NaNs counted apart, and the extremes of the rest under {@link Float#compare} (a total order, −0.0
     * below +0.0) handed to parquet, whose min/max over them is its min/max over all values, whichever float order
     * the column uses (IEEE 754 total order, or the type order that stores a zero min as −0.0 and a zero max as +0.0).
     * A page of NaNs only takes parquet's own loop (its NaN min/max then depends on the NaN bits).
     */
    static Statistics<?> floatStatistics(ColumnDescriptor column, float[] values) {
        Statistics<?> stats = Statistics.createStats(column.getPrimitiveType());
        float min = Float.NaN;
        float max = Float.NaN;
        long nans = 0;
        for (float v : values) {
            if (v != v) {
                nans++;
            } else if (min != min) {
                min = v;
                max = v;
            } else {
                min = Float.compare(v, min) < 0 ? v : min;
                max = Float.compare(v, max) > 0 ? v : max;
            }
        }
        if (nans == values.length) {
            for (float v : values) {
                stats.updateStats(v);
            }
            return stats;
        }
        stats.updateStats(min);
        stats.updateStats(max);
        if (nans > 0) {
            stats.incrementNanCount(nans);
        }
        return stats;
    }

    private static IOException changed(Path bronzeFile) {
        return new IOException("bronze day changed while silver was reading it: " + bronzeFile + " (re-run silver)");
    }
}
