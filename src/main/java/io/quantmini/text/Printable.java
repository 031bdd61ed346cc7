package io.quantmini.text;

/**
 * Text from outside (a record's value, a server's message) as an error or log line may show it: on one line, with no
 * character a terminal acts on. Every control character (C0, DEL, C1, and the Unicode line and paragraph separators)
 * becomes its JSON-style escape ({@code \n}, {@code \u001b}), so a value cannot forge a line of its own
 * ({@code quantmini: ingest OK}) or colour the terminal.
 */
public final class Printable {

    /** How much of an outside value an error line quotes. */
    public static final int EXCERPT_CHARS = 40;

    private Printable() {
    }

    /** {@code text} with its control characters escaped; null stays null. */
    public static String oneLine(String text) {
        if (text == null || text.chars().noneMatch(Printable::isControl)) {
            return text;
        }
        StringBuilder line = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> escape(line, (char) c, false));
        return line.toString();
    }

    /** {@link #quoted(String, int)} cut after {@link #EXCERPT_CHARS}. */
    public static String quoted(String text) {
        return quoted(text, EXCERPT_CHARS);
    }

    /**
     * {@code text} in double quotes, escaped as {@link #oneLine} and with its quotes and backslashes escaped too, cut
     * after {@code maxChars} characters with how long it was: a 2 MB value is not repeated whole in an error line.
     */
    public static String quoted(String text, int maxChars) {
        StringBuilder quoted = new StringBuilder("\"");
        appendCut(quoted, text, maxChars, true);
        return quoted.toString();
    }

    /** {@code text} unquoted (a number's digits, say), escaped as {@link #oneLine}, cut as {@link #quoted(String)}. */
    public static String excerpt(String text) {
        StringBuilder excerpt = new StringBuilder();
        appendCut(excerpt, text, EXCERPT_CHARS, false);
        return excerpt.toString();
    }

    private static void appendCut(StringBuilder out, String text, int maxChars, boolean inQuotes) {
        int shown = Math.min(text.length(), maxChars);
        for (int i = 0; i < shown; i++) {
            escape(out, text.charAt(i), inQuotes);
        }
        if (inQuotes) {
            out.append('"');
        }
        if (shown < text.length()) {
            out.append("... (").append(text.length()).append(" characters)");
        }
    }

    private static void escape(StringBuilder out, char c, boolean inQuotes) {
        if (isControl(c)) {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
        } else if (inQuotes && (c == '"' || c == '\\')) {
            out.append('\\').append(c);
        } else {
            out.append(c);
        }
    }

    private static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029';
    }
}
