package io.quantmini.bronze;

import io.quantmini.lake.DirectWriteStream;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bronze pages as {@link ColumnPages} encodes them, read back by parquet's own readers: every value and null in row
 * order, page cuts by rows and by bytes, and statistics (chunk, and per page in the column index) equal to what
 * parquet's per-value {@code updateStats} gives over the same values, which is what its column writers record.
 */
class ColumnPagesTest {

    private static final List<ColumnSpec> COLUMNS = List.of(
            new ColumnSpec("ticker", "T", ColumnSpec.Source.FIELD, ColumnType.STRING, true, null),
            new ColumnSpec("name", "name", ColumnSpec.Source.FIELD, ColumnType.STRING, false, null),
            new ColumnSpec("price", "p", ColumnSpec.Source.FIELD, ColumnType.DOUBLE, false, null),
            new ColumnSpec("count", "n", ColumnSpec.Source.FIELD, ColumnType.LONG, false, null),
            new ColumnSpec("day", "d", ColumnSpec.Source.FIELD, ColumnType.DATE, false, null),
            new ColumnSpec("at", "t", ColumnSpec.Source.FIELD, ColumnType.TIMESTAMP_MILLIS, true, null),
            new ColumnSpec("flag", "f", ColumnSpec.Source.FIELD, ColumnType.BOOLEAN, false, null),
            new ColumnSpec("tags", "g", ColumnSpec.Source.FIELD, ColumnType.JSON, false, null));
    /** A json column's values: JSON text as an answer holds it, white space and escapes included. */
    private static final List<String> JSON_TEXTS = List.of("[\"MSFT\",\"NFLX\"]", "{\"a\": [1, 2.50, null]}",
            "\"Soci\u00e9t\u00e9 \\u2603\"", "-0.0", "true", "[ ]", "{\n  \"k\" : {}\n}", "1e400");
    private static final DatasetSchema SCHEMA = new DatasetSchema("pages_test", 1, "results", COLUMNS, new int[]{0},
            List.of(), true, RequestWindow.NONE, false, false, null, List.of(), Path.of("pages_test.yaml"));
    private static final int ROW_LIMIT = 7;
    private static final int BYTE_LIMIT = 40;

    @TempDir
    Path dir;

