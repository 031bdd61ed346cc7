package io.quantmini.polygon;

import java.nio.file.Path;

/**
 * A {@link PageReader} found a page whose body is not the shape its dataset expects: {@code problem} says what, and
 * {@code landingFile} is where the body is on disk.
 */
public class PageShapeException extends RuntimeException {

    private final Path landingFile;
    private final String problem;

    public PageShapeException(Path landingFile, String problem, Throwable cause) {
        super(landingFile + ": " + problem, cause);
        this.landingFile = landingFile;
        this.problem = problem;
    }

    /** What is wrong, without the file name. */
    public String problem() {
        return problem;
    }

    public Path landingFile() {
        return landingFile;
    }
}
