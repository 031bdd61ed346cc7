package io.quantmini.silver.alpha158;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantmini.bench.Alpha158Benchmark;
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

    /**
     * Rows before {@code from} are history: not written, and the rows from it on are bit for bit those of a full
     * computation, whatever the history holds (holes, a flat run, zero volume, an infinity, a hole at a window's
     * re-anchoring row) and wherever {@code from} falls against the windows.
     */
    @Test
    void writingFromALaterRowGivesTheSameBitsForThoseRows() {
        int n = 300;
        double[][] b = new double[6][n];
        Alpha158Benchmark.syntheticSymbol(7, b);
        for (int i = 100; i < 105; i++) {
            for (double[] field : b) {
                field[i] = Double.NaN;
            }
        }
        for (int i = 150; i < 176; i++) {
            b[0][i] = b[1][i] = b[2][i] = b[3][i] = b[5][i] = 42.5;
        }
        b[4][200] = 0;
        b[3][210] = Double.POSITIVE_INFINITY;
        b[3][59] = Double.NaN; // the 60-row window's first re-anchoring row
        float[][] full = Alpha158.compute(b[0], b[1], b[2], b[3], b[4], b[5]);
        Alpha158Workspace ws = new Alpha158Workspace();
        float[][] table = Alpha158.newTable(n);
        for (int from : new int[] {0, 1, 4, 5, 6, 30, 59, 60, 61, 100, 103, 119, 120, 160, 180, 211, 299, 300}) {
            for (float[] column : table) {
                java.util.Arrays.fill(column, 12345f);
            }
            Alpha158.compute(b[0], b[1], b[2], b[3], b[4], b[5], from, table, ws);
            for (int f = 0; f < full.length; f++) {
                String what = Alpha158.featureNames().get(f) + " from row " + from;
                for (int i = 0; i < n; i++) {
                    float expected = i < from ? 12345f : full[f][i];
                    assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(table[f][i]),
                        what + ", row " + i);
                }
            }
        }
        assertThrows(IllegalArgumentException.class,
            () -> Alpha158.compute(b[0], b[1], b[2], b[3], b[4], b[5], n + 1, table, ws));
    }

    /**
     * With an output offset, row i goes to {@code out[f][offset + i]} and nothing else in the columns changes: two
     * series side by side in one table, the second one's history rows falling before its place (a negative offset for
     * the first), as silver's batches hold them.
     */
    @Test
    void anOutputOffsetPutsTheRowsFromTheFirstWrittenOneAtTheirPlace() {
        int n = 90;
        int from = 30;
        double[][] a = new double[6][n];
        double[][] b = new double[6][n];
        Alpha158Benchmark.syntheticSymbol(3, a);
        Alpha158Benchmark.syntheticSymbol(4, b);
        b[3][40] = Double.NaN;
        float[][] fullA = Alpha158.compute(a[0], a[1], a[2], a[3], a[4], a[5]);
        float[][] fullB = Alpha158.compute(b[0], b[1], b[2], b[3], b[4], b[5]);
        int span = n - from;
        float[][] sideBySide = new float[158][2 * span + 1];
        for (float[] column : sideBySide) {
            java.util.Arrays.fill(column, 12345f);
        }
        Alpha158Workspace ws = new Alpha158Workspace();
        Alpha158.compute(a[0], a[1], a[2], a[3], a[4], a[5], from, sideBySide, -from, ws);
        Alpha158.compute(b[0], b[1], b[2], b[3], b[4], b[5], from, sideBySide, span - from, ws);
        for (int f = 0; f < 158; f++) {
            String what = Alpha158.featureNames().get(f);
            for (int t = 0; t < span; t++) {
                assertEquals(Float.floatToIntBits(fullA[f][from + t]), Float.floatToIntBits(sideBySide[f][t]),
                    what + " of a, row " + (from + t));
                assertEquals(Float.floatToIntBits(fullB[f][from + t]), Float.floatToIntBits(sideBySide[f][span + t]),
                    what + " of b, row " + (from + t));
            }
            assertEquals(12345f, sideBySide[f][2 * span], what + ": the value after the last row is untouched");
        }
        assertThrows(IllegalArgumentException.class, () -> Alpha158.compute(a[0], a[1], a[2], a[3], a[4], a[5],
            from, sideBySide, -from - 1, ws), "a row before the columns' start");
        assertThrows(IllegalArgumentException.class, () -> Alpha158.compute(a[0], a[1], a[2], a[3], a[4], a[5],
            from, sideBySide, span - from + 2, ws), "rows past the columns' end");
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
