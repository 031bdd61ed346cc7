package io.quantmini.lake;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * Names the file an I/O failure came from. A read, a close or a time set that the disk refuses fails with only the
 * system's words ({@code Input/output error}, or the JDK's own {@code sun.nio.fs.UnixException: ...}), and a run that
 * ends on one would say nothing of where.
 */
public final class NamedIOException {

    private NamedIOException() {
    }

    /** {@code failure} if it names a file already, else a {@link FileSystemException} of {@code file}, its words. */
    public static IOException of(Path file, IOException failure) {
        if (failure instanceof FileSystemException named && named.getFile() != null) {
            return failure;
        }
        String words = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        FileSystemException named = new FileSystemException(file.toString(), null,
                words.replaceFirst("^sun\\.nio\\.fs\\.UnixException: ", ""));
        named.initCause(failure);
        return named;
    }
}
