package io.quantmini.silver.alpha158;

/**
 * Qlib's {@code >} and {@code <} (operators {@code Gt}, {@code Lt}): boolean series, here 1 / 0. A comparison
 * with NaN is <b>false</b> (0), never NaN — so {@code Mean($close>Ref($close,1), d)} is defined on a symbol's
 * first row and across holes.
 */
public final class Compare {
    private Compare() {
    }

    public static int gt(float a, float b) {
        return a > b ? 1 : 0;
    }

    public static int lt(float a, float b) {
        return a < b ? 1 : 0;
    }
}
