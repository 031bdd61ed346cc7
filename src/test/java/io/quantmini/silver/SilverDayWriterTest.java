package io.quantmini.silver;

import com.github.luben.zstd.Zstd;
import io.quantmini.lake.ParquetDayFormat;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
