package io.quantmini.lake;

import java.nio.charset.StandardCharsets;

/**
 * Turns a market symbol into one safe path segment: every byte outside {@code [A-Za-z0-9._-]} is
 * percent-encoded ({@code TEST/WS -> TEST%2FWS}, {@code O:SPY251219C00650000 -> O%3ASPY251219C00650000}),
 * and a leading dot is encoded too, so neither {@code .} nor {@code ..} can name a parent folder.
 */
public final class SymbolPaths {

    private SymbolPaths() {
    }

    public static String encode(String symbol) {
        if (symbol == null || symbol.isEmpty()) {
            throw new IllegalArgumentException("empty symbol cannot name a path segment");
        }
        byte[] bytes = symbol.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                    || b == '_' || b == '-' || (b == '.' && i > 0);
            if (plain) {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    public static String decode(String segment) {
        byte[] out = new byte[segment.length()];
        int n = 0;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length()) {
                out[n++] = (byte) Integer.parseInt(segment.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
