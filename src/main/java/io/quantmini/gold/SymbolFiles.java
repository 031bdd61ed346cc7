package io.quantmini.gold;

import io.quantmini.lake.AtomicFiles;
import io.quantmini.lake.NamedIOException;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a symbol's field files under one Qlib directory and counts the bytes written.
 *
 * <p>Into the live {@code gold/qlib}, whole files go through {@link AtomicFiles} (temp + rename), as a
 * reader may open them at any time. Into a private build folder ({@code direct}), which readers only see
 * once it is complete and swapped in whole, files are written in place: no temp name, no rename, and each
 * symbol's directory is created once rather than checked before every file.
 */
final class SymbolFiles {

    private final QlibLayout layout;
    private final boolean direct;
    private final Set<String> madeDirs = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytes = new AtomicLong();

    /** @param direct true when {@code layout} is a private build folder no reader sees yet */
    SymbolFiles(QlibLayout layout, boolean direct) {
        this.layout = layout;
        this.direct = direct;
    }

    long bytesWritten() {
        return bytes.get();
    }

    void counted(long written) {
        bytes.addAndGet(written);
    }

    /**
     * Removes every field file of {@code code}, which has no bar left (a full build writes none for it), then its
     * directory and the parents it leaves empty. Only the code's own files: another code's directory may sit inside
     * (that of {@code TEST/WS} in that of {@code TEST}). Returns how many files were removed.
     */
    int remove(String code) throws IOException {
        Path dir = layout.featureDirectory(code);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, QlibLayout.featureFileGlob())) {
            for (Path file : files) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(file);
                    removed++;
                }
            }
        }
        for (Path empty = dir; !empty.equals(layout.featuresRoot()); empty = empty.getParent()) {
            try {
                Files.delete(empty);
            } catch (DirectoryNotEmptyException e) {
                break;
            }
        }
        madeDirs.remove(code);
        return removed;
    }

    /**
     * Writes each field's whole file (start index, then the values), through {@link AtomicFiles} unless
     * {@code direct}. With
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
            if (direct) {
                if (madeDirs.add(code)) {
                    Files.createDirectories(file.getParent());
                }
                writeInPlace(file, content);
            } else {
                AtomicFiles.write(file, content);
            }
            bytes.addAndGet(content.length);
            written++;
        }
        return written;
    }

    /** A whole non-bin file (calendar, instruments, manifest): written in place when {@code direct}. */
    void writeFile(Path file, byte[] content) throws IOException {
        if (direct) {
            Files.createDirectories(file.getParent());
            writeInPlace(file, content);
        } else {
            AtomicFiles.write(file, content);
        }
        bytes.addAndGet(content.length);
    }

    /** Extends each field's file in place with values for calendar indices from {@code firstIndex} on. */
    void writeTail(String code, List<String> fields, int startIndex, int firstIndex, float[][] values)
            throws IOException {
        for (int f = 0; f < fields.size(); f++) {
            Path file = layout.featureFile(code, fields.get(f));
            if (!Files.exists(file)) {
                throw new GoldFileDamaged(file + " is missing");
            }
            BinFiles.writeTail(file, startIndex, firstIndex, values[f], 0, values[f].length);
            bytes.addAndGet(4L * values[f].length);
        }
    }

    /**
     * Writes a file in place (no temp, no rename), naming it if the disk refuses the write or the close, which fail
     * with the system's words alone.
     */
    static void writeInPlace(Path file, byte[] content) throws IOException {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw NamedIOException.of(file, e);
        }
    }

    private static boolean sameBytes(Path file, byte[] content) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) != content.length) {
            return false;
        }
        return Arrays.equals(Files.readAllBytes(file), content);
    }
}
