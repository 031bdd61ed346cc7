package io.quantmini.silver.alpha158;

/**
 * The 29 rolling Alpha158 groups for one window {@code d}, sharing the kernels where one pass serves several
 * features (one std pass for STD, RSQR's mask and CORR's mask; one least-squares pass for BETA, RSQR, RESI; one
 * sorted window for QTLU, QTLD, RANK; one arg-extreme pass for MAX/IMAX and MIN/IMIN).
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

    /** Fills {@code f[group][k]} for window {@code d} (the k-th window) of every rolling group. */
    static void compute(SymbolSeries s, RollingInputs in, int d, int k, double[][][] f) {
        int n = s.close.length;
        double[] c = s.close;

        f[ROC][k] = Arith32.div(Ref.of(c, d), c);

        double[] meanC = new double[n];
        double[] stdC = new double[n];
        WindowMoments.run(c, d, stdC, meanC);
        f[MA][k] = Arith64.div(meanC, c);
        f[STD][k] = Arith64.div(stdC, c);

        double[] slope = new double[n];
        double[] rsq = new double[n];
        double[] resi = new double[n];
        LinearFit.run(c, d, slope, rsq, resi);
        Rsquare.mask(rsq, stdC);
        f[BETA][k] = Arith64.div(slope, c);
        f[RSQR][k] = rsq;
        f[RESI][k] = Arith64.div(resi, c);

        WindowExtreme hi = WindowExtreme.max(s.high, d);
        WindowExtreme lo = WindowExtreme.min(s.low, d);
        double[] maxH = Extremes.values(s.high, hi);
        double[] minL = Extremes.values(s.low, lo);
        f[MAX][k] = Arith64.div(maxH, c);
        f[MIN][k] = Arith64.div(minL, c);

        quantilesAndRank(c, d, k, f);

        f[RSV][k] = Arith64.div(Arith64.sub(c, minL), Arith64.add(Arith64.sub(maxH, minL), 1e-12));
        double[] idxMax = Extremes.positions(hi, d);
        double[] idxMin = Extremes.positions(lo, d);
        f[IMAX][k] = Arith64.div(idxMax, d);
        f[IMIN][k] = Arith64.div(idxMin, d);
        f[IMXD][k] = Arith64.div(Arith64.sub(idxMax, idxMin), d);

        f[CORR][k] = Corr.of(c, in.logVolume, d, stdC, Std.of(in.logVolume, d));
        f[CORD][k] = Corr.of(in.closeRatio, in.logVolumeRatio, d);

        double[] cntp = Mean.of(in.up, d);
        double[] cntn = Mean.of(in.down, d);
        f[CNTP][k] = cntp;
        f[CNTN][k] = cntn;
        f[CNTD][k] = Arith64.sub(cntp, cntn);

        ratios(in.gain, in.loss, in.move, d, k, f, SUMP, SUMN, SUMD);

        double[] meanV = new double[n];
        double[] stdV = new double[n];
        WindowMoments.run(s.volume, d, stdV, meanV);
        f[VMA][k] = Arith64.div(meanV, in.volumeGuarded);
        f[VSTD][k] = Arith64.div(stdV, in.volumeGuarded);

        double[] meanW = new double[n];
        double[] stdW = new double[n];
        WindowMoments.run(in.weightedMove, d, stdW, meanW);
        f[WVMA][k] = Arith64.div(stdW, Arith64.add(meanW, 1e-12));

        ratios(in.volumeGain, in.volumeLoss, in.volumeMove, d, k, f, VSUMP, VSUMN, VSUMD);
    }

    /** QTLU = Quantile(c, d, 0.8)/c, QTLD = Quantile(c, d, 0.2)/c, RANK = Rank(c, d), from one sorted window. */
    private static void quantilesAndRank(double[] c, int d, int k, double[][][] f) {
        int n = c.length;
        double[] qtlu = new double[n];
        double[] qtld = new double[n];
        double[] rank = new double[n];
        SortedWindow window = new SortedWindow(d);
        for (int i = 0; i < n; i++) {
            window.slideTo(c, i, d);
            qtlu[i] = window.quantile(0.8) / c[i];
            qtld[i] = window.quantile(0.2) / c[i];
            rank[i] = Finite.is(c[i]) ? window.rankPct(c[i]) : Double.NaN;
        }
        f[QTLU][k] = qtlu;
        f[QTLD][k] = qtld;
        f[RANK][k] = rank;
    }

    /** {@code Sum(gain)/(Sum(move)+1e-12)}, {@code Sum(loss)/(…)}, {@code (Sum(gain)-Sum(loss))/(…)}. */
    private static void ratios(double[] gain, double[] loss, double[] move, int d, int k, double[][][] f,
                               int pos, int neg, int diff) {
        double[] sumGain = Sum.of(gain, d);
        double[] sumLoss = Sum.of(loss, d);
        double[] denominator = Arith64.add(Sum.of(move, d), 1e-12);
        f[pos][k] = Arith64.div(sumGain, denominator);
        f[neg][k] = Arith64.div(sumLoss, denominator);
        f[diff][k] = Arith64.div(Arith64.sub(sumGain, sumLoss), denominator);
    }
}
