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

    @Test
    void aDayWrittenBeforeAColumnWasAddedReadsWithItNullOrItsDefault() throws IOException {
        // What a split patch reads: the day as written, under today's schema (a column added since).
        LakeLayout lake = new LakeLayout(root);
        BronzeDayResult day = new BronzeDayWriter(lake, TestDays.schema()).write(DAY, List.of(land(lake, DAY, "req-1",
                response(List.of(bar("AAA"), bar("ZZZ"))))));
        String yaml = java.nio.file.Files.readString(TestDays.SCHEMA).replace("key: [ticker, date]",
                "  - {name: exchange, field: x, type: string}\n  - {name: primary, field: pr, type: boolean, default:"
                        + " true}\nkey: [ticker, date]");
        DatasetSchema wider = DatasetSchema.load(java.nio.file.Files.writeString(root.resolve("stocks_daily.yaml"),
                yaml));

        DayRows rows;
        try (ParquetColumns file = ParquetColumns.open(day.file())) {
            rows = BronzeReader.readRows(file, wider);
        }
        assertEquals(2, rows.size());
        int ticker = wider.columnNames().indexOf("ticker");
        int exchange = wider.columnNames().indexOf("exchange");
        int primary = wider.columnNames().indexOf("primary");
        assertEquals(List.of("AAA", "ZZZ"), List.of(rows.format(ticker, 0), rows.format(ticker, 1)));
        assertEquals(List.of("null", "null"), List.of(rows.format(exchange, 0), rows.format(exchange, 1)));
        assertEquals(List.of("true", "true"), List.of(rows.format(primary, 0), rows.format(primary, 1)));

        String required = yaml.replace("type: string}\n  - {name: primary",
                "type: string, required: true}\n  - {name: primary");
        DatasetSchema stricter = DatasetSchema.load(java.nio.file.Files.writeString(root.resolve("stocks_daily.yaml"),
                required));
        try (ParquetColumns file = ParquetColumns.open(day.file())) {
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> BronzeReader.readRows(file, stricter));
            assertEquals("the file has no column exchange, which the schema requires", e.getMessage());
        }
    }
}
