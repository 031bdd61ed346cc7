package io.quantmini.bronze;

import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads bronze files back, for the demo summary and for tests. Records come as Avro GenericRecords with
 * logical types converted: a date column is a {@link java.time.LocalDate}, a timestamp_millis column a
 * {@link java.time.Instant}; strings are Avro {@code Utf8} (use {@code toString()}).
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

    /** The row count from the footer, without reading any data page. */
    public static long countRows(Path parquetFile) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(parquetFile))) {
            return reader.getRecordCount();
        }
    }

    /** The footer's key-value metadata (lineage), e.g. {@link BronzeDayWriter#META_REQUEST_IDS}. */
    public static Map<String, String> footerMetadata(Path parquetFile) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(parquetFile))) {
            return Map.copyOf(reader.getFooter().getFileMetaData().getKeyValueMetaData());
        }
    }
}
