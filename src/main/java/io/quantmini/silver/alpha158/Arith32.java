package io.quantmini.silver.alpha158;

/**
 * Element-wise {@code + - * /} as Qlib evaluates them on its float32 fields: numpy float32 arithmetic, which is
 * Java's {@code float} arithmetic (IEEE, each step rounded to float32: {@code x/0 = ±inf}, {@code 0/0 = NaN}, NaN
 * propagates, nothing throws). The one rule of its own is the scalar operand: a Python scalar such as
 * {@code 1e-12} or {@code 2} is first cast to float32 (numpy 1.x value-based casting), see {@link #scalar}.
 */
public final class Arith32 {
    private Arith32() {
    }

    /** A Python scalar operand of a float32 series, as numpy casts it: {@code 1e-12} becomes {@code 1e-12f}. */
    public static float scalar(double pythonScalar) {
        return (float) pythonScalar;
    }
}
