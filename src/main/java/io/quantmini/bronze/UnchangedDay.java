package io.quantmini.bronze;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether a day file just written holds what the day's existing file holds, so that the existing one can stay: the
 * same bytes up to the Parquet footer (the rows, as the writer encodes them: it writes equal rows to equal bytes) and
 * the same footer metadata but for {@link BronzeDayWriter#META_RECEIVED_AT}, the moment of the answer. The lineage
 * names the same landing files, which a fetch of the same request replaces in place; a sparse dataset's memory of
 * its records ({@link RefetchedDay}) is in the metadata compared.
 */
final class UnchangedDay {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private UnchangedDay() {
    }

    /** False when {@code existing} is missing or cannot be read as a whole Parquet file: it is then replaced. */
    static boolean is(Path fresh, Path existing) {
        if (!Files.isRegularFile(existing)) {
            return false;
        }
        try {
            long rowsEnd = footerStart(fresh);
            if (footerStart(existing) != rowsEnd) {
                return false;
            }
            long firstDifference = Files.mismatch(fresh, existing);
            if (firstDifference >= 0 && firstDifference < rowsEnd) {
                return false;
            }
            return comparedMetadata(fresh).equals(comparedMetadata(existing));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Where the footer starts: a Parquet file ends with the footer, its 4-byte little-endian length, and "PAR1". */
    private static long footerStart(Path file) throws IOException {
        try (SeekableByteChannel in = Files.newByteChannel(file)) {
            long size = in.size();
            if (size < 2L * MAGIC.length + 4) {
                throw new IOException("not a Parquet file: " + file);
            }
            ByteBuffer tail = ByteBuffer.allocate(4 + MAGIC.length).order(ByteOrder.LITTLE_ENDIAN);
            in.position(size - tail.capacity());
            while (tail.hasRemaining()) {
                if (in.read(tail) < 0) {
                    throw new IOException("cut short: " + file);
                }
            }
            for (int i = 0; i < MAGIC.length; i++) {
                if (tail.get(4 + i) != MAGIC[i]) {
                    throw new IOException("not a Parquet file: " + file);
                }
            }
            long start = size - tail.capacity() - Integer.toUnsignedLong(tail.getInt(0));
            if (start < MAGIC.length) {
                throw new IOException("footer longer than the file: " + file);
            }
            return start;
        }
    }

    private static Map<String, String> comparedMetadata(Path file) throws IOException {
        Map<String, String> metadata = new HashMap<>(BronzeReader.footerMetadata(file));
        metadata.remove(BronzeDayWriter.META_RECEIVED_AT);
        return metadata;
    }
}
