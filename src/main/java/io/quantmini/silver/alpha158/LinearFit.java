package io.quantmini.silver.alpha158;

/**
 * Kernel of Qlib's Cython {@code rolling_slope / rolling_rsquare / rolling_resi} (qlib/data/_libs/rolling.pyx):
 * an ordinary least-squares line through the non-NaN values of the last {@code w} rows, with x = the row's position
 * in the window (oldest = 1, today = w; before row w−1 the window is padded with NaN on the left, so the first row
 * sits at x = w).
 *
 * <p>Same algebra as Qlib, on purpose: uncentred running sums Σx, Σx², Σy, Σy², Σxy kept over the <b>whole</b>
 * series (never reset); each row shifts all x by −1 ({@code Σxy −= Σy}, {@code Σx² += n − 2Σx}, {@code Σx −= n}),
 * drops the leaving value (now at x = 0, so only n, Σy, Σy² change) and adds today's at x = w. Hence Qlib's
 * rounding noise (Rsquare near flat windows) is reproduced rather than "fixed", and only NaN is treated as missing:
 * an infinite input poisons every later value, exactly as in Qlib.
 */
final class LinearFit {
    private LinearFit() {
    }

    /** The per-row sums the line is solved from, kept for {@link #solve}; reusable, grows as needed. */
    static final class Sums {
        double[] count = new double[0];
        double[] sx = new double[0];
        double[] sy = new double[0];
        /** {@code n·Σxy − Σx·Σy}, {@code n·Σx² − (Σx)²}, {@code n·Σy² − (Σy)²}. */
        double[] cov = new double[0];
        double[] varX = new double[0];
        double[] varY = new double[0];

        void ensure(int n) {
            if (count.length < n) {
                count = new double[n];
                sx = new double[n];
                sy = new double[n];
                cov = new double[n];
                varX = new double[n];
                varY = new double[n];
            }
        }
    }

    /** Slope, r² and today's residual of every window; allocates its sums (operators and tests). */
    static void run(double[] y, int w, double[] slope, double[] rsquare, double[] resi) {
        run(y, 0, y.length, w, slope, rsquare, resi, new Sums());
    }

    /**
     * As {@link #run(double[], int, double[], double[], double[])} over the first {@code len} rows of y, writing rows
     * {@code from … len−1} only (the sums run over every row: Qlib never resets them). The sliding
     * loop only keeps the sums; the divisions and the square root are one straight loop after it
     * ({@link Vectorized}), with the same operations in the same order.
     */
    static void run(double[] y, int from, int len, int w, double[] slope, double[] rsquare, double[] resi,
                    Sums sums) {
        Windows.require(w);
        sums.ensure(len);
        double count = 0;
        double sx = 0;
        double sxx = 0;
        double sy = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < len; i++) {
            double v = y[i];
            sxy -= sy;
            sxx += count - 2 * sx;
            sx -= count;
            int j = i - w;
            double leaving = y[Math.max(j, 0)]; // read unconditionally: see Windows
            if (j >= 0) {
                if (!Double.isNaN(leaving)) {
                    count -= 1;
                    sy -= leaving;
                    syy -= leaving * leaving;
                }
            }
            if (!Double.isNaN(v)) {
                count += 1;
                sx += w;
                sxx += (double) w * w;
                sy += v;
                syy += v * v;
                sxy += w * v;
            }
            if (i < from) {
                continue;
            }
            int n = (int) count;
            sums.count[i] = n;
            sums.sx[i] = sx;
            sums.sy[i] = sy;
            sums.cov[i] = n * sxy - sx * sy;
            sums.varX[i] = n * sxx - sx * sx;
            sums.varY[i] = n * syy - sy * sy;
        }
        solve(y, from, len, w, sums, slope, rsquare, resi);
    }

    private static void solve(double[] y, int from, int len, int w, Sums sums, double[] slope, double[] rsquare,
                              double[] resi) {
        double[] counts = sums.count;
        double[] sxs = sums.sx;
        double[] sys = sums.sy;
        double[] covs = sums.cov;
        double[] varXs = sums.varX;
        double[] varYs = sums.varY;
        for (int i = from; i < len; i++) {
            double n = counts[i];
            double cov = covs[i];
            double varX = varXs[i];
            double b = cov / varX;
            slope[i] = b;
            double r = cov / Math.sqrt(varX * varYs[i]);
            rsquare[i] = r * r;
            double intercept = sys[i] / n - b * (sxs[i] / n);
            resi[i] = y[i] - (b * w + intercept);
        }
    }
}
