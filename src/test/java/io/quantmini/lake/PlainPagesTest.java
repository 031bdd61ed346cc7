package io.quantmini.lake;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link PlainPages#numbers} reads each numeric physical type as the double of its value, across pages. */
class PlainPagesTest {

    private static final Schema ROW = SchemaBuilder.record("row").fields()
            .requiredInt("i").requiredLong("l").requiredFloat("f").requiredDouble("d").endRecord();

    @TempDir
    Path dir;

    @Test
    void everyNumericTypeReadsAsTheDoubleOfItsValue() throws IOException {
        int n = 1_000;
        Path file = write(n);
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            BlockMetaData block = reader.getRowGroups().get(0);
            PageReadStore pages = reader.readNextRowGroup();
            assertEquals(n, pages.getRowCount());
            for (String name : List.of("i", "l", "f", "d")) {
                ColumnDescriptor column = schema.getColumnDescription(new String[] {name});
                ColumnChunkMetaData chunk = block.getColumns().get(schema.getFieldIndex(name));
                assertTrue(PlainPages.decodable(chunk, column), name);
                double[] values = new double[n + 1];
                PlainPages.numbers(pages.getPageReader(column), column, values, 1, n);
                double[] expected = new double[n + 1];
                for (int r = 0; r < n; r++) {
                    expected[r + 1] = switch (name) {
                        case "i" -> r - 500;
                        case "l" -> (double) ((long) r << 40);
                        case "f" -> r / 8f;
                        default -> r * 0.1;
                    };
                }
                assertArrayEquals(expected, values, name);
            }
        }
    }

    /** Pages holding more or fewer values than the row group's rows are an error, not a short or overrun column. */
    @Test
    void pagesWithOtherThanTheRowsAskedForAreRefused() throws IOException {
        Path file = write(1_000);
        for (int rows : new int[] {999, 1_001}) {
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
                    ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
                ColumnDescriptor column = reader.getFooter().getFileMetaData().getSchema()
                        .getColumnDescription(new String[] {"d"});
                PageReadStore pages = reader.readNextRowGroup();
                IOException e = assertThrows(IOException.class, () -> PlainPages.numbers(pages.getPageReader(column),
                        column, new double[2_000], 0, rows));
                assertTrue(e.getMessage().contains(rows == 999 ? "more values than the row group's 999 rows"
                        : "has 1000 values for 1001 rows"), e.getMessage());
            }
        }
    }

    /** {@code n} rows in PLAIN v1 pages of 64 rows, no dictionary. */
    private Path write(int n) throws IOException {
        Path file = dir.resolve("numbers.parquet");
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(ROW).withConf(new PlainParquetConfiguration()).withDictionaryEncoding(false)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0).withPageRowCountLimit(64).build()) {
            for (int r = 0; r < n; r++) {
                GenericRecord row = new GenericData.Record(ROW);
                row.put("i", r - 500);
                row.put("l", (long) r << 40);
                row.put("f", r / 8f);
                row.put("d", r * 0.1);
                writer.write(row);
            }
        }
        return file;
    }
}
