package io.quantmini.lake;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The Parquet settings every day file of the lake (bronze, silver) is written with: ZSTD (each writer picks the level
 * its pages compress best at for the time: bronze 2, silver features 1), no dictionary, and nothing time-dependent,
 * so the same rows give the same bytes (parquet's {@code created_by} names only the library version). Local files go
 * through {@link DirectOutputFile}.
 */
public final class ParquetDayFormat {

    public static final CompressionCodecName CODEC = CompressionCodecName.ZSTD;

    private ParquetDayFormat() {
    }

    /**
     * The settings for code that drives parquet's column writers itself.
     *
     * <p>No dictionary: a day file is ~10k rows, so a dictionary never overflows and falls back early: every value is
     * hashed, then the dictionary is dropped at the end as no smaller than plain. Measured on grouped-daily bars:
     * dictionaries doubled write time and saved no bytes after ZSTD.
     */
    public static ParquetProperties properties() {
        return ParquetProperties.builder().withDictionaryEncoding(false).build();
    }

    /**
     * A store for one row group's pages of {@code schema}, compressed by {@code zstd} as they are handed over, with
     * the column and offset indexes and page checksums {@code props} asks for.
     */
    public static ColumnChunkPageWriteStore pageStore(MessageType schema, ZstdPages zstd, ParquetProperties props) {
        return ColumnChunkPageWriteStore.builder()
                .withCompressorProvider(column -> zstd)
                .withSchema(schema)
                .withAllocator(props.getAllocator())
                .withColumnIndexTruncateLength(props.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(props.getPageWriteChecksumEnabled())
                .build();
    }

    /**
     * A ZSTD page compressor at {@code level}, calling zstd-jni once per page and reusing one native context until
     * {@link ZstdPages#close()}. parquet's own ZSTD codec goes through Hadoop's stream codec API and, measured on
     * pages of float32 features, ran at a third of this speed; {@code Zstd.compress} with a fresh context per call
     * spent a tenth of the compression setting it up. The output is a standard ZSTD frame, the same codec as far as
     * any reader is concerned. One thread at a time.
     */
    public static ZstdPages zstdPages(int level) {
        return new ZstdPages(level);
    }

    /**
     * A page compressor holding one ZSTD context; see {@link #zstdPages(int)}. The page's bytes are gathered, and
     * compressed, in buffers kept from page to page: only the compressed frame is a new array, because the page store
     * holds it until the row group is flushed. A fresh input and output array per page was ~3% of bronze's CPU.
     */
    public static final class ZstdPages implements CompressionCodecFactory.BytesInputCompressor, AutoCloseable {
        private final ZstdCompressCtx context;
        private final PageBuffer page = new PageBuffer();
        private byte[] frame = new byte[0];

        private ZstdPages(int level) {
            context = new ZstdCompressCtx().setLevel(level);
        }

        @Override
        public BytesInput compress(BytesInput bytes) throws java.io.IOException {
            page.reset();
            bytes.writeAllTo(page);
            int bound = Math.toIntExact(Zstd.compressBound(page.size()));
            if (frame.length < bound) {
                frame = new byte[bound];
            }
            int size = context.compressByteArray(frame, 0, frame.length, page.bytes(), 0, page.size());
            return BytesInput.from(Arrays.copyOf(frame, size));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CODEC;
        }

        /** Nothing: the page store releases compressors while pages may still follow; {@link #close()} frees. */
        @Override
        public void release() {
        }

        @Override
        public void close() {
            context.close();
        }
    }

    /** A growable byte buffer whose backing array is read in place. */
    private static final class PageBuffer extends ByteArrayOutputStream {
        byte[] bytes() {
            return buf;
        }
    }
}
