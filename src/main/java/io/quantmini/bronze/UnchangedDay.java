package io.quantmini.bronze;

import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Whether a day file just written holds what the day's existing file holds, so that the existing one can stay: the
 * same bytes up to the Parquet footer (the rows, as the writer encodes them: it writes equal rows to equal bytes) and
 * the same footer (schema, column statistics, key-value metadata) but for {@link BronzeDayWriter#META_RECEIVED_AT},
 * the moment of the answer. The lineage names the same landing files, which a fetch of the same request replaces in
 * place; a sparse dataset's memory of its records ({@link RefetchedDay}) is in the metadata compared.
 */
final class UnchangedDay {

    private static final byte[] MAGIC = org.apache.parquet.hadoop.ParquetFileWriter.MAGIC;

    private UnchangedDay() {
    }

    /** False when {@code existing} is missing or cannot be read as a whole Parquet file: it is then replaced. */
    static boolean is(Path fresh, Path existing) {
        if (!Files.isRegularFile(existing)) {
            return false;
        }
        try {
            Footer written = Footer.read(fresh);
            Footer kept = Footer.read(existing);
            if (written.start() != kept.start()) {
                return false;
            }
            long firstDifference = Files.mismatch(fresh, existing);
            return (firstDifference < 0 || firstDifference >= written.start())
                    && written.withoutReceivedAt().equals(kept.withoutReceivedAt());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A Parquet file's footer and where it starts: the file ends with it, its 4-byte little-endian length, "PAR1". */
    private record Footer(long start, FileMetaData metadata) {

        static Footer read(Path file) throws IOException {
            try (SeekableByteChannel in = Files.newByteChannel(file)) {
                long size = in.size();
                if (size < 2L * MAGIC.length + 4) {
                    throw new IOException("not a Parquet file: " + file);
                }
                ByteBuffer tail = readFully(in, size - 4 - MAGIC.length, 4 + MAGIC.length);
                if (!Arrays.equals(Arrays.copyOfRange(tail.array(), 4, 4 + MAGIC.length), MAGIC)) {
                    throw new IOException("not a Parquet file: " + file);
                }
                long length = Integer.toUnsignedLong(tail.order(ByteOrder.LITTLE_ENDIAN).getInt(0));
                long start = size - tail.capacity() - length;
                if (start < MAGIC.length) {
                    throw new IOException("footer longer than the file: " + file);
                }
                ByteBuffer footer = readFully(in, start, (int) length);
                return new Footer(start, Util.readFileMetaData(new ByteArrayInputStream(footer.array())));
            }
        }

        private static ByteBuffer readFully(SeekableByteChannel in, long position, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            in.position(position);
            while (buffer.hasRemaining()) {
                if (in.read(buffer) < 0) {
                    throw new IOException("cut short");
                }
            }
            return buffer;
        }

        FileMetaData withoutReceivedAt() {
            FileMetaData copy = metadata.deepCopy();
            if (copy.isSetKey_value_metadata()) {
                copy.getKey_value_metadata().removeIf(entry -> entry.getKey().equals(BronzeDayWriter.META_RECEIVED_AT));
            }
            return copy;
        }
    }
}
