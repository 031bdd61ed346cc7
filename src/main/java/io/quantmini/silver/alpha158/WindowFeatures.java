package io.quantmini.silver.alpha158;

/**
 * The 29 rolling Alpha158 groups for one window {@code d}, sharing the kernels where one pass serves several
 * features (one std pass for STD, RSQR's mask and CORR's mask; one least-squares pass for BETA, RSQR, RESI; one
 * sorted window for QTLU, QTLD, RANK; one arg-extreme pass for MAX/IMAX and MIN/IMIN; the per-symbol running
 * totals for every Sum/Mean). Kernels fill the workspace's buffers; the final float64 expression of each feature
 * is written straight into its float32 output column.
 */
final class WindowFeatures {
    private static final int ROC = Alpha158.group("ROC");
    private static final int MA = Alpha158.group("MA");
    private static final int STD = Alpha158.group("STD");
    private static final int BETA = Alpha158.group("BETA");
    private static final int RSQR = Alpha158.group("RSQR");
    private static final int RESI = Alpha158.group("RESI");
    private static final int MAX = Alpha158.group("MAX");
    private static final int MIN = Alpha158.group("MIN");
    private static final int QTLU = Alpha158.group("QTLU");
    private static final int QTLD = Alpha158.group("QTLD");
    private static final int RANK = Alpha158.group("RANK");
    private static final int RSV = Alpha158.group("RSV");
    private static final int IMAX = Alpha158.group("IMAX");
    private static final int IMIN = Alpha158.group("IMIN");
    private static final int IMXD = Alpha158.group("IMXD");
    private static final int CORR = Alpha158.group("CORR");
    private static final int CORD = Alpha158.group("CORD");
    private static final int CNTP = Alpha158.group("CNTP");
    private static final int CNTN = Alpha158.group("CNTN");
    private static final int CNTD = Alpha158.group("CNTD");
    private static final int SUMP = Alpha158.group("SUMP");
    private static final int SUMN = Alpha158.group("SUMN");
    private static final int SUMD = Alpha158.group("SUMD");
    private static final int VMA = Alpha158.group("VMA");
    private static final int VSTD = Alpha158.group("VSTD");
    private static final int WVMA = Alpha158.group("WVMA");
    private static final int VSUMP = Alpha158.group("VSUMP");
    private static final int VSUMN = Alpha158.group("VSUMN");
    private static final int VSUMD = Alpha158.group("VSUMD");

    private WindowFeatures() {
    }

    /**
     * The columns of some rolling groups for window {@code d} (the k-th window). Called through this interface, with
     * a receiver of another class for each part, so that C2 compiles every part on its own: inlined into one method,
     * the whole set took C2 ~0.3 s per compilation, recompiled after each deoptimization a rare input path causes.
     */
    @FunctionalInterface
    private interface Part {
        void compute(Alpha158Workspace ws, int from, int n, int d, int k, float[][] out, int at);
    }

    private static final Part[] PARTS = {WindowFeatures::closeTrend, WindowFeatures::extremes,
        WindowFeatures::quantilesAndRank, WindowFeatures::correlations, WindowFeatures::counts,
        WindowFeatures::volumes};

    /**
     * Writes every rolling group's column for window {@code d} (the k-th window) over rows {@code from … n−1}, row
     * {@code i} at index {@code at + i} of each column; the rows before are read as history only.
     */
    static void compute(Alpha158Workspace ws, int from, int n, int d, int k, float[][] out, int at) {
        for (Part part : PARTS) {
            part.compute(ws, from, n, d, k, out, at);
        }
    }

