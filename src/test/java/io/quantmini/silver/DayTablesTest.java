package io.quantmini.silver;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DayTablesTest {

    @Test
    void daysLieOneAfterTheOtherWithTheirColumnsSideBySide() {
        DayTables tables = new DayTables(3);
        DayFeatures[] days = tables.columns(new int[] {2, 5, 1});
        assertSame(days[0].values(), days[2].values());
        assertEquals(0, days[0].start());
        assertEquals(6, days[1].start());
        assertEquals(21, days[2].start());
        assertEquals(6 + 2 * 5, days[1].column(2));
        assertTrue(days[0].values().length >= 24);
        // every cell of every day is its own
        boolean[] taken = new boolean[days[0].values().length];
        int[] rows = {2, 5, 1};
        for (int k = 0; k < days.length; k++) {
            for (int f = 0; f < 3; f++) {
                for (int r = 0; r < rows[k]; r++) {
                    int at = days[k].column(f) + r;
                    assertTrue(!taken[at], "cell " + at + " given twice");
                    taken[at] = true;
                }
            }
        }
    }

    @Test
    void aDayThatWouldOverflowAnArrayStartsTheNextOne() {
        DayTables tables = new DayTables(2, 10);
        DayFeatures[] days = tables.columns(new int[] {3, 2, 4, 5});
        // 6 + 4 floats fill the first array, 8 the second, 10 the third
        assertSame(days[0].values(), days[1].values());
        assertNotSame(days[1].values(), days[2].values());
        assertNotSame(days[2].values(), days[3].values());
        assertEquals(6, days[1].start());
        assertEquals(0, days[2].start());
        assertEquals(0, days[3].start());
        assertEquals(10, days[3].values().length, "no headroom past the largest array");
        assertThrows(IllegalArgumentException.class, () -> tables.columns(new int[] {6}));

        // a one-array pass lets the other arrays go: the next three-array pass allocates them again
        float[] first = tables.columns(new int[] {1})[0].values();
        assertSame(days[0].values(), first);
        DayFeatures[] again = tables.columns(new int[] {3, 2, 4, 5});
        assertSame(first, again[0].values());
        assertNotSame(days[2].values(), again[2].values());
        assertNotSame(days[3].values(), again[3].values());
    }

    @Test
    void theNextPassReusesTheArrayAndGrowsItWithHeadroomOnlyWhenItMustHoldMore() {
        DayTables tables = new DayTables(158);
        float[] first = tables.columns(new int[] {1_000, 1_000})[0].values();
        assertEquals(316_000 + 316_000 / 16, first.length);
        assertSame(first, tables.columns(new int[] {1_000, 1_010})[0].values(), "within the headroom");
        assertSame(first, tables.columns(new int[] {500})[0].values(), "a smaller pass");
        float[] grown = tables.columns(new int[] {2_000, 2_000})[0].values();
        assertNotSame(first, grown);
        assertEquals(632_000 + 632_000 / 16, grown.length);
    }

    @Test
    void aReservationAllocatesWhatTheLargestPassNeedsOnceWithoutHeadroom() {
        DayTables tables = new DayTables(158);
        tables.reserve(List.of(new int[] {2}, new int[] {1_000, 1_000}, new int[] {3_000}, new int[] {10}));
        float[] reserved = tables.columns(new int[] {2})[0].values();
        assertEquals(474_000, reserved.length, "the largest pass: 3,000 rows of 158 features");
        for (int[] pass : List.of(new int[] {1_000, 1_000}, new int[] {3_000}, new int[] {10})) {
            assertSame(reserved, tables.columns(pass)[0].values());
        }
        assertThrows(IllegalArgumentException.class, () -> new DayTables(2, 10).reserve(List.of(new int[] {6})),
                "a day larger than an array is refused before anything is allocated");
    }

    @Test
    void packedColumnsKeepTheirValuesAndRefuseUnequalLengths() {
        DayFeatures packed = DayFeatures.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        assertEquals(2, packed.stride());
        assertEquals(5f, packed.values()[packed.column(2)]);
        assertEquals(4f, packed.values()[packed.column(1) + 1]);
        assertThrows(IllegalArgumentException.class, () -> DayFeatures.of(new float[][] {{1, 2}, {3}}));
    }
}
