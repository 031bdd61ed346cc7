package io.quantmini.silver.alpha158;

/**
 * Qlib {@code Log(x)} = {@code np.log} on a float32 series: {@code Log(0) = -inf}, {@code Log(x<0) = NaN},
 * {@code Log(inf) = inf}. The result is a float32 value (numpy computes float32 log; the correctly rounded value
 * used here can differ from it in the last float32 bit).
 */
public final class Log {
    private Log() {
    }

    public static float of32(float x) {
        return (float) Math.log(x);
    }
}
