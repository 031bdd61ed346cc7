package io.quantmini.bronze;

import java.nio.file.Path;

/** A dataset schema file that cannot be used; the message names the file and the key at fault. */
public class ConfigException extends RuntimeException {

    public ConfigException(Path file, String key, String problem) {
        super(file + ": " + key + ": " + problem);
    }

    public ConfigException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
