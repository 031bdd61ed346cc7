package io.quantmini.silver.alpha158;

/** pandas turns ±inf into NaN before every rolling aggregation: for them a value counts only if finite. */
final class Finite {
    private Finite() {
    }

    static boolean is(double v) {
        return Math.abs(v) <= Double.MAX_VALUE;
    }
}
