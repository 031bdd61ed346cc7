package io.quantmini.gold;

import io.quantmini.lake.LakeLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A lake whose splits do not cover its bars (one from before the splits dataset, a range never fetched) is told. */
class SplitsCoverageTest {

    @TempDir
    Path root;

    private void dayFiles(String dataset, String... days) throws IOException {
        LakeLayout lake = new LakeLayout(root);
        for (String day : days) {
            Path file = lake.bronzeDayFile(dataset, LocalDate.parse(day));
            Files.createDirectories(file.getParent());
            Files.write(file, new byte[0]); // only the names count
        }
    }

    @Test
    void daysOfBarsWithoutTheirSplitsFileAreNamedWithTheCommandThatFetchesThem() throws IOException {
        LakeLayout lake = new LakeLayout(root);
        dayFiles("stocks_daily", "2024-01-02", "2024-01-03", "2024-01-04", "2024-02-01");
        String none = "bronze splits lacks 4 days of bronze stocks_daily's 4 (2024-01-02..2024-02-01): gold's factor"
                + " takes them as days without splits. Fetch them: quantmini data ingest -t splits -s 2024-01-02"
                + " -e 2024-02-01 --incremental";
        assertEquals(none, SplitsCoverage.warning(lake, "stocks_daily"), "a lake from before the splits dataset");

        dayFiles("splits", "2024-01-02", "2024-01-04");
        assertEquals("bronze splits lacks 2 days of bronze stocks_daily's 4 (2024-01-03..2024-02-01): gold's factor"
                + " takes them as days without splits. Fetch them: quantmini data ingest -t splits -s 2024-01-03"
                + " -e 2024-02-01 --incremental", SplitsCoverage.warning(lake, "stocks_daily"));

        dayFiles("splits", "2024-01-03", "2024-02-01", "2024-02-02");
        assertNull(SplitsCoverage.warning(lake, "stocks_daily"), "covered (a splits day beyond the bars is fine)");
    }

    @Test
    void aLakeThatKeepsItsSplitsByHandOnlyIsLeftAlone() throws IOException {
        LakeLayout lake = new LakeLayout(root);
        dayFiles("stocks_daily", "2024-01-02");
        Files.createDirectories(lake.referenceFile("splits.csv").getParent());
        Files.writeString(lake.referenceFile("splits.csv"), "ticker,execution_date,split_from,split_to\n");
        assertNull(SplitsCoverage.warning(lake, "stocks_daily"));
        dayFiles("splits", "2023-12-29");
        assertTrue(SplitsCoverage.warning(lake, "stocks_daily").startsWith("bronze splits lacks 1 day of bronze"
                + " stocks_daily's 1 (2024-01-02..2024-01-02)"), "with a splits dataset too, its gaps count again");
    }
}
