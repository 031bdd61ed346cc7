package io.quantmini.replay;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The latest lines of a log a long-lived server keeps (its requests, a header's values): at most {@code maxLines} of
 * them and {@code maxChars} characters in all, each cut to {@link #MAX_LINE_CHARS}, so that neither many requests nor
 * a few enormous ones (a client sending 200 KB URLs) grow the heap without bound. Thread-safe.
 */
final class RecentLines {

    /** The longest line kept whole; a longer one keeps its start and says how long it was. */
    static final int MAX_LINE_CHARS = 2_048;

    private final int maxLines;
    private final long maxChars;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private long chars;

    RecentLines(int maxLines, long maxChars) {
        this.maxLines = maxLines;
        this.maxChars = maxChars;
    }

    synchronized void add(String line) {
        String kept = line.length() <= MAX_LINE_CHARS ? line
                : line.substring(0, MAX_LINE_CHARS) + "... (" + line.length() + " characters)";
        lines.addLast(kept);
        chars += kept.length();
        while (lines.size() > maxLines || chars > maxChars) {
            chars -= lines.removeFirst().length();
        }
    }

    synchronized List<String> snapshot() {
        return List.copyOf(lines);
    }
}
