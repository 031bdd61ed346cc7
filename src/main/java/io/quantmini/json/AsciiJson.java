package io.quantmini.json;

import java.nio.charset.StandardCharsets;

/**
 * A strict, allocation-free cursor over a JSON document in a byte array, for the common case only: ASCII strings
 * without escapes, plain numbers, nesting below {@link #MAX_DEPTH}. It accepts a subset of what Jackson accepts
 * and reads the same values from it; on anything else (an escape, a non-ASCII byte, a malformed or unusual token,
 * truncation) it throws {@link Unsupported} and the caller re-reads the document with Jackson, which then produces
 * the exact value or error message. So it never decides that input is bad; it only declines.
 *
 * <p>Numbers: an integer of up to 18 digits is an exact {@code long}; a decimal with at most 15 significant
 * digits and a small exponent is converted exactly (one correctly rounded IEEE division or multiplication of two
 * exact doubles, Clinger's fast path); any other decimal goes through {@link Double#parseDouble}, which like
 * Jackson's parser rounds correctly, so both give the same double.
 */
public final class AsciiJson {

    /** The input left the fast path: re-read it with a full parser. Carries no stack trace (it is control flow). */
    public static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Unsupported INSTANCE = new Unsupported();

        private Unsupported() {
            super("not on the fast path", null, false, false);
        }
    }

    public static final int MAX_DEPTH = 200;
    private static final int MAX_INT_DIGITS = 18;
    private static final int MAX_EXACT_DIGITS = 15;
    private static final int MAX_NUMBER_LENGTH = 200;
    private static final double[] POWERS_OF_TEN = {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private final byte[] b;
    private final int end;
    private int pos;

    /** After {@link #number()}: whether the token was an integer (no fraction, no exponent). */
    private boolean integral;
    private long longValue;
    private double doubleValue;
    private int stringStart;
    private int stringEnd;

    public AsciiJson(byte[] bytes) {
        this.b = bytes;
        this.end = bytes.length;
    }

    public static Unsupported unsupported() {
        return Unsupported.INSTANCE;
    }

    public int position() {
        return pos;
    }

    /** Skips JSON whitespace; returns the next byte (not consumed), or -1 at the end of input. */
    public int peek() {
        while (pos < end) {
            byte c = b[pos];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                pos++;
            } else {
                return c;
            }
        }
        return -1;
    }

    /** Consumes {@code c} after optional whitespace, or declines. */
    public void expect(char c) {
        if (peek() != c) {
            throw Unsupported.INSTANCE;
        }
        pos++;
    }

    /** After {@code ','} or the closing {@code close}: true when another member follows (the comma is consumed). */
    public boolean more(char close) {
        int c = peek();
        if (c == ',') {
            pos++;
            return true;
        }
        if (c == close) {
            pos++;
            return false;
        }
        throw Unsupported.INSTANCE;
    }

    /** True (and consumed) when the container opened just before is empty: the next byte is {@code close}. */
    public boolean empty(char close) {
        if (peek() == close) {
            pos++;
            return true;
        }
        return false;
    }

    /** True when only whitespace is left. */
    public boolean atEnd() {
        return peek() == -1;
    }

    /** Reads a string token; its bytes are then {@link #stringStart()}..{@link #stringEnd()} (exclusive). */
    public void string() {
        if (peek() != '"') {
            throw Unsupported.INSTANCE;
        }
        int i = pos + 1;
        while (true) {
            if (i >= end) {
                throw Unsupported.INSTANCE;
            }
            byte c = b[i];
            if (c == '"') {
                break;
            }
            if (c < 0x20 || c == '\\') { // bytes >= 0x80 are negative: non-ASCII declines too
                throw Unsupported.INSTANCE;
            }
            i++;
        }
        stringStart = pos + 1;
        stringEnd = i;
        pos = i + 1;
    }

    public int stringStart() {
        return stringStart;
    }

    public int stringEnd() {
        return stringEnd;
    }

    /** The last string token as a Java string (ASCII, so one byte per char). */
    public String stringValue() {
        return new String(b, stringStart, stringEnd - stringStart, StandardCharsets.ISO_8859_1);
    }

    /** Whether the last string token's bytes equal {@code name}'s (ASCII) bytes. */
    public boolean stringEquals(byte[] name) {
        int n = stringEnd - stringStart;
        if (n != name.length) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (b[stringStart + k] != name[k]) {
                return false;
            }
        }
        return true;
    }

    /** Reads a member name and the colon after it. */
    public void name() {
        string();
        expect(':');
    }

    /** Reads {@code true} or {@code false}. */
    public boolean bool() {
        int c = peek();
        if (c == 't' && literal("true")) {
            return true;
        }
        if (c == 'f' && literal("false")) {
            return false;
        }
        throw Unsupported.INSTANCE;
    }

    /** Consumes {@code null} when it is next; false (nothing consumed) otherwise. */
    public boolean nullLiteral() {
        return peek() == 'n' && literal("null");
    }

    private boolean literal(String word) {
        int n = word.length();
        if (pos + n > end) {
            throw Unsupported.INSTANCE;
        }
        for (int k = 0; k < n; k++) {
            if (b[pos + k] != word.charAt(k)) {
                throw Unsupported.INSTANCE;
            }
        }
        if (!delimiterAt(pos + n)) {
            throw Unsupported.INSTANCE;
        }
        pos += n;
        return true;
    }

    private boolean delimiterAt(int i) {
        if (i >= end) {
            return true;
        }
        byte c = b[i];
        return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    /** Whether the next token starts a number. */
    public boolean atNumber() {
        int c = peek();
        return c == '-' || (c >= '0' && c <= '9');
    }

    /**
     * Reads a number token (JSON grammar, no leading zeros, a delimiter after it). Then {@link #integral()},
     * {@link #longValue()} (integral only) and {@link #doubleValue()} describe it.
     */
    public void number() {
        peek();
        int start = pos;
        int i = pos;
        boolean negative = false;
        if (i < end && b[i] == '-') {
            negative = true;
            i++;
        }
        long mantissa = 0;
        int significant = 0;   // digits counted into mantissa, leading zeros excluded
        int intDigits = 0;
        int digitsStart = i;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            int d = b[i] - '0';
            if (mantissa != 0 || d != 0) {
                significant++;
                if (significant <= MAX_INT_DIGITS) {
                    mantissa = mantissa * 10 + d;
                }
            }
            i++;
            intDigits++;
        }
        if (intDigits == 0 || (intDigits > 1 && b[digitsStart] == '0')) {
            throw Unsupported.INSTANCE; // "-", "-x", leading zeros: Jackson's error, not ours
        }
        int scale = 0;       // value = mantissa * 10^(-scale + exponent)
        boolean isInt = true;
        if (i < end && b[i] == '.') {
            isInt = false;
            i++;
            int fracStart = i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                int d = b[i] - '0';
                if (mantissa != 0 || d != 0) {
                    significant++;
                    if (significant <= MAX_INT_DIGITS) {
                        mantissa = mantissa * 10 + d;
                        scale++;
                    }
                } else {
                    scale++; // a leading zero after the point still shifts the value
                }
                i++;
            }
            if (i == fracStart) {
                throw Unsupported.INSTANCE;
            }
        }
        int exponent = 0;
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            isInt = false;
            i++;
            boolean negativeExponent = false;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                negativeExponent = b[i] == '-';
                i++;
            }
            int expStart = i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                if (exponent < 10_000) {
                    exponent = exponent * 10 + (b[i] - '0');
                }
                i++;
            }
            if (i == expStart) {
                throw Unsupported.INSTANCE;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (i - start > MAX_NUMBER_LENGTH || !delimiterAt(i)) {
            throw Unsupported.INSTANCE;
        }
        pos = i;
        integral = isInt;
        if (isInt) {
            if (intDigits > MAX_INT_DIGITS) {
                throw Unsupported.INSTANCE; // may be a BigInteger to Jackson
            }
            longValue = negative ? -mantissa : mantissa;
            doubleValue = longValue; // Jackson converts an int token the same way ("-0" gives +0.0)
            return;
        }
        int power = exponent - scale;
        double v;
        if (significant <= MAX_EXACT_DIGITS && power >= -22 && power <= 22) {
            v = power < 0 ? mantissa / POWERS_OF_TEN[-power] : mantissa * POWERS_OF_TEN[power];
        } else {
            v = Double.parseDouble(new String(b, start + (negative ? 1 : 0), i - start - (negative ? 1 : 0),
                    StandardCharsets.ISO_8859_1));
        }
        doubleValue = negative ? -v : v;
    }

    public boolean integral() {
        return integral;
    }

    public long longValue() {
        return longValue;
    }

    public double doubleValue() {
        return doubleValue;
    }

    /** Skips one value of any kind, checking its grammar. */
    public void skipValue() {
        skipValue(0);
    }

    private void skipValue(int depth) {
        int c = peek();
        switch (c) {
            case '"' -> string();
            case '{' -> {
                if (depth >= MAX_DEPTH) {
                    throw Unsupported.INSTANCE;
                }
                pos++;
                if (!empty('}')) {
                    do {
                        name();
                        skipValue(depth + 1);
                    } while (more('}'));
                }
            }
            case '[' -> {
                if (depth >= MAX_DEPTH) {
                    throw Unsupported.INSTANCE;
                }
                pos++;
                if (!empty(']')) {
                    do {
                        skipValue(depth + 1);
                    } while (more(']'));
                }
            }
            case 't', 'f' -> bool();
            case 'n' -> {
                if (!nullLiteral()) {
                    throw Unsupported.INSTANCE;
                }
            }
            default -> {
                if (atNumber()) {
                    number();
                } else {
                    throw Unsupported.INSTANCE;
                }
            }
        }
    }
}
