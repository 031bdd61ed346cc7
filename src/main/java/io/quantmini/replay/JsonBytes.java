package io.quantmini.replay;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer for writing compact JSON fast: numbers are written from integers in
 * fixed-point units, so no floating-point formatting happens per value.
 */
final class JsonBytes {

    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private byte[] bytes;
    private int size;

    JsonBytes(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    JsonBytes raw(byte[] data) {
        ensure(data.length);
        System.arraycopy(data, 0, bytes, size, data.length);
        size += data.length;
        return this;
    }

    /** Appends text that is already valid JSON (punctuation, keys, literals); ASCII only. */
    JsonBytes ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
        return this;
    }

    JsonBytes string(String value) {
        return raw(quoted(value));
    }

    JsonBytes number(long value) {
        return ascii(Long.toString(value));
    }

    /**
     * Writes {@code units / 10^decimals} with trailing zeros dropped, the way Polygon prints its
     * numbers: 1002000 with 4 decimals is {@code 100.2}, 1000000 is {@code 100}.
     */
    JsonBytes fixedPoint(long units, int decimals) {
        if (units < 0) {
            ascii("-");
            units = -units;
        }
        long scale = POWERS_OF_TEN[decimals];
        number(units / scale);
        long fraction = units % scale;
        if (fraction != 0) {
            int digits = decimals;
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
            ensure(digits + 1);
            bytes[size++] = '.';
            for (int i = digits - 1; i >= 0; i--) {
                bytes[size + i] = (byte) ('0' + fraction % 10);
                fraction /= 10;
            }
            size += digits;
        }
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** {@code value} as a JSON string literal, UTF-8. */
    static byte[] quoted(String value) {
        StringBuilder json = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString().getBytes(StandardCharsets.UTF_8);
    }

    private void ensure(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
        }
    }
}
