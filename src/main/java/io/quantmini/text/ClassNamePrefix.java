package io.quantmini.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java class name a wrapped exception's message starts with ({@code java.io.IOException: Resource is empty}),
 * as a library puts its cause's {@code toString} into its own message: an error line shows the words after it.
 */
public final class ClassNamePrefix {

    private static final Pattern PREFIX = Pattern.compile("^(?:[a-z][\\w$]*\\.)+([A-Z][\\w$]*): ");

    private ClassNamePrefix() {
    }

    /** The simple name of the class {@code message} starts with, e.g. {@code IOException}; null if none. */
    public static String simpleName(String message) {
        Matcher prefix = PREFIX.matcher(message);
        return prefix.find() ? prefix.group(1) : null;
    }

    /** {@code message} without the class name it starts with, if any. */
    public static String strip(String message) {
        return PREFIX.matcher(message).replaceFirst("");
    }
}
