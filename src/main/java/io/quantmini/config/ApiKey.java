package io.quantmini.config;

/**
 * The Polygon API key. Its {@link #toString()} never shows the value, so the key cannot leak through a
 * log line, an exception message or a debugger dump of an object that holds it.
 */
public final class ApiKey {

    private static final ApiKey NONE = new ApiKey("");

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    public static ApiKey of(String value) {
        return value == null || value.isBlank() ? NONE : new ApiKey(value.strip());
    }

    public static ApiKey none() {
        return NONE;
    }

    public boolean isPresent() {
        return !value.isEmpty();
    }

    /** The secret itself: only the HTTP client's request interceptor should call this. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return isPresent() ? "ApiKey[****]" : "ApiKey[none]";
    }
}
