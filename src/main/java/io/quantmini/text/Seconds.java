package io.quantmini.text;

import java.util.Locale;

/** Elapsed time as log lines say it: seconds with a point, whatever the machine's locale ({@code 1.44}). */
public final class Seconds {

    private Seconds() {
    }

    /** The seconds since {@code startNanos} (a {@link System#nanoTime()}), to hundredths. */
    public static String since(long startNanos) {
        return of(System.nanoTime() - startNanos, 2);
    }

    /** {@code nanos} in seconds, with {@code decimals} digits after the point. */
    public static String of(long nanos, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", nanos / 1e9);
    }
}
