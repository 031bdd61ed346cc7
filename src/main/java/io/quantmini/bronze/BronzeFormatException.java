package io.quantmini.bronze;

import io.quantmini.polygon.PageShapeException;

import java.nio.file.Path;

/**
 * A landing page whose body is not the shape the dataset schema expects (not JSON, not an object, the
 * records field present but neither an array nor null). The whole page is suspect, so no record of it is kept. (An
 * element of the array that is not an object is one rejected record, rule {@code type}: the others are kept.)
 * {@link #notJson()} tells a body that is not one complete JSON object (typically a truncated transfer)
 * from complete JSON of an unexpected shape.
 */
public class BronzeFormatException extends PageShapeException {

    private final boolean notJson;

    public BronzeFormatException(Path landingFile, String problem) {
        this(landingFile, problem, null, false);
    }

    private BronzeFormatException(Path landingFile, String problem, Throwable cause, boolean notJson) {
        super(landingFile, problem, cause);
        this.notJson = notJson;
    }

    /** The body is not exactly one complete JSON object. */
    static BronzeFormatException notJson(Path landingFile, String problem, Throwable cause) {
        return new BronzeFormatException(landingFile, problem, cause, true);
    }

    public boolean notJson() {
        return notJson;
    }
}
