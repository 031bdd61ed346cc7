/**
 * Microsoft Qlib's Alpha158 feature set, computed the way Qlib's expression engine computes it.
 *
 * <p>Series are {@code double[]} over one symbol's calendar rows (first bar to last bar, {@code NaN} where the
 * symbol has no bar). Qlib's raw fields are float32, and Qlib evaluates element-wise operators on them in float32
 * (their results are float32 values carried in doubles); every rolling operator returns float64, as pandas and
 * Qlib's Cython kernels do. Each operator's class states its edge cases, which follow Qlib's
 * {@code qlib/data/ops.py} and {@code qlib/data/_libs/rolling.pyx}.
 */
package io.quantmini.silver.alpha158;
