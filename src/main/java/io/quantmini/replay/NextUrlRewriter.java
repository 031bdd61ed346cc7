package io.quantmini.replay;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Points every {@code "next_url"} in a JSON body at another server: its scheme, host and port are
 * replaced by a base URL, its path and query kept. Works on the bytes, so the rest of the body
 * stays exactly as captured.
 */
final class NextUrlRewriter {

    private static final String KEY = "\"next_url\"";
    private static final int UNDERSCORE = KEY.indexOf('_');

    private NextUrlRewriter() {
    }

    /** The body with its next_url values rewritten, or the same array if it has none. */
    static byte[] rewrite(byte[] body, String baseUrl) {
        byte[] base = baseUrl.getBytes(StandardCharsets.US_ASCII);
        // One byte per char, so string indexes are byte indexes; String.indexOf is a vectorised JDK intrinsic, and a
        // byte loop here cost the replay server seconds of CPU per 250 MB of bodies before the JIT got to it.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = null;
        int copied = 0;
        int from = 0;
        int key;
        while ((key = keyAt(text, from)) >= 0) {
            from = key + KEY.length();
            int valueStart = openingQuote(body, from);
            if (valueStart < 0) {
                continue;
            }
            int valueEnd = closingQuote(body, valueStart);
            from = valueEnd;
            int origin = originEnd(body, valueStart, valueEnd);
            if (origin < 0) {
                continue;
            }
            if (out == null) {
                out = new ByteArrayOutputStream(body.length + 64);
            }
            out.write(body, copied, valueStart - copied);
            out.write(base, 0, base.length);
            copied = origin;
        }
        if (out == null) {
            return body;
        }
        out.write(body, copied, body.length - copied);
        return out.toByteArray();
    }

    /**
     * Index of the next {@code "next_url"} at or after {@code from}, or -1. Found by its underscore, a byte that JSON
     * bodies seldom hold (none in a page of bars), rather than by the key's quote, which opens every key and string
     * there: searching the key itself stopped at each quote and cost most of the replay server's CPU.
     */
    private static int keyAt(String text, int from) {
        int underscore = from + UNDERSCORE;
        while ((underscore = text.indexOf('_', underscore)) >= 0) {
            int key = underscore - UNDERSCORE;
            if (text.startsWith(KEY, key)) {
                return key;
            }
            underscore++;
        }
        return -1;
    }

    /** After the key: optional whitespace, a colon, optional whitespace, then a quote. Index after the quote, or -1. */
    private static int openingQuote(byte[] body, int from) {
        int i = skipSpace(body, from);
        if (i >= body.length || body[i] != ':') {
            return -1;
        }
        i = skipSpace(body, i + 1);
        return i < body.length && body[i] == '"' ? i + 1 : -1;
    }

    private static int closingQuote(byte[] body, int from) {
        int i = from;
        while (i < body.length && body[i] != '"') {
            i += body[i] == '\\' ? 2 : 1;
        }
        return Math.min(i, body.length);
    }

    /**
     * Index of the first byte after {@code scheme://host[:port]}, or -1 if the value is not absolute. JSON may escape
     * the slashes ({@code https:\/\/host\/v2...}, as some encoders do): the origin then ends at the backslash of the
     * path's first escaped slash, and the path keeps its escapes.
     */
    private static int originEnd(byte[] body, int start, int end) {
        int i = start;
        while (i < end && isSchemeChar(body[i])) {
            i++;
        }
        if (i == start || i >= end || body[i] != ':') {
            return -1;
        }
        i++;
        for (int slash = 0; slash < 2; slash++) {
            if (i + 1 < end && body[i] == '\\' && body[i + 1] == '/') {
                i += 2;
            } else if (i < end && body[i] == '/') {
                i++;
            } else {
                return -1;
            }
        }
        while (i < end && body[i] != '/' && body[i] != '\\' && body[i] != '?' && body[i] != '#') {
            i++;
        }
        return i;
    }

    private static boolean isSchemeChar(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '+' || b == '-'
                || b == '.';
    }

    private static int skipSpace(byte[] body, int from) {
        int i = from;
        while (i < body.length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\n' || body[i] == '\r')) {
            i++;
        }
        return i;
    }
}
