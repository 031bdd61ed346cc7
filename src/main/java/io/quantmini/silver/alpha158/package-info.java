/**
 * Microsoft Qlib's Alpha158 feature set, computed the way Qlib's expression engine computes it.
 *
 * <p>Series are {@code double[]} over one symbol's calendar rows (first bar to last bar, {@code NaN} where the
 * symbol has no bar). Qlib's raw fields are float32, and Qlib evaluates element-wise operators on them in float32
 * (their results are float32 values carried in doubles); every rolling operator returns float64, as pandas and
 * Qlib's Cython kernels do. Each operator's class states its edge cases, which follow Qlib's
 * {@code qlib/data/ops.py} and {@code qlib/data/_libs/rolling.pyx}.
 *
 * <p>Scalar by choice. The kernels run one symbol at a time; C2 vectorises only their branch-free loops. Eight
 * symbols per instruction with the Vector API (day-major, a symbol per lane) measured ~4x on the rolling moments and
 * 4-8x on a brute-force Rank that gave the same bits, on AVX-512 (2026-11-27). In Java 17 that API is an incubator
 * module: every command computing silver would print a warning, and its surface may change with each JDK. Revisit
 * when it is final: groups of eight symbols sharing a series start on the vector path, the rest on these kernels,
 * the two bit for bit the same, since full and incremental runs must agree whichever path a symbol takes.
 */
package io.quantmini.silver.alpha158;
