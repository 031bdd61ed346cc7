package io.quantmini.silver.alpha158;

/**
 * Qlib {@code Corr(a, b, N)}: pandas {@code a.rolling(N, min_periods=1).corr(b)} — Pearson correlation (ddof 1) over
 * the pairwise-complete rows of the window (a row counts only if both a and b are finite) — then NaN wherever the
 * rolling std of {@code a} or of {@code b}, each over its own rows, is ≤ 2e-5 ({@link Std#isFlat}), as
 * {@code Corr._load_internal} does. NaN with fewer than two pairs; two pairs give ±1.
 *
 * <p>O(1) per row with shifted co-moment sums around an anchor pair, re-anchored on the window's newest pair with
 * the sums recomputed exactly, as {@link WindowMoments} does, also when the squares removed from a side's sum since
 * the last recompute exceed it {@link WindowMoments#DRIFT} times. The two masks come from the same pass: when a side's
 * own finite rows are exactly the window's pairs (the usual case) its own std is the pairwise one — with
 * {@link WindowMoments}' rule that a run of equal values is exactly flat — and only in the rare window where they
 * differ is that side's own std summed separately. Where the pairwise rows have zero variance but neither own-row
 * std is flat (a rare NaN-pattern corner, e.g. CORD around zero-volume days), pandas divides noise by 0 (±inf or
 * NaN); this returns NaN.
 *
 * <p>The flat-window tests are left as plain branches on purpose. Until a run meets its first flat window C2 compiles
 * them as uncommon traps, so that window costs one deoptimization and a recompilation of this method (~45 ms of C2
 * time, two or three times a run: ~1% of the benchmark's CPU). Compiling every cold path instead
 * ({@code -XX:PerMethodTrapLimit=0}) made the benchmark ~20% slower, and a branch-free test would need sign-bit
 * arithmetic on every row to save that 1%.
 */
public final class Corr {
    private Corr() {
    }

    public static double[] of(double[] a, double[] b, int n) {
        double[] out = new double[a.length];
        run(a, b, 0, a.length, n, out, new double[a.length]);
        return out;
    }

    private static boolean pair(double[] a, double[] b, int i) {
        return Finite.is(a[i]) && Finite.is(b[i]);
    }

    /**
     * The masked correlation of rows {@code from … len−1} into {@code out}, the rows before read as history.
     * {@code product} (at least len rows) is scratch: it takes each row's {@code caa·cbb}, or NaN where the row is
     * masked, and the divisions and square roots are left to one straight loop at the end ({@link #divideBySqrt}).
     */
    static void run(double[] a, double[] b, int from, int len, int w, double[] out, double[] product) {
        Windows.require(w);
        double ka = 0;
        double kb = 0;
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        // the squares removed from saa and sbb since they were last recomputed
        double removedA = 0;
        double removedB = 0;
        int count = 0;
        // each side's own finite rows: how many, and the run of equal values ending at the latest one
        int countA = 0;
        int countB = 0;
        double lastA = Double.NaN;
        double lastB = Double.NaN;
        int runA = 0;
        int runB = 0;
        int untilAnchor = w;
        for (int i = 0; i < len; i++) {
            double ai = a[i];
            double bi = b[i];
            boolean finiteA = Finite.is(ai);
            boolean finiteB = Finite.is(bi);
            if (finiteA) {
                countA++;
                runA = ai == lastA ? runA + 1 : 1;
                lastA = ai;
            }
            if (finiteB) {
                countB++;
                runB = bi == lastB ? runB + 1 : 1;
                lastB = bi;
            }
            if (finiteA && finiteB) {
                if (count == 0) {
                    ka = ai;
                    kb = bi;
                    sa = sb = saa = sbb = sab = removedA = removedB = 0;
                }
                count++;
                double da = ai - ka;
                double db = bi - kb;
                sa += da;
                sb += db;
                saa += da * da;
                sbb += db * db;
                sab += da * db;
            }
            int j = i - w;
            double leavingA = a[Math.max(j, 0)]; // read unconditionally: see Windows
            double leavingB = b[Math.max(j, 0)];
            if (j >= 0) {
                boolean leftA = Finite.is(leavingA);
                boolean leftB = Finite.is(leavingB);
                countA -= leftA ? 1 : 0;
                countB -= leftB ? 1 : 0;
                if (leftA && leftB) {
                    count--;
                    double da = leavingA - ka;
                    double db = leavingB - kb;
                    sa -= da;
                    sb -= db;
                    double squareA = da * da;
                    double squareB = db * db;
                    saa -= squareA;
                    sbb -= squareB;
                    removedA += squareA;
                    removedB += squareB;
                    sab -= da * db;
                }
            }
            boolean reanchor = --untilAnchor == 0;
            if (reanchor) {
                untilAnchor = w;
            }
            reanchor |= saa * WindowMoments.DRIFT < removedA && runA < countA
                    || sbb * WindowMoments.DRIFT < removedB && runB < countB;
            if (reanchor && count > 0) {
                int newest = i;
                while (!pair(a, b, newest)) {
                    newest--;
                }
                ka = a[newest];
                kb = b[newest];
                untilAnchor = w - (i - newest); // again when the anchor's row leaves the window
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
                removedA = 0;
                removedB = 0;
            }
            if (i < from) {
                continue;
            }
            if (count < 2) {
                out[i] = Double.NaN;
                product[i] = Double.NaN;
                continue;
            }
            double perCount = Reciprocal.of(count);
            double caa = saa - sa * sa * perCount;
            double cbb = sbb - sb * sb * perCount;
            double cab = sab - sa * sb * perCount;
            // Where a side's own rows are not the pairs, its paired values can all be equal while its own std is not
            // flat: a pairwise variance of exactly 0, which the shifted sums may leave a little above 0.
            boolean maskA = countA == count ? runA >= count || flat(caa, count)
                    : ownFlat(a, i, w) || pairedValuesEqual(a, a, b, i, w);
            boolean maskB = countB == count ? runB >= count || flat(cbb, count)
                    : ownFlat(b, i, w) || pairedValuesEqual(b, a, b, i, w);
            out[i] = cab;
            product[i] = maskA || maskB || caa <= 0 || cbb <= 0 ? Double.NaN : caa * cbb;
        }
        divideBySqrt(out, product, from, len);
    }

