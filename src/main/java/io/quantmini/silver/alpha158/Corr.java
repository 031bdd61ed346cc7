package io.quantmini.silver.alpha158;

/**
 * Qlib {@code Corr(a, b, N)}: pandas {@code a.rolling(N, min_periods=1).corr(b)} — Pearson correlation (ddof 1) over
 * the pairwise-complete rows of the window (a row counts only if both a and b are finite) — then NaN wherever the
 * rolling std of {@code a} or of {@code b}, each over its own rows, is ≤ 2e-5 ({@link Std#isFlat}), as
 * {@code Corr._load_internal} does. NaN with fewer than two pairs; two pairs give ±1.
 *
 * <p>O(1) per row with shifted co-moment sums, re-anchored and recomputed exactly every N rows (see
 * {@link WindowMoments}). Where the pairwise rows have zero variance but neither own-row std is flat (a rare
 * NaN-pattern corner), pandas divides noise by 0 (±inf or NaN); this returns NaN.
 */
public final class Corr {
    private Corr() {
    }

    public static double[] of(double[] a, double[] b, int n) {
        return of(a, b, n, Std.of(a, n), Std.of(b, n));
    }

    /** As {@link #of(double[], double[], int)} with the two own-row rolling stds already computed. */
    static double[] of(double[] a, double[] b, int n, double[] stdA, double[] stdB) {
        double[] out = new double[a.length];
        run(a, b, a.length, n, stdA, stdB, out);
        return out;
    }

    private static boolean pair(double[] a, double[] b, int i) {
        return Finite.is(a[i]) && Finite.is(b[i]);
    }

    /**
     * The masked correlation of the first {@code len} rows into {@code out}; {@code stdA}/{@code stdB} are the
     * own-row rolling stds of a and b over the same window.
     */
    static void run(double[] a, double[] b, int len, int w, double[] stdA, double[] stdB, double[] out) {
        Windows.require(w);
        double ka = 0;
        double kb = 0;
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        int count = 0;
        int untilAnchor = w;
        for (int i = 0; i < len; i++) {
            if (pair(a, b, i)) {
                if (count == 0) {
                    ka = a[i];
                    kb = b[i];
                    sa = sb = saa = sbb = sab = 0;
                }
                count++;
                double da = a[i] - ka;
                double db = b[i] - kb;
                sa += da;
                sb += db;
                saa += da * da;
                sbb += db * db;
                sab += da * db;
            }
            int j = i - w;
            if (j >= 0 && pair(a, b, j)) {
                count--;
                double da = a[j] - ka;
                double db = b[j] - kb;
                sa -= da;
                sb -= db;
                saa -= da * da;
                sbb -= db * db;
                sab -= da * db;
            }
            boolean reanchor = --untilAnchor == 0;
            if (reanchor) {
                untilAnchor = w;
            }
            if (reanchor && count > 0) {
                if (pair(a, b, i)) {
                    ka = a[i];
                    kb = b[i];
                }
                sa = sb = saa = sbb = sab = 0;
                for (int k = Math.max(0, i - w + 1); k <= i; k++) {
                    if (pair(a, b, k)) {
                        double da = a[k] - ka;
                        double db = b[k] - kb;
                        sa += da;
                        sb += db;
                        saa += da * da;
                        sbb += db * db;
                        sab += da * db;
                    }
                }
            }
            if (count < 2 || Std.isFlat(stdA[i]) || Std.isFlat(stdB[i])) {
                out[i] = Double.NaN;
                continue;
            }
            double caa = saa - sa * sa / count;
            double cbb = sbb - sb * sb / count;
            double cab = sab - sa * sb / count;
            out[i] = caa <= 0 || cbb <= 0 ? Double.NaN : cab / Math.sqrt(caa * cbb);
        }
    }
}
