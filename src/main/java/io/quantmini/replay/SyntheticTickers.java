package io.quantmini.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * Names for the synthetic market's tickers: four-letter codes in order (AAAA, AAAB, ...), the last
 * few replaced, in markets of 50 or more, by real-world symbols that are awkward for paths, case
 * handling and parsers.
 */
final class SyntheticTickers {

    /** A class share with a dot, a warrant with a slash, a preferred with a lowercase letter, a one-letter symbol. */
    static final List<String> AWKWARD = List.of("BRK.A", "BF.B", "TEST/WS", "ABRpD", "A");
    static final int AWKWARD_FROM = 50;
    static final int MAX = 26 * 26 * 26 * 26;

    private SyntheticTickers() {
    }

    static List<String> names(int count) {
        if (count < 1 || count > MAX) {
            throw new IllegalArgumentException("tickers must be between 1 and " + MAX + ": " + count);
        }
        int awkward = count >= AWKWARD_FROM ? AWKWARD.size() : 0;
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count - awkward; i++) {
            names.add(code(i));
        }
        names.addAll(AWKWARD.subList(0, awkward));
        return List.copyOf(names);
    }

    private static String code(int index) {
        char[] letters = new char[4];
        for (int i = 3; i >= 0; i--) {
            letters[i] = (char) ('A' + index % 26);
            index /= 26;
        }
        return new String(letters);
    }
}
