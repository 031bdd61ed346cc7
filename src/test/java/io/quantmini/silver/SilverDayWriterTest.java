package io.quantmini.silver;

import com.github.luben.zstd.Zstd;
import io.quantmini.bronze.BronzeReader;
import io.quantmini.lake.DirectWriteStream;
import io.quantmini.lake.ParquetColumns;
import io.quantmini.lake.ParquetDayFormat;
import io.quantmini.silver.alpha158.Alpha158;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SilverDayWriterTest {

    private static final ColumnDescriptor FEATURE = new ColumnDescriptor(new String[] {"KMID"},
            Types.primitive(PrimitiveTypeName.FLOAT, Type.Repetition.REQUIRED).named("KMID"), 0, 0);
    private static final LocalDate DAY = LocalDate.of(2024, 3, 15);

    /**
     * The one-loop statistics equal parquet's value-by-value ones, NaN, signed zeros and infinities included: on short
     * pages, and on long ones whose rare NaNs (if any) fall in any of the NaN-free pass's blocks.
     */
    @Test
    void floatStatisticsAreParquets() {
        float[] special = {Float.NaN, 0.0f, -0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e-30f, -7.5f};
        SplittableRandom random = new SplittableRandom(158);
        for (int trial = 0; trial < 3_000; trial++) {
            boolean longPage = trial % 3 == 0;
            float[] values = new float[longPage ? random.nextInt(0, 3_000) : random.nextInt(0, 40)];
            int specialOneIn = longPage ? random.nextInt(1, 3_000) : 3;
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextInt(specialOneIn) == 0 ? special[random.nextInt(special.length)]
                        : (float) random.nextGaussian();
            }
            Statistics<?> expected = Statistics.createStats(FEATURE.getPrimitiveType());
            for (float v : values) {
                expected.updateStats(v);
            }
            Statistics<?> actual = SilverDayWriter.floatStatistics(FEATURE, values);
            String what = java.util.Arrays.toString(values);
            assertEquals(expected.hasNonNullValue(), actual.hasNonNullValue(), what);
            assertArrayEquals(expected.getMinBytes(), actual.getMinBytes(), what);
            assertArrayEquals(expected.getMaxBytes(), actual.getMaxBytes(), what);
            assertEquals(expected.getNumNulls(), actual.getNumNulls(), what);
            assertEquals(expected.getNanCount(), actual.getNanCount(), what);
            assertEquals(expected.isNanCountSet(), actual.isNanCountSet(), what);
        }
    }

    /**
     * The bronze bytes copied must be those the features were computed from: a day rewritten since (new tickers, or
     * the same tickers with one price corrected) is refused and no silver file appears; the unchanged day is written.
     */
    @Test
    void aBronzeDayRewrittenSinceTheRunReadItIsRefusedAndTheUnchangedOneWritten(@TempDir Path root)
            throws IOException {
        BronzeLake lake = new BronzeLake(root);
        Path bronze = writeAaplAndBrkDay(lake);
        long read = BytesInputFile.read(bronze).checksum();
        float[][] features = new float[BlockFeatures.FEATURES][2];
        FileTime mtime = Files.getLastModifiedTime(bronze);
        Path silver = lake.silverFile(DAY);
        List<List<BronzeLake.Bar>> rewrites = List.of(
                List.of(new BronzeLake.Bar("AAPL", 10, 11, 9, 10.5, 1000, null),
                        new BronzeLake.Bar("MSFT", 20, 21, 19, 20.5, 2000, 20.1)),
                List.of(new BronzeLake.Bar("AAPL", 10, 11, 9, 10.5, 1000, null),
                        new BronzeLake.Bar("BRK.A", 20, 21, 19, 20.6, 2000, 20.1)));
        for (List<BronzeLake.Bar> rewrite : rewrites) {
            lake.writeDay(DAY, rewrite);
            IOException e = assertThrows(IOException.class,
                    () -> SilverDayWriter.write(silver, bronze, mtime, read, DayFeatures.of(features), Map.of()));
            assertTrue(e.getMessage().contains("bronze day changed") && e.getMessage().contains(bronze.toString()),
                    e.getMessage());
            assertFalse(Files.exists(silver));
        }
        writeAaplAndBrkDay(lake);
        assertEquals(read, BytesInputFile.read(bronze).checksum(), "the bronze writer's bytes are deterministic");
        SilverDayWriter.write(silver, bronze, mtime, read, DayFeatures.of(features), Map.of());
        assertEquals(List.of("AAPL", "BRK.A"),
                lake.silverRows(DAY).stream().map(r -> r.get("ticker").toString()).toList());
    }

    /** Features for fewer rows than the bronze day holds are refused, before anything is written. */
    @Test
    void featuresForFewerRowsThanTheBronzeDayAreRefused(@TempDir Path root) throws IOException {
        BronzeLake lake = new BronzeLake(root);
        Path bronze = writeAaplAndBrkDay(lake);
        long checksum = BytesInputFile.read(bronze).checksum();
        Path silver = lake.silverFile(DAY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SilverDayWriter.write(silver,
                bronze, Files.getLastModifiedTime(bronze), checksum,
                DayFeatures.of(new float[BlockFeatures.FEATURES][1]), Map.of()));
        assertEquals("features for 1 rows, but the bronze day has 2: " + bronze, e.getMessage());
        assertFalse(Files.exists(silver));
    }

    /**
     * A write that fails after bytes reached the silver file (its first row group's features, past the direct-I/O
     * buffer; the second row group's features are one row short) leaves no file and no open descriptor behind.
     */
    @Test
    void aFailedWriteLeavesNoFileAndNoOpenDescriptor(@TempDir Path root) throws IOException {
        Path descriptors = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(descriptors), "counts this process's open files through /proc");
        Path bronze = root.resolve("two-groups.parquet");
        int rows = twoRowGroupDay(bronze);
        long checksum = BytesInputFile.read(bronze).checksum();
        Path silver = root.resolve("silver").resolve("day.parquet");
        Files.createDirectories(silver.getParent());
        // the last feature's last value is missing: the second group's last column runs past the array
        float[] values = new float[BlockFeatures.FEATURES * rows - 1];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian(); // incompressible: the first group fills the buffer
        }
        DayFeatures oneValueShort = new DayFeatures(values, 0, rows);
        // one failed write first: it may load classes from a jar this JVM has not opened yet, which stays open
        assertThrows(RuntimeException.class, () -> SilverDayWriter.write(silver, bronze,
                Files.getLastModifiedTime(bronze), checksum, oneValueShort, Map.of()));
        io.quantmini.gold.QlibGoldStage.awaitCleanup(); // an earlier gold test's background removal opens folders
        long openBefore = countEntries(descriptors);
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThrows(RuntimeException.class, () -> SilverDayWriter.write(silver, bronze,
                    Files.getLastModifiedTime(bronze), checksum, oneValueShort, Map.of()));
        }
        // a leak leaves five more; another thread of the test JVM may open or close one meanwhile
        long openAfter = countEntries(descriptors);
        assertTrue(openAfter < openBefore + 5, "descriptors left open by 5 failed writes: " + openBefore + " before, "
                + openAfter + " after");
        try (Stream<Path> left = Files.list(silver.getParent())) {
            assertEquals(List.of(), left.toList());
        }
    }

    /** A bronze-shaped day of 20,000 rows in two row groups (another writer's file); returns the row count. */
    private static int twoRowGroupDay(Path file) throws IOException {
        org.apache.avro.Schema schema = org.apache.avro.SchemaBuilder.record("bar").fields()
                .requiredString("ticker").requiredDouble("close").endRecord();
        int rows = 20_000;
        try (org.apache.parquet.hadoop.ParquetWriter<org.apache.avro.generic.GenericRecord> writer =
                     org.apache.parquet.avro.AvroParquetWriter.<org.apache.avro.generic.GenericRecord>builder(
                                     new org.apache.parquet.io.LocalOutputFile(file))
                             .withSchema(schema).withConf(new org.apache.parquet.conf.PlainParquetConfiguration())
                             .withRowGroupSize(220_000L).build()) {
            for (int r = 0; r < rows; r++) {
                org.apache.avro.generic.GenericRecord record = new org.apache.avro.generic.GenericData.Record(schema);
                record.put("ticker", String.format("T%05d", r));
                record.put("close", 10.0 + r);
                writer.write(record);
            }
        }
        BytesInputFile bytes = BytesInputFile.read(file);
        try (ParquetColumns in = ParquetColumns.open(bytes, bytes.newStream())) {
            assertEquals(2, in.rowGroups().size(), "row groups");
            assertTrue(in.rowGroups().get(0).getRowCount() * BlockFeatures.FEATURES * Float.BYTES
                    > 2 * DirectWriteStream.BUFFER_BYTES, "the first group's features fill the write buffer");
        }
        return rows;
    }

    private static long countEntries(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.count();
        }
    }

    /** A bronze day of AAPL and BRK.A, in that (ticker) order; returns its file. */
    private static Path writeAaplAndBrkDay(BronzeLake lake) throws IOException {
        lake.writeDay(DAY, List.of(new BronzeLake.Bar("AAPL", 10, 11, 9, 10.5, 1000, null),
                new BronzeLake.Bar("BRK.A", 20, 21, 19, 20.5, 2000, 20.1)));
        return lake.lake.bronzeDayFile(BronzeLake.DATASET, DAY);
    }

    /**
     * Where two NaNs meet, which one an operation returns depends on the JIT's operand order: features that differ
     * only in their NaNs' sign or payload are written as the same bytes, and read back as {@link Float#NaN}.
     */
    @Test
    void nansOfAnySignOrPayloadAreWrittenAsOneCanonicalNaN(@TempDir Path root) throws IOException {
        BronzeLake lake = new BronzeLake(root);
        Path bronze = writeAaplAndBrkDay(lake);
        long checksum = BytesInputFile.read(bronze).checksum();
        float negativeNaN = Float.intBitsToFloat(0xffc00000);
        float payloadNaN = Float.intBitsToFloat(0x7f800123);
        byte[][] files = new byte[2][];
        for (int variant = 0; variant < 2; variant++) {
            float[][] features = new float[BlockFeatures.FEATURES][2];
            features[0] = new float[] {variant == 0 ? Float.NaN : negativeNaN, 0.5f};  // a page with a NaN
            features[1] = new float[] {payloadNaN, variant == 0 ? Float.NaN : negativeNaN}; // a page of NaNs
            Path silver = root.resolve("variant-" + variant + ".parquet");
            SilverDayWriter.write(silver, bronze, Files.getLastModifiedTime(bronze), checksum, DayFeatures.of(features),
                    Map.of());
            files[variant] = Files.readAllBytes(silver);
            List<GenericRecord> rows = BronzeReader.readAll(silver);
            String first = Alpha158.featureNames().get(0);
            String second = Alpha158.featureNames().get(1);
            for (int r = 0; r < 2; r++) {
                for (String feature : new String[] {first, second}) {
                    float v = (Float) rows.get(r).get(feature);
                    if (Float.isNaN(v)) {
                        assertEquals(0x7fc00000, Float.floatToRawIntBits(v), feature + " row " + r);
                    }
                }
            }
            assertEquals(0.5f, (Float) rows.get(1).get(first));
        }
        assertArrayEquals(files[0], files[1]);
    }

    /** A reused context writes the same frames as a fresh one per page. */
    @Test
    void reusedZstdContextWritesTheSameFrames() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        int level = 3;
        try (ParquetDayFormat.ZstdPages pages = ParquetDayFormat.zstdPages(level)) {
            for (int page = 0; page < 20; page++) {
                byte[] bytes = new byte[random.nextInt(1, 50_000)];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) random.nextInt(page % 4 == 0 ? 256 : 8);
                }
                assertArrayEquals(Zstd.compress(bytes, level),
                        pages.compress(BytesInput.from(bytes)).toByteArray());
            }
        }
    }
}
