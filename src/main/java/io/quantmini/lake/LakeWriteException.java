package io.quantmini.lake;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The lake's own disk refused a write (permissions, a file where a folder belongs, a full disk). Unlike a failed
 * request, trying again cannot help, and every other day would fail the same way: the run stops.
 */
public final class LakeWriteException extends RuntimeException {

    public LakeWriteException(String what, IOException cause) {
        super("cannot write " + what + ": " + describe(cause), cause);
    }

    /** A file-system failure in words: the JDK's own message is often just the path. */
    public static String describe(IOException failure) {
        if (!(failure instanceof FileSystemException fs) || fs.getReason() != null) {
            return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        }
        return fs.getFile() + (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile()) + ": " + reason(fs);
    }

    /** Why the file system refused, without the file: its own reason, else the exception's kind in words. */
    static String reason(FileSystemException failure) {
        return failure.getReason() != null ? failure.getReason()
                : failure instanceof AccessDeniedException ? "permission denied"
                : failure instanceof NoSuchFileException ? "no such file or folder"
                : failure instanceof NotDirectoryException ? "not a folder"
                : failure instanceof DirectoryNotEmptyException ? "a folder that is not empty"
                : failure instanceof java.nio.file.FileAlreadyExistsException
                        ? "already exists (a file where a folder belongs?)"
                : failure.getClass().getSimpleName();
    }
}
