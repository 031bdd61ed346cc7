package io.quantmini.bench;

/** Pieces of the synthetic grouped-daily bodies the bronze and gold benchmarks generate. */
public final class BenchBars {

    private BenchBars() {
    }

    /** Distinct tickers of 1-5 letters for n = 0, 1, ...: A..Z, AA..ZZ, ... */
    public static String ticker(int n) {
        StringBuilder s = new StringBuilder();
        int i = n;
        do {
            s.append((char) ('A' + i % 26));
            i = i / 26 - 1;
        } while (i >= 0);
        return s.reverse().toString();
    }

    /** A price as Polygon sends it: at most four decimals. */
    public static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
