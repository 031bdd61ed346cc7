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

    /** A json column reads back as the text the answer held, by the split patch's reader and by parquet-avro. */
    @Test
    void aJsonColumnReadsBackAsTheAnswersText() throws IOException {
        LakeLayout lake = new LakeLayout(root);
        DatasetSchema schema = DatasetSchema.load(java.nio.file.Files.writeString(root.resolve("stocks_daily.yaml"),
                java.nio.file.Files.readString(TestDays.SCHEMA).replace("key: [ticker, date]",
                        "  - {name: tags, field: tags, type: json}\nkey: [ticker, date]")));
        java.util.Map<String, Object> tagged = new java.util.LinkedHashMap<>(bar("AAA"));
        tagged.put("tags", List.of("caf\u00e9", java.util.Map.of("n", 1.50)));
        BronzeDayResult day = new BronzeDayWriter(lake, schema).write(DAY, List.of(land(lake, DAY, "req-1",
                response(List.of(tagged, bar("ZZZ"))))));

        DayRows rows;
        try (ParquetColumns file = ParquetColumns.open(day.file())) {
            rows = BronzeReader.readRows(file, schema);
        }
        int tags = schema.columnNames().indexOf("tags");
        String text = "[ \"caf\u00e9\", {\n      \"n\" : 1.5\n    } ]"; // as the pretty-printed answer has it
        assertEquals(List.of(text, "null"), List.of(rows.format(tags, 0), rows.format(tags, 1)));
        List<org.apache.avro.generic.GenericRecord> records = BronzeReader.readAll(day.file());
        assertEquals(text, BronzeReader.text(records.get(0).get("tags")));
        assertEquals(null, records.get(1).get("tags"));
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
