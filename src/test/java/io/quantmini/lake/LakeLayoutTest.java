package io.quantmini.lake;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LakeLayoutTest {

    @Test
    void partitionsAreDateFirstAndZeroPadded() {
        LakeLayout lake = new LakeLayout(Path.of("/lake"));
        assertEquals(Path.of("/lake/bronze/stocks_daily/year=2024/month=03/2024-03-05.parquet"),
                lake.bronzeDayFile("stocks_daily", LocalDate.of(2024, 3, 5)));
        assertEquals(Path.of("/lake/silver/stocks_daily/year=2019/month=12/2019-12-31.parquet"),
                lake.silverDayFile("stocks_daily", LocalDate.of(2019, 12, 31)));
        assertEquals(Path.of("d/year=0999/month=01"), LakeLayout.monthFolder(Path.of("d"), LocalDate.of(999, 1, 1)));
        assertEquals(Path.of("d/year=12345/month=10"),
                LakeLayout.monthFolder(Path.of("d"), LocalDate.of(12345, 10, 1)));
    }
}
