package io.quantmini.text;

/** A count with its noun, as log lines and summaries say it: {@code 1 day}, {@code 3 days}, {@code 0 days}. */
public final class Plural {

    private Plural() {
    }

    /** {@code n} and the noun, with an {@code s} unless n is 1 (the nouns said here all take one). */
    public static String of(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
