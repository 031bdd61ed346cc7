package io.quantmini.gold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantmini.lake.PlainPages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What gold reads of one day file: the tickers and the asked-for columns, by name in any case. */
class DayColumnsTest {

    private static final LocalDate DAY = LocalDate.of(2024, 3, 15);

    @TempDir
    Path root;

    private Path bronzeDay() throws IOException {
        GoldTestLake lake = new GoldTestLake(root);
        lake.day(DAY, List.of(GoldTestLake.bar("BBB", 20), GoldTestLake.bar("AAA", 10)));
        return lake.lake.bronzeDayFile(GoldTestLake.DATASET, DAY);
    }

    @Test
    void aColumnTheFileLacksReadsAsNaNBesideTheOthers() throws IOException {
        DayColumns day = DayColumns.read(bronzeDay(), List.of("CLOSE", "no_such_column", "volume"));

        assertArrayEquals(new String[] {"AAA", "BBB"}, day.tickers());
        assertArrayEquals(new double[] {10, 20}, day.values()[0]);
        assertArrayEquals(new double[] {Double.NaN, Double.NaN}, day.values()[1]);
        assertArrayEquals(new double[] {1010, 1020}, day.values()[2]);
    }

    /** A copy under another day's name would add a day of another day's bars to every series and to the calendar. */
    @Test
    void aDayFileUnderAnotherDaysNameIsRefusedNamingBoth() throws IOException {
        Path file = bronzeDay();
        Path copy = file.resolveSibling("2024-03-18.parquet");
        Files.copy(file, copy);

        IOException e = assertThrows(IOException.class, () -> DayColumns.read(copy, List.of("close")));

        assertTrue(e.getMessage().contains(copy.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("holds the rows of 2024-03-15"), e.getMessage());
        assertEquals(2, DayColumns.read(file, List.of("close")).rows());
    }

    /**
     * A day file whose pages the lake's own decoder does not take (dictionary pages, as another writer or an older
     * lake may leave) goes through Parquet's column reader: the same tickers and values, each numeric type as a
     * double, a null as NaN.
     */
    @Test
    void aDictionaryEncodedFileReadsEveryNumericTypeWithNullsAsNaN() throws IOException {
        Schema schema = SchemaBuilder.record("day").fields()
                .optionalString("ticker")
                .optionalDouble("close").optionalFloat("kmid").optionalLong("transactions").optionalInt("shares")
                .endRecord();
        int rows = 1_000;
        Path file = root.resolve("2024-03-15.parquet");
        List<double[]> expected = List.of(new double[rows], new double[rows], new double[rows], new double[rows]);
        String[] tickers = new String[rows];
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(schema).withConf(new PlainParquetConfiguration()).withDictionaryEncoding(true).build()) {
            for (int r = 0; r < rows; r++) {
                boolean hole = r % 7 == 3;
                tickers[r] = r == 500 ? null : "T" + (r % 50); // few distinct values: dictionary pages
                GenericRecord record = new GenericData.Record(schema);
                record.put("ticker", tickers[r]);
                record.put("close", hole ? null : 10 + r % 13 / 4.0);
                record.put("kmid", hole ? null : (float) (r % 11 / 8.0));
                record.put("transactions", hole ? null : 1_000L * (r % 9));
                record.put("shares", hole ? null : 3 * (r % 5));
                writer.write(record);
                expected.get(0)[r] = hole ? Double.NaN : 10 + r % 13 / 4.0;
                expected.get(1)[r] = hole ? Double.NaN : r % 11 / 8.0;
                expected.get(2)[r] = hole ? Double.NaN : 1_000L * (r % 9);
                expected.get(3)[r] = hole ? Double.NaN : 3 * (r % 5);
            }
        }
        assertEquals(List.of(false, false, false, false, false), plainDecodable(file,
                List.of("ticker", "close", "kmid", "transactions", "shares")), "the file must not be PLAIN-decodable");

        DayColumns day = DayColumns.read(file, List.of("close", "KMID", "transactions", "shares"));

        assertArrayEquals(tickers, day.tickers());
        for (int c = 0; c < expected.size(); c++) {
            assertArrayEquals(expected.get(c), day.values()[c], "column " + c);
        }
    }

    private static List<Boolean> plainDecodable(Path file, List<String> columns) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            BlockMetaData block = reader.getRowGroups().get(0);
            List<Boolean> decodable = new ArrayList<>();
            for (String column : columns) {
                decodable.add(PlainPages.decodable(block, schema.getColumnDescription(new String[] {column})));
            }
            return decodable;
        }
    }
}
