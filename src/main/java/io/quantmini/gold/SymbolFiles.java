package io.quantmini.gold;

import io.quantmini.lake.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Writes a symbol's field files under one Qlib directory and counts the bytes written. */
final class SymbolFiles {

    private final QlibLayout layout;
    private final AtomicLong bytes = new AtomicLong();

    SymbolFiles(QlibLayout layout) {
        this.layout = layout;
    }

    long bytesWritten() {
        return bytes.get();
    }

    void counted(long written) {
        bytes.addAndGet(written);
    }

    /**
     * Writes each field's whole file (start index, then the values), through {@link AtomicFiles}. With
     * {@code onlyIfDifferent}, a file already holding exactly these bytes is left alone (same inode and
     * time). Returns how many files were written.
     */
    int writeWhole(String code, List<String> fields, int startIndex, float[][] values, boolean onlyIfDifferent)
            throws IOException {
        int written = 0;
        for (int f = 0; f < fields.size(); f++) {
            Path file = layout.featureFile(code, fields.get(f));
            byte[] content = BinFiles.encode(startIndex, values[f], 0, values[f].length);
            if (onlyIfDifferent && sameBytes(file, content)) {
                continue;
            }
            AtomicFiles.write(file, content);
            bytes.addAndGet(content.length);
            written++;
        }
        return written;
    }

    /** Extends each field's file in place with values for calendar indices from {@code firstIndex} on. */
    void writeTail(String code, List<String> fields, int startIndex, int firstIndex, float[][] values)
            throws IOException {
        for (int f = 0; f < fields.size(); f++) {
            Path file = layout.featureFile(code, fields.get(f));
            if (!Files.exists(file)) {
                throw new IOException(file + " is missing; rebuild gold with a full run");
            }
            BinFiles.writeTail(file, startIndex, firstIndex, values[f], 0, values[f].length);
            bytes.addAndGet(4L * values[f].length);
        }
    }

    private static boolean sameBytes(Path file, byte[] content) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) != content.length) {
            return false;
        }
        return Arrays.equals(Files.readAllBytes(file), content);
    }
}