    /** ROC, and MA, STD, BETA, RSQR, RESI from one std pass and one least-squares pass over close. */
    private static void closeTrend(Alpha158Workspace ws, int from, int n, int d, int k, float[][] out, int at) {
        double[] c = ws.close;
        float[] roc = out[Alpha158.column(ROC, k)];
        for (int i = from; i < n; i++) {
            roc[at + i] = Ref.of(c, i, d) / (float) c[i]; // Ref($close, d)/$close in float32
        }

        double[] meanC = ws.meanC;
        double[] stdC = ws.stdC;
        WindowMoments.run(c, from, n, d, stdC, meanC);
        LinearFit.run(c, from, n, d, ws.slope, ws.rsquare, ws.resi);
        float[] ma = out[Alpha158.column(MA, k)];
        float[] std = out[Alpha158.column(STD, k)];
        float[] beta = out[Alpha158.column(BETA, k)];
        float[] rsqr = out[Alpha158.column(RSQR, k)];
        float[] resi = out[Alpha158.column(RESI, k)];
        double[] perClose = ws.inverseClose;
        for (int i = from; i < n; i++) {
            double pc = perClose[i];
            ma[at + i] = (float) (meanC[i] * pc);
            std[at + i] = (float) (stdC[i] * pc);
            beta[at + i] = (float) (ws.slope[i] * pc);
            rsqr[at + i] = Std.isFlat(stdC[i]) ? Float.NaN : (float) ws.rsquare[i]; // Rsquare's flat-window mask
            resi[at + i] = (float) (ws.resi[i] * pc);
        }
    }

    /** CORR and CORD. */
    private static void correlations(Alpha158Workspace ws, int from, int n, int d, int k, float[][] out, int at) {
        RollingInputs in = ws.in;
        Corr.run(ws.close, in.logVolume, from, n, d, ws.corr, ws.corrProduct);
        toFloat(ws.corr, out[Alpha158.column(CORR, k)], at, from, n);
        Corr.run(in.closeRatio, in.logVolumeRatio, from, n, d, ws.corr, ws.corrProduct);
        toFloat(ws.corr, out[Alpha158.column(CORD, k)], at, from, n);
    }

    /** CNTP, CNTN, CNTD and SUMP, SUMN, SUMD from the running totals. */
    private static void counts(Alpha158Workspace ws, int from, int n, int d, int k, float[][] out, int at) {
        RollingInputs in = ws.in;
        float[] cntp = out[Alpha158.column(CNTP, k)];
        float[] cntn = out[Alpha158.column(CNTN, k)];
        float[] cntd = out[Alpha158.column(CNTD, k)];
        double[] ups = ws.windowTotals[0];
        double[] downs = ws.windowTotals[1];
        in.up.means(from, n, d, ups);
        in.down.means(from, n, d, downs);
        for (int i = from; i < n; i++) {
            double p = ups[i];
            double m = downs[i];
            cntp[at + i] = (float) p;
            cntn[at + i] = (float) m;
            cntd[at + i] = (float) (p - m);
        }
        ratios(ws, in.gain, in.loss, in.move, from, n, d, out[Alpha158.column(SUMP, k)], out[Alpha158.column(SUMN, k)],
            out[Alpha158.column(SUMD, k)], at);
    }

    /** VMA, VSTD, WVMA from std passes over volume and over the volume-weighted move; VSUMP, VSUMN, VSUMD. */
    private static void volumes(Alpha158Workspace ws, int from, int n, int d, int k, float[][] out, int at) {
        RollingInputs in = ws.in;
        WindowMoments.run(ws.volume, from, n, d, ws.std, ws.mean);
        float[] vma = out[Alpha158.column(VMA, k)];
        float[] vstd = out[Alpha158.column(VSTD, k)];
        double[] perVolume = in.inverseVolumeGuarded;
        for (int i = from; i < n; i++) {
            vma[at + i] = (float) (ws.mean[i] * perVolume[i]);
            vstd[at + i] = (float) (ws.std[i] * perVolume[i]);
        }

        WindowMoments.run(in.weightedMove, from, n, d, ws.std, ws.mean);
        float[] wvma = out[Alpha158.column(WVMA, k)];
        for (int i = from; i < n; i++) {
            wvma[at + i] = (float) (ws.std[i] / (ws.mean[i] + 1e-12));
        }

        ratios(ws, in.volumeGain, in.volumeLoss, in.volumeMove, from, n, d, out[Alpha158.column(VSUMP, k)],
            out[Alpha158.column(VSUMN, k)], out[Alpha158.column(VSUMD, k)], at);
    }

