package io.quantmini.replay;

import java.nio.file.Path;

/**
 * A file an index names, relative to the folder it must stay in: the replay server serves what the index names,
 * so a name that climbs out of the folder ({@code ../../etc/passwd}, an absolute path) would serve any file on the
 * machine to whoever asks the port. The name is checked, not the file: a symbolic link inside the folder is the
 * folder owner's own choice, and is followed.
 */
final class FolderEntry {

    private FolderEntry() {
    }

    /** {@code folder/name}; refused if the name is absolute, empty or climbs out of {@code folder}. */
    static Path resolve(Path folder, String name) {
        Path relative = Path.of(name).normalize();
        if (relative.isAbsolute() || relative.toString().isEmpty() || relative.startsWith("..")) {
            throw new IllegalArgumentException("'" + name + "' is outside " + folder + ": an index names files in its"
                    + " own folder only");
        }
        return folder.resolve(name);
    }
}
