package io.quantmini.silver.alpha158;

/** Argument checks shared by the rolling operators. */
final class Windows {
    private Windows() {
    }

    static void require(int w) {
        if (w < 1) {
            throw new IllegalArgumentException("rolling window must be >= 1, got " + w);
        }
    }
}
