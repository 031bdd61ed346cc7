package io.quantmini.silver.alpha158;

/**
 * {@code 1/k} for the small counts that window kernels divide by on every row. Multiplying by the rounded
 * reciprocal differs from dividing by at most an ulp of the float64 result — far below what any feature keeps after
 * its float32 cast — and spares the divider, the bottleneck of these kernels.
 */
final class Reciprocal {
    private static final double[] TABLE = new double[257];

    static {
        for (int k = 0; k < TABLE.length; k++) {
            TABLE[k] = 1.0 / k;
        }
    }

    private Reciprocal() {
    }

    /** {@code 1.0 / k} (+inf for 0). */
    static double of(int k) {
        return k < TABLE.length ? TABLE[k] : 1.0 / k;
    }
}
