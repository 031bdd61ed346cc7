package io.quantmini.bronze;

import io.quantmini.lake.DirectOutputFile;
import io.quantmini.lake.ParquetDayFormat;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes chosen rows of a {@link DayRows} to one ZSTD Parquet file on a local path, with the lake's
 * {@link ParquetDayFormat} settings, through a {@link DirectOutputFile}: no Hadoop FileSystem, no {@code .crc}
 * side files.
 *
 * <p>Column by column, as {@code SilverDayWriter} does: {@link ColumnPages} encodes each column's pages from
 * {@link DayRows}' primitive arrays and hands them to parquet's page store (which keeps the chunk statistics and the
 * column and offset indexes), and pages are compressed through one {@link ParquetDayFormat#zstdPages} context per
 * file. The row-wise path ({@code ParquetWriter} + a {@code WriteSupport}) spent most of its time in the record
 * consumer's per-field bookkeeping, and parquet's column writers a good part of the rest.
 */
final class ParquetDayFile {

    /**
     * The name the former {@code WriteSupport} recorded as {@code writer.model.name}; kept for readers that show it.
     */
    static final String MODEL_NAME = "quantmini-bronze";
    private static final String MODEL_NAME_KEY = "writer.model.name";
    /** Rows per row group; a day of grouped bars (~10k rows) is one. */
    private static final int ROWS_PER_GROUP = 1 << 20;
    /**
     * ZSTD level of bronze pages. Measured on grouped-daily pages: level 2 compresses the price columns as well as
     * parquet's default level 3 (2.0x) and the whole file within a few percent, in ~70% of the time; ZSTD was a quarter
     * of the bronze writer's CPU at level 3. Level 1 was no faster here and compressed prices to 1.6x.
     */
    static final int ZSTD_LEVEL = 2;

    /** A dataset schema's Parquet type, built once (schemas are loaded once per dataset and kept). */
    private static final Map<DatasetSchema, MessageType> MESSAGE_TYPES =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** Each writing thread's page encoder: its page buffer grows to a day's column once, not once per file. */
    private static final ThreadLocal<ColumnPages> ENCODERS = new ThreadLocal<>();

    private ParquetDayFile() {
    }

    private static ColumnPages encoder(int rowLimit, int byteLimit) {
        ColumnPages encoder = ENCODERS.get();
        if (encoder == null || !encoder.hasLimits(rowLimit, byteLimit)) {
            encoder = new ColumnPages(rowLimit, byteLimit);
            ENCODERS.set(encoder);
        }
        return encoder;
    }

    static void write(Path file, DatasetSchema schema, DayRows rows, int[] order, Map<String, String> footer)
            throws IOException {
        write(file, schema, rows, order, footer, ParquetDayFormat.properties());
    }

    /** With other page limits than the lake's (tests cut pages small). */
    static void write(Path file, DatasetSchema schema, DayRows rows, int[] order, Map<String, String> footer,
                      ParquetProperties props) throws IOException {
        MessageType messageType = MESSAGE_TYPES.computeIfAbsent(schema, ParquetSchemas::of);
        List<ColumnDescriptor> descriptors = messageType.getColumns();
        DirectOutputFile output = new DirectOutputFile(file);
        ParquetFileWriter out = new ParquetFileWriter(output, messageType, ParquetFileWriter.Mode.OVERWRITE,
                Long.MAX_VALUE, 0, null, props);
        boolean done = false;
        try (ParquetDayFormat.ZstdPages zstd = ParquetDayFormat.zstdPages(ZSTD_LEVEL)) {
            writeGroups(out, messageType, descriptors, rows.columns(), props, zstd, rows, order);
            Map<String, String> meta = new LinkedHashMap<>(footer);
            meta.put(MODEL_NAME_KEY, MODEL_NAME);
            out.end(meta);
            done = true;
        } finally {
            if (!done) {
                out.abort();
                output.discard(); // the descriptor abort() leaves open; AtomicFiles removes the file
            }
        }
    }

    private static void writeGroups(ParquetFileWriter out, MessageType messageType, List<ColumnDescriptor> descriptors,
                                    List<ColumnSpec> columns, ParquetProperties props, ParquetDayFormat.ZstdPages zstd,
                                    DayRows rows, int[] order)
            throws IOException {
        ColumnPages encoder = encoder(props.getPageRowCountLimit(), props.getPageSizeThreshold());
        out.start();
        for (int groupStart = 0; groupStart < order.length; groupStart += ROWS_PER_GROUP) {
            int groupEnd = Math.min(order.length, groupStart + ROWS_PER_GROUP);
            ColumnChunkPageWriteStore pages = ParquetDayFormat.pageStore(messageType, zstd, props);
            try {
                out.startBlock(groupEnd - groupStart);
                for (int c = 0; c < columns.size(); c++) {
                    ColumnDescriptor descriptor = descriptors.get(c);
                    encoder.write(pages.getPageWriter(descriptor), descriptor, columns.get(c).type(),
                            rows.columnValues(c), rows.columnNulls(c), order, groupStart, groupEnd);
                }
                pages.flushToFileWriter(out);
                out.endBlock();
            } finally {
                pages.close();
            }
        }
    }
}