    /** MAX, MIN, RSV, IMAX, IMIN, IMXD from one arg-max pass over high and one arg-min pass over low. */
    private static void extremes(Alpha158Workspace ws, int from, int n, int d, int k, float[][] out, int at) {
        double[] c = ws.close;
        double[] perClose = ws.inverseClose;
        double perDay = 1.0 / d;
        WindowExtreme hi = ws.highs[k];
        WindowExtreme lo = ws.lows[k];
        float[] max = out[Alpha158.column(MAX, k)];
        float[] min = out[Alpha158.column(MIN, k)];
        float[] rsv = out[Alpha158.column(RSV, k)];
        float[] imax = out[Alpha158.column(IMAX, k)];
        float[] imin = out[Alpha158.column(IMIN, k)];
        float[] imxd = out[Alpha158.column(IMXD, k)];
        for (int i = from; i < n; i++) {
            double maxH = Extremes.value(ws.high, hi, i);
            double minL = Extremes.value(ws.low, lo, i);
            double pc = perClose[i];
            max[at + i] = (float) (maxH * pc);
            min[at + i] = (float) (minL * pc);
            rsv[at + i] = (float) ((c[i] - minL) / (maxH - minL + 1e-12));
            double idxMax = Extremes.position(hi, d, i);
            double idxMin = Extremes.position(lo, d, i);
            imax[at + i] = (float) (idxMax * perDay);
            imin[at + i] = (float) (idxMin * perDay);
            imxd[at + i] = (float) ((idxMax - idxMin) * perDay);
        }
    }

    /** QTLU = Quantile(c, d, 0.8)/c, QTLD = Quantile(c, d, 0.2)/c, RANK = Rank(c, d), from one sorted window. */
    private static void quantilesAndRank(Alpha158Workspace ws, int from, int n, int d, int k, float[][] out, int at) {
        double[] c = ws.close;
        double[] perClose = ws.inverseClose;
        float[] qtlu = out[Alpha158.column(QTLU, k)];
        float[] qtld = out[Alpha158.column(QTLD, k)];
        float[] rank = out[Alpha158.column(RANK, k)];
        SortedWindow window = ws.sorted;
        // The window depends on its own rows only: it starts as row from − 1's window, not at the series start.
        window.fill(c, Math.max(0, from - d), from);
        for (int i = from; i < n; i++) {
            int slot = window.slideTo(c, i, d);
            qtlu[at + i] = (float) (window.quantile(0.8) * perClose[i]);
            qtld[at + i] = (float) (window.quantile(0.2) * perClose[i]);
            rank[at + i] = slot < 0 ? Float.NaN : (float) window.rankPctAt(slot);
        }
    }

    /** {@code Sum(gain)/(Sum(move)+1e-12)}, {@code Sum(loss)/(…)}, {@code (Sum(gain)-Sum(loss))/(…)}. */
    private static void ratios(Alpha158Workspace ws, PrefixTotals gain, PrefixTotals loss, PrefixTotals move,
                               int from, int n, int d, float[] pos, float[] neg, float[] diff, int at) {
        double[] gains = ws.windowTotals[0];
        double[] losses = ws.windowTotals[1];
        double[] moves = ws.windowTotals[2];
        gain.sums(from, n, d, gains);
        loss.sums(from, n, d, losses);
        move.sums(from, n, d, moves);
        for (int i = from; i < n; i++) {
            double sumGain = gains[i];
            double sumLoss = losses[i];
            double perMove = 1 / (moves[i] + 1e-12);
            pos[at + i] = (float) (sumGain * perMove);
            neg[at + i] = (float) (sumLoss * perMove);
            diff[at + i] = (float) ((sumGain - sumLoss) * perMove);
        }
    }

    private static void toFloat(double[] x, float[] out, int at, int from, int n) {
        for (int i = from; i < n; i++) {
            out[at + i] = (float) x[i];
        }
    }
}
