package io.quantmini.gold;

import io.quantmini.lake.DayFiles;
import io.quantmini.lake.PlainPages;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ticker column and chosen numeric columns of one day file (bronze or silver), read column by column
 * with Parquet's low-level reader: only the projected column chunks are decoded and no record objects are
 * built. Every numeric value comes back as a double; a null, or a column the file does not have, is NaN.
 * Column names match ignoring case ({@code KMID} or {@code kmid}).
 */
record DayColumns(String[] tickers, double[][] values) {

    static final String TICKER = "ticker";

    int rows() {
        return tickers.length;
    }

    /** Reads a day file's ticker and {@code columns}; whatever goes wrong is an IOException that names the file. */
    static DayColumns read(Path file, List<String> columns) throws IOException {
        try {
            return readFile(file, columns);
        } catch (IOException | RuntimeException e) {
            throw new IOException(DayFiles.whyUnreadable(file, e, "cannot read day file " + file), e);
        }
    }

    private static DayColumns readFile(Path file, List<String> columns) throws IOException {
        // Explicit options: ParquetFileReader.open(file) alone builds a Hadoop Configuration per call, which
        // measured ~8 ms a file here (0.25 ms with these), more than decoding a 10,000-row day.
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            DayFiles.requireOwnDay(file, reader.getFooter().getFileMetaData().getKeyValueMetaData());
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            Map<String, String> byLowerName = new HashMap<>();
            for (Type field : schema.getFields()) {
                byLowerName.putIfAbsent(field.getName().toLowerCase(Locale.ROOT), field.getName());
            }
            String[] actual = new String[columns.size()];
            List<Type> projected = new ArrayList<>();
            projected.add(schema.getType(TICKER));
            for (int c = 0; c < columns.size(); c++) {
                actual[c] = byLowerName.get(columns.get(c).toLowerCase(Locale.ROOT));
                if (actual[c] != null && !actual[c].equals(TICKER)) {
                    projected.add(schema.getType(actual[c]));
                }
            }
            MessageType projection = new MessageType(schema.getName(), projected);
            reader.setRequestedSchema(projection);

            int total = Math.toIntExact(reader.getRecordCount());
            String[] tickers = new String[total];
            double[][] values = new double[columns.size()][];
            for (int c = 0; c < columns.size(); c++) {
                values[c] = new double[total];
                if (actual[c] == null) {
                    Arrays.fill(values[c], Double.NaN);
                }
            }
            int offset = 0;
            List<BlockMetaData> blocks = reader.getRowGroups();
            int index = 0;
            for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
                int rows = Math.toIntExact(pages.getRowCount());
                BlockMetaData block = blocks.get(index++);
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages,
                        new DummyRecordConverter(projection).getRootConverter(), projection, createdBy);
                ColumnDescriptor ticker = descriptor(projection, TICKER);
                if (PlainPages.decodable(block, ticker)) {
                    int from = offset;
                    PlainPages.binaries(pages.getPageReader(ticker), ticker, rows,
                            (row, bytes) -> tickers[from + row] = bytes == null ? null : utf8(bytes));
                } else {
                    readTickers(store.getColumnReader(ticker), tickers, offset, rows);
                }
                for (int c = 0; c < columns.size(); c++) {
                    if (actual[c] == null) {
                        continue;
                    }
                    ColumnDescriptor column = descriptor(projection, actual[c]);
                    if (PlainPages.decodable(block, column)) {
                        PlainPages.numbers(pages.getPageReader(column), column, values[c], offset, rows);
                    } else {
                        readNumbers(store.getColumnReader(column), values[c], offset, rows);
                    }
                }
                offset += rows;
            }
            return new DayColumns(tickers, values);
        }
    }

    private static ColumnDescriptor descriptor(MessageType schema, String column) {
        return schema.getColumnDescription(new String[] {column});
    }

    /**
     * As {@link Binary#toStringUsingUTF8}, whose charset decoder (looked up per call) took more time than the rest
     * of reading a ticker; the String constructor decodes ASCII in one intrinsic copy.
     */
    private static String utf8(Binary bytes) {
        ByteBuffer buffer = bytes.toByteBuffer();
        if (!buffer.hasArray()) {
            return bytes.toStringUsingUTF8();
        }
        return new String(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining(),
                StandardCharsets.UTF_8);
    }

    private static void readTickers(ColumnReader column, String[] out, int offset, int rows) {
        int defined = column.getDescriptor().getMaxDefinitionLevel();
        for (int i = 0; i < rows; i++) {
            out[offset + i] = column.getCurrentDefinitionLevel() == defined
                    ? column.getBinary().toStringUsingUTF8() : null;
            column.consume();
        }
    }

    private static void readNumbers(ColumnReader column, double[] out, int offset, int rows) {
        int defined = column.getDescriptor().getMaxDefinitionLevel();
        switch (column.getDescriptor().getPrimitiveType().getPrimitiveTypeName()) {
            case DOUBLE -> {
                for (int i = 0; i < rows; i++) {
                    out[offset + i] = column.getCurrentDefinitionLevel() == defined ? column.getDouble() : Double.NaN;
                    column.consume();
                }
            }
            case FLOAT -> {
                for (int i = 0; i < rows; i++) {
                    out[offset + i] = column.getCurrentDefinitionLevel() == defined ? column.getFloat() : Double.NaN;
                    column.consume();
                }
            }
            case INT64 -> {
                for (int i = 0; i < rows; i++) {
                    out[offset + i] = column.getCurrentDefinitionLevel() == defined ? column.getLong() : Double.NaN;
                    column.consume();
                }
            }
            case INT32 -> {
                for (int i = 0; i < rows; i++) {
                    out[offset + i] = column.getCurrentDefinitionLevel() == defined ? column.getInteger() : Double.NaN;
                    column.consume();
                }
            }
            default -> throw new IllegalArgumentException("column " + column.getDescriptor() + " is not numeric");
        }
    }
}
