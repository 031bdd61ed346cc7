package io.quantmini.gold;

import io.quantmini.lake.NamedIOException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes of a Qlib {@code .bin} feature file: little-endian float32, element 0 the calendar index of
 * the first stored day, then one value per calendar day.
 */
final class BinFiles {

    /** The largest index a float32 holds exactly (2^24). */
    static final int MAX_INDEX = 1 << 24;

    private BinFiles() {
    }

    static byte[] encode(int startIndex, float[] values, int from, int count) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * (count + 1)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putFloat(checkIndex(startIndex));
        for (int i = 0; i < count; i++) {
            buffer.putFloat(values[from + i]);
        }
        return buffer.array();
    }

    /**
     * Writes {@code values[from, from+count)} as the file's elements starting at calendar index
     * {@code firstIndex}, and cuts the file right after them. The file's start index is {@code startIndex}.
     * Positional rather than append mode: re-running after a crash rewrites the same bytes at the same
     * place, so the step is idempotent.
     */
    static void writeTail(Path file, int startIndex, int firstIndex, float[] values, int from, int count)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            buffer.putFloat(values[from + i]);
        }
        buffer.flip();
        long position = 4L * (1 + firstIndex - startIndex);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (channel.size() < position) {
                throw new GoldFileDamaged(file + " is shorter (" + channel.size() + " bytes) than its listed span ("
                        + position + ")");
            }
            while (buffer.hasRemaining()) {
                channel.write(buffer, position + buffer.position());
            }
            channel.truncate(position + 4L * count);
        } catch (GoldFileDamaged e) {
            throw e;
        } catch (IOException e) {
            throw NamedIOException.of(file, e); // a write or close the disk refuses says only the system's words
        }
    }

    static int checkIndex(int index) {
        if (index < 0 || index > MAX_INDEX) {
            throw new IllegalArgumentException("calendar index " + index + " is not exact in float32");
        }
        return index;
    }
}
