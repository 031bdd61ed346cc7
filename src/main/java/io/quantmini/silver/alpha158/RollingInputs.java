package io.quantmini.silver.alpha158;

/**
 * The window-independent sub-expressions of Alpha158's rolling features, evaluated once per symbol in Qlib's
 * dtypes (float32 element-wise, booleans as 0/1), plus the running totals of every series that only Sum/Mean
 * consume. Reusable: {@link #load} overwrites the previous symbol (arrays grow as needed).
 */
final class RollingInputs {
    /** {@code Log($volume+1)}. */
    double[] logVolume = new double[0];
    /** {@code $close/Ref($close,1)}. */
    double[] closeRatio = new double[0];
    /** {@code Log($volume/Ref($volume, 1)+1)}. */
    double[] logVolumeRatio = new double[0];
    /** {@code Abs($close/Ref($close, 1)-1)*$volume}. */
    double[] weightedMove = new double[0];
    /**
     * {@code 1/($volume+1e-12)}, the sum in float32 (the 1e-12 only matters when volume is 0): VMA and VSTD multiply
     * by it (see {@link Alpha158Workspace#inverseClose}).
     */
    double[] inverseVolumeGuarded = new double[0];

    /** Totals of {@code $close>Ref($close, 1)} and {@code $close<Ref($close, 1)}. */
    final PrefixTotals up = new PrefixTotals();
    final PrefixTotals down = new PrefixTotals();
    /**
     * Totals of {@code Greater($close-Ref($close, 1), 0)}, {@code Greater(Ref($close, 1)-$close, 0)},
     * {@code Abs($close-Ref($close, 1))}.
     */
    final PrefixTotals gain = new PrefixTotals();
    final PrefixTotals loss = new PrefixTotals();
    final PrefixTotals move = new PrefixTotals();
    /** Same three for volume. */
    final PrefixTotals volumeGain = new PrefixTotals();
    final PrefixTotals volumeLoss = new PrefixTotals();
    final PrefixTotals volumeMove = new PrefixTotals();

    /** Element-wise series that feed only the totals above (kept to avoid reallocating). */
    private double[][] scratch = new double[8][0];

    /** Evaluates the sub-expressions over the first n rows of the float32 close and volume. */
    void load(double[] c, double[] v, int n) {
        if (logVolume.length < n) {
            logVolume = new double[n];
            closeRatio = new double[n];
            logVolumeRatio = new double[n];
            weightedMove = new double[n];
            inverseVolumeGuarded = new double[n];
            scratch = new double[8][n];
        }
        double[] upS = scratch[0];
        double[] downS = scratch[1];
        double[] gainS = scratch[2];
        double[] lossS = scratch[3];
        double[] moveS = scratch[4];
        double[] vGainS = scratch[5];
        double[] vLossS = scratch[6];
        double[] vMoveS = scratch[7];
        float tiny = Arith32.scalar(1e-12);
        float one = Arith32.scalar(1);
        float zero = Arith32.scalar(0);
        for (int i = 0; i < n; i++) {
            float ci = (float) c[i];
            float vi = (float) v[i];
            float pc = Ref.of(c, i, 1);
            float pv = Ref.of(v, i, 1);
            logVolume[i] = Log.of32(vi + one);
            float ratio = ci / pc;
            closeRatio[i] = ratio;
            logVolumeRatio[i] = Log.of32(vi / pv + one);
            upS[i] = Compare.gt(ci, pc);
            downS[i] = Compare.lt(ci, pc);
            float dc = ci - pc;
            gainS[i] = Greater.of(dc, zero);
            lossS[i] = Greater.of(pc - ci, zero);
            moveS[i] = Abs.of(dc);
            float dv = vi - pv;
            vGainS[i] = Greater.of(dv, zero);
            vLossS[i] = Greater.of(pv - vi, zero);
            vMoveS[i] = Abs.of(dv);
            weightedMove[i] = Abs.of(ratio - one) * vi;
            inverseVolumeGuarded[i] = 1 / (double) (vi + tiny);
        }
        up.load(upS, n);
        down.load(downS, n);
        gain.load(gainS, n);
        loss.load(lossS, n);
        move.load(moveS, n);
        volumeGain.load(vGainS, n);
        volumeLoss.load(vLossS, n);
        volumeMove.load(vMoveS, n);
    }
}
