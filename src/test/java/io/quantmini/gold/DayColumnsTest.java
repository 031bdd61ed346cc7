package io.quantmini.gold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What gold reads of one day file: the tickers and the asked-for columns, by name in any case. */
class DayColumnsTest {

    private static final LocalDate DAY = LocalDate.of(2024, 3, 15);

    @TempDir
    Path root;

    private Path bronzeDay() throws IOException {
        GoldTestLake lake = new GoldTestLake(root);
        lake.day(DAY, List.of(GoldTestLake.bar("BBB", 20), GoldTestLake.bar("AAA", 10)));
        return lake.lake.bronzeDayFile(GoldTestLake.DATASET, DAY);
    }

    @Test
    void aColumnTheFileLacksReadsAsNaNBesideTheOthers() throws IOException {
        DayColumns day = DayColumns.read(bronzeDay(), List.of("CLOSE", "no_such_column", "volume"));

        assertArrayEquals(new String[] {"AAA", "BBB"}, day.tickers());
        assertArrayEquals(new double[] {10, 20}, day.values()[0]);
        assertArrayEquals(new double[] {Double.NaN, Double.NaN}, day.values()[1]);
        assertArrayEquals(new double[] {1010, 1020}, day.values()[2]);
    }

    /** A copy under another day's name would add a day of another day's bars to every series and to the calendar. */
    @Test
    void aDayFileUnderAnotherDaysNameIsRefusedNamingBoth() throws IOException {
        Path file = bronzeDay();
        Path copy = file.resolveSibling("2024-03-18.parquet");
        Files.copy(file, copy);

        IOException e = assertThrows(IOException.class, () -> DayColumns.read(copy, List.of("close")));

        assertTrue(e.getMessage().contains(copy.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("holds the rows of 2024-03-15"), e.getMessage());
        assertEquals(2, DayColumns.read(file, List.of("close")).rows());
    }
}
