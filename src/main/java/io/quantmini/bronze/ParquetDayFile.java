package io.quantmini.bronze;

import io.quantmini.lake.ParquetDayFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes chosen rows of a {@link DayRows} to one ZSTD Parquet file on a local path, with the lake's
 * {@link ParquetDayFormat} settings. Uses parquet's {@link LocalOutputFile}: no Hadoop FileSystem, no {@code .crc}
 * side files.
 */
final class ParquetDayFile {

    private ParquetDayFile() {
    }

    static void write(Path file, DatasetSchema schema, DayRows rows, int[] order, Map<String, String> footer)
            throws IOException {
        DayRowsWriteSupport support = new DayRowsWriteSupport(ParquetSchemas.of(schema), footer, rows);
        try (ParquetWriter<Integer> writer = ParquetDayFormat.configure(new Builder(new LocalOutputFile(file), support))
                .build()) {
            for (int row : order) {
                writer.write(row);
            }
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {

        private final WriteSupport<Integer> support;

        Builder(OutputFile file, WriteSupport<Integer> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }
}
