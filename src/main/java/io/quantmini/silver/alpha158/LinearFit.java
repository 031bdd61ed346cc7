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

    /** Any of the outputs may be null. */
    static void run(double[] y, int w, double[] slope, double[] rsquare, double[] resi) {
        run(y, 0, y.length, w, slope, rsquare, resi);
    }

    /**
     * As {@link #run(double[], int, double[], double[], double[])} over the first {@code len} rows of y, writing rows
     * {@code from … len−1} only (the sums run over every row: Qlib never resets them).
     */
    static void run(double[] y, int from, int len, int w, double[] slope, double[] rsquare, double[] resi) {
        Windows.require(w);
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
            double cov = n * sxy - sx * sy;
            double varX = n * sxx - sx * sx;
            double b = cov / varX;
            if (slope != null) {
                slope[i] = b;
            }
            if (rsquare != null) {
                double r = cov / Math.sqrt(varX * (n * syy - sy * sy));
                rsquare[i] = r * r;
            }
            if (resi != null) {
                double intercept = sy / n - b * (sx / n);
                resi[i] = v - (b * w + intercept);
            }
        }
    }
}
