package io.quantmini.app;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A data root that was not there when a start began: if the start is refused after making it (a route whose consumer
 * fails to start), what the start made is taken away again, so that a refused start leaves the file system as it
 * found it. Only empty folders go (the root, the handoff folders, the root's missing parents), and the daemon's lock
 * file that start holds; a folder holding anything else is left as it is, without a word.
 */
final class NewDataRoot {

    private final Path root;
    /** The nearest of the root's parents that was there: the folders below it, down to the root, were made. */
    private final Path lastThere;

    private NewDataRoot(Path root, Path lastThere) {
        this.root = root;
        this.lastThere = lastThere;
    }

    /** Before the start makes {@code root}: null if it is there already (nothing of it is ever taken away then). */
    static NewDataRoot before(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        Path lastThere = absolute.getParent();
        while (lastThere != null && !Files.exists(lastThere, LinkOption.NOFOLLOW_LINKS)) {
            lastThere = lastThere.getParent();
        }
        return new NewDataRoot(absolute, lastThere);
    }

    /**
     * Takes away the empty folders under the root (the root included), then the parents the start made while they
     * are empty. Links are not followed, and a folder that is not empty is never removed: the file system refuses.
     *
     * @param heldLock the daemon's lock file, which the refused start still holds, to be removed too; null for none
     */
    void undo(Path heldLock) {
        Path lock = heldLock == null ? null : heldLock.toAbsolutePath().normalize();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (file.equals(lock) && attributes.isRegularFile() && attributes.size() == 0) {
                        remove(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path folder, IOException e) {
                    remove(folder);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return; // left as it is
        }
        for (Path made = root.getParent(); made != null && !made.equals(lastThere); made = made.getParent()) {
            if (!Files.isDirectory(made, LinkOption.NOFOLLOW_LINKS) || !remove(made)) {
                return; // something else is in it: it and the folders above it stay
            }
        }
    }

    /** Removes a folder if it is empty, or the lock file; false if the file system refuses (a folder not empty). */
    private static boolean remove(Path path) {
        try {
            Files.delete(path);
            return true;
        } catch (IOException notEmpty) {
            return false;
        }
    }
}
