package io.quantmini.bronze;

import io.quantmini.lake.PullOnlyConverter;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads bronze files back: whole records for the demo summary and for tests, one column for the split check.
 * Records come as Avro GenericRecords with logical types converted: a date column is a {@link java.time.LocalDate},
 * a timestamp_millis column a {@link java.time.Instant}; strings are Avro {@code Utf8} (use {@code toString()}).
 */
public final class BronzeReader {

    /** Plain options: the default ones build a Hadoop Configuration, which parses Hadoop's XML defaults per file. */
    private static final ParquetReadOptions PLAIN = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();

    private BronzeReader() {
    }

    public static List<GenericRecord> readAll(Path parquetFile) throws IOException {
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        List<GenericRecord> records = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader
                .<GenericRecord>builder(new LocalInputFile(parquetFile), new PlainParquetConfiguration())
                .withDataModel(model)
                .build()) {
            for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
                records.add(record);
            }
        }
        return records;
    }

    /** The row count from the footer, without reading any data page. */
    public static long countRows(Path parquetFile) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(parquetFile), PLAIN)) {
            return reader.getRecordCount();
        }
    }

    /**
     * A bronze day's rows, column by column into {@link DayRows} (no record objects): what a rewrite of the day reads.
     * Every row's source is unknown (page 0, offsets 0).
     */
    static DayRows readRows(Path parquetFile, DatasetSchema schema) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(parquetFile), PLAIN)) {
            FileMetaData meta = reader.getFooter().getFileMetaData();
            MessageType fileSchema = meta.getSchema();
            List<ColumnSpec> columns = schema.columns();
            DayRows rows = new DayRows(columns, Math.toIntExact(reader.getRecordCount()));
            for (PageReadStore group = reader.readNextRowGroup(); group != null; group = reader.readNextRowGroup()) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(group, new PullOnlyConverter(), fileSchema,
                        meta.getCreatedBy());
                ColumnReader[] cells = new ColumnReader[columns.size()];
                int[] defined = new int[columns.size()];
                for (int c = 0; c < cells.length; c++) {
                    ColumnDescriptor descriptor = fileSchema.getColumnDescription(new String[] {columns.get(c).name()});
                    cells[c] = store.getColumnReader(descriptor);
                    defined[c] = descriptor.getMaxDefinitionLevel();
                }
                for (long row = 0; row < group.getRowCount(); row++) {
                    rows.beginRow();
                    for (int c = 0; c < cells.length; c++) {
                        ColumnReader cell = cells[c];
                        if (cell.getCurrentDefinitionLevel() < defined[c]) {
                            rows.setNull(c);
                        } else {
                            switch (columns.get(c).type()) {
                                case STRING -> rows.setString(c, cell.getBinary().toStringUsingUTF8());
                                case DOUBLE -> rows.setDouble(c, cell.getDouble());
                                case LONG, TIMESTAMP_MILLIS -> rows.setLong(c, cell.getLong());
                                case DATE -> rows.setInt(c, cell.getInteger());
                                case BOOLEAN -> rows.setBoolean(c, cell.getBoolean());
                            }
                        }
                        cell.consume();
                    }
                    rows.commitRow(0, 0, 0);
                }
            }
            return rows;
        }
    }

    /** The distinct values of a string column, reading that column only. */
    public static Set<String> distinctStrings(Path parquetFile, String column) throws IOException {
        Set<String> values = new HashSet<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(parquetFile), PLAIN)) {
            FileMetaData meta = reader.getFooter().getFileMetaData();
            MessageType projection = new MessageType(meta.getSchema().getName(), meta.getSchema().getType(column));
            ColumnDescriptor descriptor = projection.getColumns().get(0);
            reader.setRequestedSchema(projection);
            for (PageReadStore group = reader.readNextRowGroup(); group != null; group = reader.readNextRowGroup()) {
                ColumnReader cells = new ColumnReadStoreImpl(group, new PullOnlyConverter(), projection, meta.getCreatedBy())
                        .getColumnReader(descriptor);
                for (long row = 0; row < group.getRowCount(); row++) {
                    if (cells.getCurrentDefinitionLevel() == descriptor.getMaxDefinitionLevel()) {
                        values.add(cells.getBinary().toStringUsingUTF8());
                    }
                    cells.consume();
                }
            }
        }
        return values;
    }

    /** The footer's key-value metadata (lineage), e.g. {@link BronzeDayWriter#META_REQUEST_IDS}. */
    public static Map<String, String> footerMetadata(Path parquetFile) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(parquetFile), PLAIN)) {
            return Map.copyOf(reader.getFooter().getFileMetaData().getKeyValueMetaData());
        }
    }
}
