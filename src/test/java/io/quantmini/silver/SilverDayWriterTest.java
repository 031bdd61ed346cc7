package io.quantmini.silver;

import com.github.luben.zstd.Zstd;
import io.quantmini.lake.ParquetDayFormat;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.io.api.Binary;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SilverDayWriterTest {

    private static final ColumnDescriptor FEATURE = new ColumnDescriptor(new String[] {"KMID"},
            Types.primitive(PrimitiveTypeName.FLOAT, Type.Repetition.REQUIRED).named("KMID"), 0, 0);

    /** The one-loop statistics equal parquet's value-by-value ones, NaN, signed zeros and infinities included. */
    @Test
    void floatStatisticsAreParquets() {
        float[] special = {Float.NaN, 0.0f, -0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e-30f, -7.5f};
        SplittableRandom random = new SplittableRandom(158);
        for (int trial = 0; trial < 2_000; trial++) {
            float[] values = new float[random.nextInt(0, 40)];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextInt(3) == 0 ? special[random.nextInt(special.length)]
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

    /** The bronze rows must be the ones the run computed for: same tickers, same order (compared as bytes). */
    @Test
    void aBronzeDayWhoseTickersChangedIsRefusedAndTheMatchingOneWritten(@TempDir Path root) throws IOException {
        BronzeLake lake = new BronzeLake(root);
        LocalDate day = LocalDate.of(2024, 3, 15);
        lake.writeDay(day, List.of(new BronzeLake.Bar("AAPL", 10, 11, 9, 10.5, 1000, null),
                new BronzeLake.Bar("BRK.A", 20, 21, 19, 20.5, 2000, 20.1)));
        Path bronze = lake.lake.bronzeDayFile(BronzeLake.DATASET, day);
        SymbolIds symbols = new SymbolIds();
        int aapl = symbols.idOf(Binary.fromString("AAPL"));
        int brk = symbols.idOf(Binary.fromString("BRK.A"));
        int msft = symbols.idOf(Binary.fromString("MSFT"));
        float[][] features = new float[BlockFeatures.FEATURES][2];
        FileTime mtime = Files.getLastModifiedTime(bronze);
        Path silver = lake.silverFile(day);

        for (int[] stale : new int[][] {{brk, aapl}, {aapl, msft}}) {
            IOException e = assertThrows(IOException.class, () -> SilverDayWriter.write(silver, bronze, mtime, stale,
                    symbols, features, Map.of()));
            assertTrue(e.getMessage().contains("bronze day changed"), e.getMessage());
            assertFalse(Files.exists(silver));
        }
        SilverDayWriter.write(silver, bronze, mtime, new int[] {aapl, brk}, symbols, features, Map.of());
        assertEquals(List.of("AAPL", "BRK.A"),
                lake.silverRows(day).stream().map(r -> r.get("ticker").toString()).toList());
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