    @Test
    void everyTypeRoundTripsWithNullsAcrossSmallPages() throws IOException {
        int n = 61;
        Random random = new Random(7);
        Object[][] table = new Object[n][];
        DayRows rows = new DayRows(COLUMNS, 4);
        for (int r = 0; r < n; r++) {
            table[r] = new Object[]{
                    "T" + r,
                    random.nextInt(4) == 0 ? null : r % 5 == 0 ? "Société " + r + " ☃" : "name" + random.nextInt(1000),
                    random.nextInt(5) == 0 ? null : r == 3 ? -0.0 : r == 4 ? 0.0 : random.nextGaussian() * 100,
                    random.nextInt(6) == 0 ? null : random.nextLong() >> random.nextInt(64),
                    random.nextInt(3) == 0 ? null : 18_000 + random.nextInt(2_000),
                    1_700_000_000_000L + random.nextInt(1_000_000),
                    random.nextInt(4) == 0 ? null : random.nextBoolean(),
                    random.nextInt(5) == 0 ? null : JSON_TEXTS.get(random.nextInt(JSON_TEXTS.size()))};
            rows.beginRow();
            for (int c = 0; c < COLUMNS.size(); c++) {
                if (table[r][c] == null) {
                    rows.setNull(c);
                } else {
                    rows.setValue(c, table[r][c]);
                }
            }
            rows.commitRow(0, 0, 0);
        }
        List<Integer> shuffled = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        Collections.shuffle(shuffled, random);
        int[] order = shuffled.stream().mapToInt(Integer::intValue).toArray();

        Path file = write(rows, order);

        List<GenericRecord> read = BronzeReader.readAll(file);
        assertEquals(n, read.size());
        for (int i = 0; i < n; i++) {
            Object[] expected = table[order[i]];
            GenericRecord record = read.get(i);
            assertEquals(expected[0], record.get("ticker").toString(), "row " + i);
            assertEquals(expected[1], record.get("name") == null ? null : record.get("name").toString(), "row " + i);
            assertEquals(expected[2], record.get("price"), "row " + i);
            assertEquals(expected[3], record.get("count"), "row " + i);
            assertEquals(expected[4] == null ? null : LocalDate.ofEpochDay((Integer) expected[4]), record.get("day"));
            assertEquals(Instant.ofEpochMilli((Long) expected[5]), record.get("at"), "row " + i);
            assertEquals(expected[6], record.get("flag"), "row " + i);
            assertEquals(expected[7], record.get("tags") == null ? null : BronzeReader.text(record.get("tags")),
                    "row " + i);
        }

        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            assertEquals(LogicalTypeAnnotation.jsonType(), reader.getFooter().getFileMetaData().getSchema()
                    .getType("tags").getLogicalTypeAnnotation());
            List<ColumnChunkMetaData> chunks = reader.getFooter().getBlocks().get(0).getColumns();
            for (int c = 0; c < COLUMNS.size(); c++) {
                ColumnChunkMetaData chunk = chunks.get(c);
                PrimitiveType type = chunk.getPrimitiveType();
                assertEquals(perValueStatistics(type, table, order, c, 0, n), chunk.getStatistics(),
                        COLUMNS.get(c).name());

                OffsetIndex pages = reader.readOffsetIndex(chunk);
                ColumnIndex index = reader.readColumnIndex(chunk);
                assertTrue(pages.getPageCount() >= (n + ROW_LIMIT - 1) / ROW_LIMIT, COLUMNS.get(c).name());
                for (int p = 0; p < pages.getPageCount(); p++) {
                    int first = (int) pages.getFirstRowIndex(p);
                    int end = (int) pages.getLastRowIndex(p, n) + 1;
                    assertTrue(end - first <= ROW_LIMIT, "page of " + (end - first) + " rows");
                    Statistics<?> expected = perValueStatistics(type, table, order, c, first, end);
                    assertEquals(expected.getNumNulls(), index.getNullCounts().get(p), COLUMNS.get(c).name());
                    if (expected.hasNonNullValue()) {
                        assertEquals(ByteBuffer.wrap(expected.getMinBytes()), index.getMinValues().get(p));
                        assertEquals(ByteBuffer.wrap(expected.getMaxBytes()), index.getMaxValues().get(p));
                    }
                }
            }
            // strings are cut by bytes too: "T0".."T60" take 6-7 bytes each, so 40 bytes end a page before 7 rows
            assertTrue(reader.readOffsetIndex(chunks.get(0)).getPageCount() > (n + ROW_LIMIT - 1) / ROW_LIMIT);

            // levels are declared RLE, also those of maximum 0, which parquet-java then reads as constant zeros
            PageReadStore group = reader.readNextRowGroup();
            for (ColumnDescriptor column : reader.getFooter().getFileMetaData().getSchema().getColumns()) {
                DataPageV1 page = (DataPageV1) group.getPageReader(column).readPage();
                assertEquals(Encoding.RLE, page.getRlEncoding(), column.toString());
                assertEquals(Encoding.RLE, page.getDlEncoding(), column.toString());
                assertEquals(Encoding.PLAIN, page.getValueEncoding(), column.toString());
            }
        }
    }

    @Test
    void nanAndAllNullPagesKeepParquetsStatistics() throws IOException {
        double[] prices = {1.5, Double.NaN, -2.0, Double.NaN, 0.25, 3.0, 7.0};
        DayRows rows = new DayRows(COLUMNS, 4);
        // 8-byte prices: a 40-byte page holds 5 rows; rows 7-13 are null, so the last of three pages holds only nulls
        Object[][] table = new Object[prices.length + ROW_LIMIT][];
        for (int r = 0; r < table.length; r++) {
            rows.beginRow();
            rows.setString(0, "R" + r);
            rows.setNull(1);
            if (r < prices.length) {
                rows.setDouble(2, prices[r]);
            } else {
                rows.setNull(2);
            }
            rows.setNull(3);
            rows.setNull(4);
            rows.setLong(5, r);
            rows.setNull(6);
            rows.setNull(7);
            rows.commitRow(0, 0, 0);
            table[r] = new Object[]{"R" + r, null, r < prices.length ? prices[r] : null, null, null, (long) r, null,
                    null};
        }
        int[] order = IntStream.range(0, table.length).toArray();

        Path file = write(rows, order);

        List<GenericRecord> read = BronzeReader.readAll(file);
        assertTrue(Double.isNaN((Double) read.get(1).get("price")));
        assertNull(read.get(prices.length).get("price"));
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            ColumnChunkMetaData price = reader.getFooter().getBlocks().get(0).getColumns().get(2);
            assertEquals(perValueStatistics(price.getPrimitiveType(), table, order, 2, 0, table.length),
                    price.getStatistics());
            OffsetIndex pages = reader.readOffsetIndex(price);
            ColumnIndex index = reader.readColumnIndex(price);
            int last = pages.getPageCount() - 1;
            assertTrue(index.getNullPages().get(last), "the trailing nulls fill the last page");
            for (int p = 0; p < last; p++) {
                Statistics<?> expected = perValueStatistics(price.getPrimitiveType(), table, order, 2,
                        (int) pages.getFirstRowIndex(p), (int) pages.getLastRowIndex(p, table.length) + 1);
                assertEquals(expected.getNumNulls(), index.getNullCounts().get(p));
                assertEquals(ByteBuffer.wrap(expected.getMinBytes()), index.getMinValues().get(p));
                assertEquals(ByteBuffer.wrap(expected.getMaxBytes()), index.getMaxValues().get(p));
            }
            ColumnChunkMetaData name = reader.getFooter().getBlocks().get(0).getColumns().get(1);
            assertEquals(table.length, name.getStatistics().getNumNulls());
            assertTrue(!name.getStatistics().hasNonNullValue());
        }
    }

    @Test
    void aDayFileLargerThanTheDirectWriteBufferReadsBackWhole() throws IOException {
        // random longs and prices hardly compress: 200,000 rows make a file of ~3.5 MB, its first 2 MB written with
        // direct I/O and the tail padded to a block, then cut back
        int n = 200_000;
        Random random = new Random(11);
        DayRows rows = new DayRows(COLUMNS, n);
        double[] prices = new double[n];
        for (int r = 0; r < n; r++) {
            prices[r] = random.nextDouble() * 1000;
            rows.beginRow();
            rows.setString(0, "T" + r);
            rows.setNull(1);
            rows.setDouble(2, prices[r]);
            rows.setLong(3, random.nextLong());
            rows.setInt(4, 19_000);
            rows.setLong(5, 1_700_000_000_000L + r);
            rows.setBoolean(6, r % 3 == 0);
            rows.setNull(7);
            rows.commitRow(0, 0, 0);
        }
        Path file = dir.resolve("big.parquet");
        ParquetDayFile.write(file, SCHEMA, rows, IntStream.range(0, n).toArray(), Map.of("k", "v"));

        assertTrue(Files.size(file) > DirectWriteStream.BUFFER_BYTES, Files.size(file) + " bytes");
        List<GenericRecord> read = BronzeReader.readAll(file);
        assertEquals(n, read.size());
        for (int r = 0; r < n; r += 1997) {
            assertEquals("T" + r, read.get(r).get("ticker").toString());
            assertEquals(prices[r], read.get(r).get("price"));
        }
        assertEquals(prices[n - 1], read.get(n - 1).get("price"));
        assertEquals("v", BronzeReader.footerMetadata(file).get("k"));
    }

    private Path write(DayRows rows, int[] order) throws IOException {
        Path file = dir.resolve("day.parquet");
        ParquetProperties small = ParquetProperties.builder().withDictionaryEncoding(false)
                .withPageRowCountLimit(ROW_LIMIT).withPageSize(BYTE_LIMIT).build();
        ParquetDayFile.write(file, SCHEMA, rows, order, Map.of("k", "v"), small);
        return file;
    }

    /** What parquet's column writer records: {@code updateStats} per present value, a null counted per null. */
    private static Statistics<?> perValueStatistics(PrimitiveType type, Object[][] table, int[] order, int column,
                                                    int from, int to) {
        Statistics<?> stats = Statistics.createStats(type);
        for (int i = from; i < to; i++) {
            Object v = table[order[i]][column];
            if (v == null) {
                stats.incrementNumNulls();
            } else if (v instanceof String s) {
                stats.updateStats(Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8)));
            } else if (v instanceof Double d) {
                stats.updateStats((double) d);
            } else if (v instanceof Long l) {
                stats.updateStats((long) l);
            } else if (v instanceof Integer d) {
                stats.updateStats((int) d);
            } else {
                stats.updateStats((boolean) (Boolean) v);
            }
        }
        return stats;
    }
}
