/**
 * Microsoft Qlib's Alpha158 feature set, computed the way Qlib's expression engine computes it.
 *
 * <p>Series are {@code double[]} over one symbol's calendar rows (first bar to last bar, {@code NaN} where the
 * symbol has no bar). Qlib's raw fields are float32; element-wise operators that Qlib evaluates in float32 are in
 * {@link io.quantmini.silver.alpha158.Arith32}, their results are float32 values carried in doubles. Every rolling
 * operator returns float64, as pandas and Qlib's Cython kernels do. Semantics follow {@code /work/shared/QLIB.md}
 * §5 and Qlib's {@code qlib/data/ops.py} / {@code qlib/data/_libs/rolling.pyx}.
 */
package io.quantmini.silver.alpha158;
