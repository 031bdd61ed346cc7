package io.quantmini.silver.alpha158;

/**
 * The window-independent sub-expressions of Alpha158's rolling features, evaluated once per symbol in Qlib's
 * dtypes (float32 element-wise, booleans as 0/1).
 */
final class RollingInputs {
    /** {@code Ref($close, 1)}. */
    final double[] prevClose;
    /** {@code Log($volume+1)}. */
    final double[] logVolume;
    /** {@code $close/Ref($close,1)}. */
    final double[] closeRatio;
    /** {@code Log($volume/Ref($volume, 1)+1)}. */
    final double[] logVolumeRatio;
    /** {@code $close>Ref($close, 1)} and {@code $close<Ref($close, 1)}. */
    final double[] up;
    final double[] down;
    /** {@code Greater($close-Ref($close, 1), 0)}, {@code Greater(Ref($close, 1)-$close, 0)}, {@code Abs($close-Ref($close, 1))}. */
    final double[] gain;
    final double[] loss;
    final double[] move;
    /** Same three for volume. */
    final double[] volumeGain;
    final double[] volumeLoss;
    final double[] volumeMove;
    /** {@code Abs($close/Ref($close, 1)-1)*$volume}. */
    final double[] weightedMove;
    /** {@code $volume+1e-12} (float32: the 1e-12 only matters when volume is 0). */
    final double[] volumeGuarded;

    RollingInputs(SymbolSeries s) {
        double[] c = s.close;
        double[] v = s.volume;
        prevClose = Ref.of(c, 1);
        double[] prevVolume = Ref.of(v, 1);
        logVolume = Log.of32(Arith32.add(v, 1));
        closeRatio = Arith32.div(c, prevClose);
        logVolumeRatio = Log.of32(Arith32.add(Arith32.div(v, prevVolume), 1));
        up = Compare.gt(c, prevClose);
        down = Compare.lt(c, prevClose);
        gain = Greater.of(Arith32.sub(c, prevClose), 0);
        loss = Greater.of(Arith32.sub(prevClose, c), 0);
        move = Abs.of(Arith32.sub(c, prevClose));
        volumeGain = Greater.of(Arith32.sub(v, prevVolume), 0);
        volumeLoss = Greater.of(Arith32.sub(prevVolume, v), 0);
        volumeMove = Abs.of(Arith32.sub(v, prevVolume));
        weightedMove = Arith32.mul(Abs.of(Arith32.sub(closeRatio, 1)), v);
        volumeGuarded = Arith32.add(v, 1e-12);
    }
}
