package io.quantmini.replay;

import java.nio.file.Path;

/**
 * A file an index names, relative to the folder it must stay in: the replay server serves what the index names,
 * so a name that climbs out of the folder ({@code ../../etc/passwd}, an absolute path) would serve any file on the
 * machine to whoever asks the port.
 */
final class FolderEntry {

    private FolderEntry() {
    }

    /** {@code folder/name}, normalised; refused if it is not below {@code folder}. */
    static Path resolve(Path folder, String name) {
        Path base = folder.toAbsolutePath().normalize();
        Path file = base.resolve(name).normalize();
        if (!file.startsWith(base) || file.equals(base)) {
            throw new IllegalArgumentException("'" + name + "' is outside " + folder + ": an index names files in its"
                    + " own folder only");
        }
        return file;
    }
}
