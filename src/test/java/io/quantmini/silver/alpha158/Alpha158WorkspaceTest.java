package io.quantmini.silver.alpha158;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** One workspace and one output table reused across symbols give exactly what a fresh computation gives. */
class Alpha158WorkspaceTest {
    @Test
    void reusingAWorkspaceAcrossSymbolsOfDifferentLengthsChangesNothing() {
        Alpha158Workspace ws = new Alpha158Workspace();
        float[][] table = Alpha158.newTable(400);
        int[] lengths = {400, 37, 1, 250, 61, 400, 3};
        for (int s = 0; s < lengths.length; s++) {
            int n = lengths[s];
            double[][] b = new double[6][n];
            Alpha158Benchmark.syntheticSymbol(100 + s, b);
            if (n > 20) {
                b[4][n / 2] = 0; // a zero-volume day
                b[3][n / 3] = Double.POSITIVE_INFINITY;
            }
            double[] vwap = s % 2 == 0 ? b[5] : null;
            float[][] fresh = Alpha158.compute(b[0], b[1], b[2], b[3], b[4], vwap);
            Alpha158.compute(b[0], b[1], b[2], b[3], b[4], vwap, table, ws);
            for (int f = 0; f < fresh.length; f++) {
                float[] reused = java.util.Arrays.copyOf(table[f], n);
                assertArrayEquals(fresh[f], reused, Alpha158.featureNames().get(f) + " of symbol " + s);
            }
        }
    }

    @Test
    void rejectsATableThatIsTooShortOrTooNarrow() {
        double[] x = {1, 2, 3};
        Alpha158Workspace ws = new Alpha158Workspace();
        assertThrows(IllegalArgumentException.class,
            () -> Alpha158.compute(x, x, x, x, x, null, Alpha158.newTable(2), ws));
        assertThrows(IllegalArgumentException.class,
            () -> Alpha158.compute(x, x, x, x, x, null, new float[157][3], ws));
        assertEquals(158, Alpha158.newTable(3).length);
    }
}
