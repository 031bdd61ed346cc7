package io.quantmini.silver.alpha158;

import static io.quantmini.silver.alpha158.Series.NaN;
import static io.quantmini.silver.alpha158.Series.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which features exist on a symbol's first row, on holes, with zero volume, without vwap. */
class Alpha158RowSemanticsTest {
    private static final List<String> NAMES = Alpha158.featureNames();

    private static final double[] OPEN = s(10.0, 10.2, NaN, 10.4, 10.1);
    private static final double[] HIGH = s(10.5, 10.6, NaN, 10.9, 10.3);
    private static final double[] LOW = s(9.8, 10.0, NaN, 10.2, 9.9);
    private static final double[] CLOSE = s(10.1, 10.5, NaN, 10.3, 10.0);
    private static final double[] VOLUME = s(1000, 0, NaN, 1500, 1200);
    private static final double[] VWAP = s(10.05, 10.3, NaN, 10.5, 10.1);

    private static final float[][] TABLE = Alpha158.compute(OPEN, HIGH, LOW, CLOSE, VOLUME, VWAP);

    private static float at(String feature, int row) {
        return TABLE[NAMES.indexOf(feature)][row];
    }

    @Test
    void firstRowDefinesKbarPriceMeansExtremesRanksAndCounts() {
        assertEquals((10.1f - 10.0f) / 10.0f, at("KMID", 0));
        assertEquals(1f, at("MA5", 0));
        assertEquals(1f, at("MA60", 0));
        assertEquals(10.5f / 10.1f, at("MAX5", 0), 1e-7);
        assertEquals(1f, at("QTLU5", 0));
        assertEquals(1f, at("RANK20", 0));
        assertEquals(1 / 5f, at("IMAX5", 0));
        assertEquals(1 / 60f, at("IMIN60", 0));
        assertEquals(0f, at("IMXD5", 0));
        assertEquals(0f, at("CNTP5", 0));
        assertEquals(0f, at("CNTD5", 0));
        assertEquals((float) ((10.1 - 9.8) / (10.5 - 9.8 + 1e-12)), at("RSV5", 0), 1e-6);
        assertEquals(1f, at("VMA5", 0));
    }

    @Test
    void firstRowLeavesDifferencesStdsFitsAndCorrelationsNaN() {
        for (String f : List.of("ROC5", "STD5", "VSTD5", "WVMA5", "BETA5", "RSQR5", "RESI5", "CORR5", "CORD5",
            "SUMP5", "SUMN5", "SUMD5", "VSUMP5", "VSUMN5", "VSUMD5")) {
            assertTrue(Float.isNaN(at(f, 0)), f + " on the first row should be NaN, was " + at(f, 0));
        }
    }

    @Test
    void secondRowFitsTwoPointsExactly() {
        assertEquals(1f, at("RSQR5", 1));
        assertEquals(0f, at("RESI5", 1), 1e-7);
        assertEquals((10.5f - 10.1f) / 10.5f, at("BETA5", 1), 1e-6);
        assertTrue(Float.isNaN(at("ROC5", 1)));
    }

    @Test
    void holesAreRowsWithNaNPriceFeaturesButStillCountedInWindows() {
        assertTrue(Float.isNaN(at("KMID", 2)));
        assertTrue(Float.isNaN(at("MA5", 2)));
        assertTrue(Float.isNaN(at("RANK5", 2)));
        assertFalse(Float.isNaN(at("CNTP5", 2)));
        assertEquals(1 / 3f, at("CNTP5", 2), 1e-7); // window: first row (False), up, hole (False)
        assertFalse(Float.isNaN(at("RSQR5", 2)));
        // on row 3 the hole (row 2) is in the window: IdxMax points at it (position 3 of 4 rows)
        assertEquals(3 / 5f, at("IMAX5", 3));
        assertEquals(3 / 5f, at("IMIN5", 3));
        // ROC counts rows, not bars: Ref($close, 5) is beyond the start
        assertTrue(Float.isNaN(at("ROC5", 4)));
    }

    @Test
    void zeroVolumeDividesByTheFloat32Guard() {
        float expected = (float) ((1000 + 0) / 2.0 / 1e-12f);
        assertEquals(expected, at("VMA5", 1), expected * 1e-6f);
        // the day after the zero-volume hole has no Ref volume; CORD's log-ratio on row 1 is log(0/1000 + 1) = 0
        assertFalse(Float.isNaN(at("CORR5", 1)));
    }

    @Test
    void missingVwapMakesOnlyVwap0NaN() {
        float[][] noVwap = Alpha158.compute(OPEN, HIGH, LOW, CLOSE, VOLUME, null);
        int vwap0 = NAMES.indexOf("VWAP0");
        for (int f = 0; f < NAMES.size(); f++) {
            for (int i = 0; i < CLOSE.length; i++) {
                if (f == vwap0) {
                    assertTrue(Float.isNaN(noVwap[f][i]));
                } else {
                    assertEquals(Float.floatToIntBits(TABLE[f][i]), Float.floatToIntBits(noVwap[f][i]),
                        NAMES.get(f) + " row " + i);
                }
            }
        }
    }

    @Test
    void inputsAreRoundedToFloat32LikeQlibsBinFiles() {
        double[] c = s(10.1 + 1e-9, 10.5);
        float[][] t = Alpha158.compute(s(10, 10), s(11, 11), s(9, 9), c, s(1, 1), null);
        assertEquals((10.1f - 10f) / 10f, t[NAMES.indexOf("KMID")][0]);
    }

    @Test
    void mismatchedLengthsAreRejected() {
        assertThrows(IllegalArgumentException.class,
            () -> Alpha158.compute(s(1), s(1, 2), s(1), s(1), s(1), null));
    }
}
