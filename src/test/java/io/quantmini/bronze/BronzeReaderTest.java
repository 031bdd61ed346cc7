package io.quantmini.bronze;

import io.quantmini.lake.LakeLayout;
import io.quantmini.lake.ParquetColumns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static io.quantmini.bronze.TestDays.DAY;
import static io.quantmini.bronze.TestDays.bar;
import static io.quantmini.bronze.TestDays.land;
import static io.quantmini.bronze.TestDays.response;
import static org.junit.jupiter.api.Assertions.assertEquals;

class BronzeReaderTest {

    @TempDir
    Path root;

    @Test
    void presentStringsAreTheWantedValuesTheColumnHolds() throws IOException {
        LakeLayout lake = new LakeLayout(root);
        BronzeDayResult day = new BronzeDayWriter(lake, TestDays.schema()).write(DAY, List.of(land(lake, DAY, "req-1",
                response(List.of(bar("AAA"), bar("BRK.A"), bar("TEST/WS"), bar("ZZZ"))))));

        try (ParquetColumns file = ParquetColumns.open(day.file())) {
            assertEquals(Set.of("BRK.A", "TEST/WS"), BronzeReader.presentStrings(file, DatasetSchema.TICKER,
                    Set.of("BRK.A", "TEST/WS", "BRK", "TEST/W", "")));
        }
        try (ParquetColumns file = ParquetColumns.open(day.file())) {
            assertEquals(Set.of(), BronzeReader.presentStrings(file, DatasetSchema.TICKER, Set.of("QQQ")));
        }
        try (ParquetColumns file = ParquetColumns.open(day.file())) {
            assertEquals(Set.of("AAA", "ZZZ"), BronzeReader.presentStrings(file, DatasetSchema.TICKER,
                    Set.of("AAA", "ZZZ")), "the first and the last row");
        }
    }
}
