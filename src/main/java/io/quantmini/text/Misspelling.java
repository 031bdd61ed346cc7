package io.quantmini.text;

import java.util.Collection;

/** The word a misspelled one was meant to be: {@code valu} for {@code value}, {@code nmae} for {@code name}. */
public final class Misspelling {

    /** Further than this many edits, a guess would more often mislead than help. */
    private static final int MOST_EDITS = 2;

    private Misspelling() {
    }

    /**
     * The one word of {@code words} nearest to {@code found}, at most two edits away (a letter added, left out,
     * changed, or two side by side swapped); null if none is, or two are equally near.
     */
    public static String meant(String found, Collection<String> words) {
        String nearest = null;
        int least = MOST_EDITS + 1;
        boolean tie = false;
        for (String word : words) {
            int edits = edits(found, word);
            if (edits < least) {
                nearest = word;
                least = edits;
                tie = false;
            } else if (edits == least) {
                tie = true;
            }
        }
        return tie ? null : nearest;
    }

    /** The edits that make {@code a} into {@code b} (optimal string alignment distance). */
    static int edits(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int changed = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + changed);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