    /**
     * {@code x[i] = x[i] / √y[i]} for rows {@code from … n−1}. In the sliding loop, among its branches, C2 issues the
     * square root and the division one row at a time; in a loop of their own it vectorizes them, four doubles per
     * instruction: ~13% off this kernel, measured. Both operations are correctly rounded either way, so the values
     * are bit for bit those of the scalar expression. (The same split did not pay in the kernels with one square
     * root or one division per row.)
     */
    private static void divideBySqrt(double[] x, double[] y, int from, int n) {
        for (int i = from; i < n; i++) {
            x[i] = x[i] / Math.sqrt(y[i]);
        }
    }

    /**
     * {@link Std#isFlat} of the std of k values with centred sum of squares m2. A window well above the threshold
     * (std &gt; ~3e-5) is decided without the square root; anything near or below it takes the exact test.
     */
    private static boolean flat(double m2, int k) {
        return m2 <= 1e-9 * (k - 1) && Std.isFlat(std(m2, k));
    }

    /** Sample std from the centred sum of squares of k values, as {@link WindowMoments} computes it. */
    private static double std(double m2, int k) {
        return m2 <= 0 ? 0 : Math.sqrt(m2 / (k - 1));
    }

    /** Whether x (a or b) has one value on every pair of the window ending at row i. */
    private static boolean pairedValuesEqual(double[] x, double[] a, double[] b, int i, int w) {
        double first = Double.NaN;
        for (int r = Math.max(0, i - w + 1); r <= i; r++) {
            if (pair(a, b, r)) {
                if (first != first) {
                    first = x[r];
                } else if (x[r] != first) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * {@link Std#isFlat} of x's own rolling std at row i, summed directly (for windows whose rows differ: x has more
     * values there than the window's two or more pairs, so at least three).
     */
    private static boolean ownFlat(double[] x, int i, int w) {
        int from = Math.max(0, i - w + 1);
        int k = 0;
        double sum = 0;
        for (int r = from; r <= i; r++) {
            if (Finite.is(x[r])) {
                k++;
                sum += x[r];
            }
        }
        double mean = sum / k;
        double m2 = 0;
        for (int r = from; r <= i; r++) {
            if (Finite.is(x[r])) {
                m2 += (x[r] - mean) * (x[r] - mean);
            }
        }
        return Std.isFlat(std(m2, k));
    }
}
