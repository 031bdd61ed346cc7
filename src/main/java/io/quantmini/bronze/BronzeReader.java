package io.quantmini.bronze;

import io.quantmini.lake.ParquetColumns;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads bronze files back: whole records for the splits dataset ({@link BronzeSplits}, {@link RefetchedDay}'s
 * comparison) and for tests; columns, through {@link ParquetColumns}, for the split check and the per-ticker patches.
 * Records come as Avro GenericRecords with logical types converted: a date column is a {@link java.time.LocalDate},
 * a timestamp_millis column a {@link java.time.Instant}; strings are Avro {@code Utf8} (use {@code toString()}); a
 * json column, which parquet-avro reads as bytes, a {@link java.nio.ByteBuffer} of its UTF-8 text ({@link #text}).
 */
public final class BronzeReader {

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

    /** A value of {@link #readAll}'s records as text: a json column's bytes as their UTF-8 text, others' toString. */
    public static String text(Object value) {
        if (value instanceof java.nio.ByteBuffer bytes) {
            return java.nio.charset.StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
        }
        return String.valueOf(value);
    }

    /** The row count from the footer, without reading any data page. */
    public static long countRows(Path parquetFile) throws IOException {
        try (ParquetColumns in = ParquetColumns.open(parquetFile)) {
            return in.rows();
        }
    }

    /**
     * The rows of an open bronze day, column by column into {@link DayRows} (no record objects): what a rewrite of the
     * day reads. Every row's source is unknown (page 0, offsets 0).
     */
    static DayRows readRows(ParquetColumns in, DatasetSchema schema) throws IOException {
        List<ColumnSpec> columns = schema.columns();
        boolean[] inFile = new boolean[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            ColumnSpec column = columns.get(c);
            inFile[c] = in.schema().containsField(column.name());
            if (!inFile[c] && !column.nullable() && column.defaultValue() == null) {
                throw new IOException("the file has no column " + column.name() + ", which the schema requires");
            }
        }
        DayRows rows = new DayRows(columns, Math.toIntExact(in.rows()));
        in.forEachRowGroup(null, group -> {
            ColumnReader[] cells = new ColumnReader[columns.size()];
            int[] defined = new int[columns.size()];
            for (int c = 0; c < cells.length; c++) {
                if (inFile[c]) {
                    cells[c] = group.column(columns.get(c).name());
                    defined[c] = group.descriptor(columns.get(c).name()).getMaxDefinitionLevel();
                }
            }
            for (long row = 0; row < group.rows(); row++) {
                rows.beginRow();
                for (int c = 0; c < cells.length; c++) {
                    ColumnReader cell = cells[c];
                    if (cell == null) { // a column added to the schema after the file was written
                        Object absent = columns.get(c).defaultValue();
                        if (absent != null) {
                            rows.setValue(c, absent);
                        } else {
                            rows.setNull(c);
                        }
                        continue;
                    }
                    if (cell.getCurrentDefinitionLevel() < defined[c]) {
                        rows.setNull(c);
                    } else {
                        switch (columns.get(c).type()) {
                            case STRING, JSON -> rows.setString(c, cell.getBinary().toStringUsingUTF8());
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
        });
        return rows;
    }

    /**
     * Which of {@code wanted} a string column of an open file holds, reading that column only and comparing its
     * bytes, without decoding a string per row; stops once all are found.
     */
    public static Set<String> presentStrings(ParquetColumns file, String column, Set<String> wanted)
            throws IOException {
        Map<Binary, String> byBytes = new HashMap<>();
        wanted.forEach(value -> byBytes.put(Binary.fromString(value), value));
        Set<String> present = new HashSet<>();
        file.forEachRowGroup(List.of(column), group -> {
            ColumnReader cells = group.column(column);
            int defined = group.descriptor(column).getMaxDefinitionLevel();
            for (long row = 0; row < group.rows() && present.size() < byBytes.size(); row++) {
                if (cells.getCurrentDefinitionLevel() == defined) {
                    String value = byBytes.get(cells.getBinary());
                    if (value != null) {
                        present.add(value);
                    }
                }
                cells.consume();
            }
        });
        return present;
    }

    /** The footer's key-value metadata (lineage), e.g. {@link io.quantmini.lake.FooterKeys#REQUEST_IDS}. */
    public static Map<String, String> footerMetadata(Path parquetFile) throws IOException {
        try (ParquetColumns in = ParquetColumns.open(parquetFile)) {
            return Map.copyOf(in.footerMetadata());
        }
    }
}
