package io.quantmini.silver.alpha158;

/**
 * Qlib {@code Log(x)} = {@code np.log} on a float32 series: {@code Log(0) = -inf}, {@code Log(x<0) = NaN},
 * {@code Log(inf) = inf}, {@code Log(NaN) = NaN}.
 *
 * <p>Bit for bit numpy's float32 log on x86-64 with AVX2 and FMA or AVX-512 (any server Qlib runs on): there numpy
 * does not call the C library's correctly rounded {@code logf} but evaluates its own approximation, up to ~4 ulps
 * away from it (it differs from the correctly rounded value on ~6.5% of inputs). One ulp in a log is too much for
 * Alpha158: CORR and CORD divide by the spread of {@code Log($volume+1)}, which can be tiny, and a one-ulp log moved
 * CORD5 by 19 times the golden test's tolerance. The approximation, in float32 arithmetic with fused multiply-adds:
 * <ol>
 *   <li>split x into a mantissa m in [0.5, 1) and an exponent k, x = m·2^k (a subnormal x scaled by 2^100 first);</li>
 *   <li>if m ≤ √½: m = 2m, k = k − 1, so that m − 1 lies in [√½ − 1, √2 − 1];</li>
 *   <li>log(m) ≈ P(m − 1) / Q(m − 1), two degree-5 polynomials (Remez), each by Horner with fma;</li>
 *   <li>log(x) = fma(k, ln 2, P/Q).</li>
 * </ol>
 * The coefficients are numpy's ({@code npy_simd_data.h}), as float32 literals. {@code LogTest} checks the result
 * against values numpy computed.
 */
public final class Log {
    private static final float SQRT_HALF = 0.707106781186547524400844362104849039f;
    private static final float LN_2 = 0.693147180559945309417232121458176568f;
    private static final float TWO_TO_100 = 0x1p100f;
    private static final int MANTISSA_BITS = 0x7fffff;
    /** The biased exponent of [0.5, 1). */
    private static final int HALF_EXPONENT = 126;

    private static final float P0 = 0.000000000000000000000e+00f;
    private static final float P1 = 9.999999999999998702752e-01f;
    private static final float P2 = 2.112677543073053063722e+00f;
    private static final float P3 = 1.480000633576506585156e+00f;
    private static final float P4 = 3.808837741388407920751e-01f;
    private static final float P5 = 2.589979117907922693523e-02f;
    private static final float Q0 = 1.000000000000000000000e+00f;
    private static final float Q1 = 2.612677543073109236779e+00f;
    private static final float Q2 = 2.453006071784736363091e+00f;
    private static final float Q3 = 9.864942958519418960339e-01f;
    private static final float Q4 = 1.546476374983906719538e-01f;
    private static final float Q5 = 5.875095403124574342950e-03f;

    private Log() {
    }

    public static float of32(float x) {
        if (!(x > 0) || x == Float.POSITIVE_INFINITY) {
            return x == 0 ? Float.NEGATIVE_INFINITY : x > 0 ? x : Float.NaN;
        }
        int scaledBy = 0;
        if (x < Float.MIN_NORMAL) {
            x *= TWO_TO_100; // exact
            scaledBy = 100;
        }
        int bits = Float.floatToRawIntBits(x);
        float k = (bits >>> 23) - HALF_EXPONENT - scaledBy;
        float m = Float.intBitsToFloat(bits & MANTISSA_BITS | HALF_EXPONENT << 23);
        if (m <= SQRT_HALF) {
            m += m;
            k -= 1;
        }
        float t = m - 1;
        float p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(P5, t, P4), t, P3), t, P2), t, P1), t, P0);
        float q = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Q5, t, Q4), t, Q3), t, Q2), t, Q1), t, Q0);
        return Math.fma(k, LN_2, p / q);
    }
}
