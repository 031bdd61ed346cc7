package io.quantmini.bronze;

import java.nio.file.Path;

/**
 * A landing page whose body is not the shape the dataset schema expects (not JSON, not an object, the
 * records field not an array of objects). The whole page is suspect, so no record of it is kept.
 */
public class BronzeFormatException extends RuntimeException {

    private final Path landingFile;

    public BronzeFormatException(Path landingFile, String problem) {
        super(landingFile + ": " + problem);
        this.landingFile = landingFile;
    }

    public BronzeFormatException(Path landingFile, String problem, Throwable cause) {
        super(landingFile + ": " + problem, cause);
        this.landingFile = landingFile;
    }

    public Path landingFile() {
        return landingFile;
    }
}
