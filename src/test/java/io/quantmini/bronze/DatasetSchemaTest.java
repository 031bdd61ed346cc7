package io.quantmini.bronze;

import io.quantmini.config.ConfigException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetSchemaTest {

    @TempDir
    Path dir;

    private static final String VALID = """
            dataset: test_ds
            schema_version: 2
            records: results
            columns:
              - {name: ticker, field: T, type: string, required: true}
              - {name: date, from: request_date, type: date}
              - {name: price, field: p, type: double, required: true}
              - {name: size, field: s, type: long}
            key: [ticker, date]
            rules:
              - positive: [price]
              - unique_key
            """;

    @Test
    void loadsStocksDaily() {
        DatasetSchema schema = TestDays.schema();
        assertEquals("stocks_daily", schema.name());
        assertEquals(1, schema.version());
        assertEquals("results", schema.recordsField());
        assertEquals(List.of("ticker", "date", "open", "high", "low", "close", "vwap", "volume", "transactions",
                "timestamp", "otc"), schema.columnNames());
        assertEquals(List.of("ticker", "date"), schema.key());
        assertTrue(schema.uniqueKey());
        assertEquals(List.of("positive", "non_negative", "float32_finite", "ohlc_consistent"),
                schema.rowRules().stream().map(RowRule::name).toList());

        ColumnSpec vwap = schema.columns().get(6);
        assertEquals("vw", vwap.sourceField());
        assertTrue(vwap.nullable());
        ColumnSpec volume = schema.columns().get(7);
        assertEquals(ColumnType.DOUBLE, volume.type());
        assertTrue(volume.required());
        ColumnSpec otc = schema.columns().get(10);
        assertEquals(Boolean.FALSE, otc.defaultValue());
        assertFalse(otc.nullable());
        ColumnSpec date = schema.columns().get(1);
        assertTrue(date.fromRequestDate());
        assertNull(date.sourceField());
        assertEquals(ColumnType.TIMESTAMP_MILLIS, schema.columns().get(9).type());
        assertTrue(schema.splitAdjusted());
    }

    @Test
    void loadsAMinimalValidFile() throws IOException {
        DatasetSchema schema = DatasetSchema.load(write("test_ds.yaml", VALID));
        assertEquals("test_ds", schema.name());
        assertEquals(2, schema.version());
        assertTrue(schema.columns().get(3).nullable());
        assertFalse(schema.splitAdjusted());
    }

    @Test
    void splitAdjustedIsAFlagOnADatasetWithATickerColumn() throws IOException {
        assertTrue(DatasetSchema.load(write("test_ds.yaml", VALID + "split_adjusted: true\n")).splitAdjusted());
        assertProblem(VALID + "split_adjusted: yes please\n", "split_adjusted", "expected true or false");
        assertProblem(VALID.replace("name: ticker", "name: symbol")
                .replace("key: [ticker, date]", "key: [symbol, date]")
                + "split_adjusted: true\n", "split_adjusted", "needs a column named 'ticker'");
    }

    @Test
    void unknownTypeNamesFileAndKey() throws IOException {
        assertProblem(VALID.replace("type: long", "type: decimal"), "columns[3] ('size').type",
                "unknown type 'decimal'");
    }

    @Test
    void missingKeyNamesFileAndKey() throws IOException {
        assertProblem(VALID.replace("records: results\n", ""), "records", "missing");
        assertProblem(VALID.replace("dataset: test_ds\n", ""), "dataset", "missing");
        assertProblem(VALID.replace("{name: price, field: p, type: double, required: true}",
                "{name: price, field: p, required: true}"), "columns[2] ('price').type", "missing");
    }

    @Test
    void typoedKeyIsRejectedNotIgnored() throws IOException {
        assertProblem(VALID.replace("rules:", "rulez:"), "rulez", "unknown key");
        assertProblem(VALID.replace("required: true}", "requried: true}"), "columns[0] ('ticker').requried",
                "unknown key");
    }

    @Test
    void badRulesNameTheRule() throws IOException {
        assertProblem(VALID.replace("- unique_key", "- always_right"), "rules[1]", "unknown rule 'always_right'");
        assertProblem(VALID.replace("positive: [price]", "positive: [prize]"), "rules[0].positive[0]",
                "no column named 'prize'");
        assertProblem(VALID.replace("positive: [price]", "positive: [ticker]"), "rules[0].positive[0]", "is string");
        assertProblem(VALID.replace("key: [ticker, date]\n", ""), "rules[1].unique_key", "needs a 'key'");
        assertProblem(VALID.replace("positive: [price]", "in_request_window: [price]"), "rules[0].in_request_window[0]",
                "column 'price' is double, not date or timestamp_millis");
        assertProblem(VALID.replace("positive: [price]", "expect_in_request_window: []"),
                "rules[0].expect_in_request_window", "expected a non-empty list of column names");
    }

    @Test
    void aCopiedSchemaThatKeptItsDatasetKeyIsRefused() throws IOException {
        // It would write into the other dataset's bronze folders: those are named by the key, the file by its name.
        Path copy = write("stocks_unadjusted.yaml", Files.readString(Path.of("config/datasets/stocks_daily.yaml")));
        ConfigException e = assertThrows(ConfigException.class, () -> DatasetSchema.load(copy));
        assertEquals(copy + ": dataset: 'stocks_daily' differs from the file's name: this file must say dataset: "
                + "stocks_unadjusted", e.getMessage());
    }

    @Test
    void otherMistakes() throws IOException {
        assertProblem(VALID.replace("dataset: test_ds", "dataset: ../evil"), "dataset", "must match");
        assertProblem(VALID.replace("key: [ticker, date]", "key: [ticker, size]"), "key[1]", "nullable");
        assertProblem(VALID.replace("{name: size, field: s, type: long}",
                "{name: size, field: s, type: long, default: x}"),
                "columns[3] ('size').default", "not a long");
        assertProblem(VALID.replace("field: s,", "field: p,"), "columns[3] ('size').field", "already feeds");
        assertProblem("dataset: [unclosed", "", "cannot read schema");
        assertProblem(VALID + "keeps_day_columns: [volume]\n", "keeps_day_columns[0]", "no column named 'volume'");
        assertProblem(VALID + "keeps_day_columns: [size, date]\n", "keeps_day_columns[1]", "'date' is a key column");
    }

    /** {@code field: publisher.name} reads the field name inside the record's object publisher, at any depth. */
    @Test
    void aDottedFieldNamesAFieldInsideAnObject() throws IOException {
        String nested = VALID.replace("field: s,", "field: publisher.name,").replace("key:", """
                  - {name: rank, field: publisher.stats.rank, type: long}
                  - {name: homepage, field: publisher.homepage_url, type: string}
                key:""");
        DatasetSchema schema = DatasetSchema.load(write("test_ds.yaml", nested));
        assertEquals(List.of("T", "p", "publisher.name", "publisher.stats.rank", "publisher.homepage_url"),
                schema.columns().stream().map(ColumnSpec::sourceField).filter(java.util.Objects::nonNull).toList());
    }

    @Test
    void aDottedFieldWithAnEmptyPartOrReadBothAsAValueAndAsAnObjectIsRefused() throws IOException {
        for (String field : List.of("publisher.", ".name", "a..b", ".")) {
            Path file = write("test_ds.yaml", VALID.replace("field: s,", "field: '" + field + "',"));
            ConfigException e = assertThrows(ConfigException.class, () -> DatasetSchema.load(file));
            assertEquals(file + ": columns[3] ('size').field: '" + field + "': a dot separates an object's name from"
                    + " a field inside it (publisher.name), and neither can be empty", e.getMessage());
        }
        Path valueFirst = write("test_ds.yaml", VALID.replace("field: p,", "field: publisher,")
                .replace("field: s,", "field: publisher.name,"));
        ConfigException e = assertThrows(ConfigException.class, () -> DatasetSchema.load(valueFirst));
        assertEquals(valueFirst + ": columns[3] ('size').field: 'publisher.name' is a field inside 'publisher', which"
                + " column 'price' reads as a value: take one", e.getMessage());
        Path objectFirst = write("test_ds.yaml", VALID.replace("field: p,", "field: a.b.c,")
                .replace("field: s,", "field: a.b,"));
        e = assertThrows(ConfigException.class, () -> DatasetSchema.load(objectFirst));
        assertEquals(objectFirst + ": columns[3] ('size').field: 'a.b' is read as a value here, and column 'price'"
                + " reads 'a.b.c' inside it: take one", e.getMessage());
        assertProblem(VALID.replace("field: p,", "field: a.b.c,").replace("field: s,", "field: a,"),
                "columns[3] ('size').field", "'a' is read as a value here, and column 'price' reads 'a.b.c' inside it");
        assertProblem(VALID.replace("field: p,", "field: a.b,").replace("field: s,", "field: a.b,"),
                "columns[3] ('size').field", "field 'a.b' already feeds another column");
    }

    @Test
    void emptyAbsentOrValueSaysWhatAnEmptyStringIs() throws IOException {
        String size = "{name: size, field: s, type: long}";
        DatasetSchema schema = DatasetSchema.load(write("test_ds.yaml", VALID.replace(size,
                "{name: size, field: s, type: long, empty: absent}").replace("type: double, required: true}",
                "type: double, required: true, empty: value}")));
        assertTrue(schema.columns().get(3).emptyIsAbsent());
        assertFalse(schema.columns().get(2).emptyIsAbsent(), "empty: value");
        assertFalse(schema.columns().get(0).emptyIsAbsent(), "the default");

        Path file = write("test_ds.yaml", VALID.replace(size, "{name: size, field: s, type: long, empty: none}"));
        ConfigException e = assertThrows(ConfigException.class, () -> DatasetSchema.load(file));
        assertEquals(file + ": columns[3] ('size').empty: expected absent (an empty or blank string is no value:"
                + " null, the default, or a reject if required) or value (the default: a string column keeps it,"
                + " others reject it), got \"none\"", e.getMessage());
        assertProblem(VALID.replace(size, "{name: size, field: s, type: long, empty: true}"),
                "columns[3] ('size').empty", "expected absent (");
        assertProblem(VALID.replace("from: request_date, type: date}",
                "from: request_date, type: date, empty: absent}"), "columns[1] ('date').empty",
                "a column 'from: request_date' reads no string from the record");
    }

    /**
     * A json column holds a field's JSON text: it may be required or say empty: absent, but takes no default (a record
     * without the field has no text to keep) and no rule that reads numbers or dates.
     */
    @Test
    void aJsonColumnTakesNoDefaultAndNoNumberOrDateRule() throws IOException {
        String size = "{name: size, field: s, type: long}";
        DatasetSchema schema = DatasetSchema.load(write("test_ds.yaml", VALID.replace(size,
                "{name: size, field: s, type: json, empty: absent}\n  - {name: tags, field: g, type: json, required:"
                        + " true}")));
        assertEquals(ColumnType.JSON, schema.columns().get(3).type());
        assertTrue(schema.columns().get(3).nullable());
        assertTrue(schema.columns().get(3).emptyIsAbsent());
        assertFalse(schema.columns().get(4).nullable());

        Path file = write("test_ds.yaml", VALID.replace(size, "{name: size, field: s, type: json, default: []}"));
        ConfigException e = assertThrows(ConfigException.class, () -> DatasetSchema.load(file));
        assertEquals(file + ": columns[3] ('size').default: a json column takes no default: its value is the JSON text"
                + " of the record's field, and a record without it has none (the column is null there)",
                e.getMessage());
        String json = VALID.replace(size, "{name: size, field: s, type: json}");
        assertProblem(json.replace("positive: [price]", "positive: [size]"), "rules[0].positive[0]",
                "column 'size' is json, not double or long");
        assertProblem(json.replace("positive: [price]", "non_negative: [size]"), "rules[0].non_negative[0]",
                "column 'size' is json, not double or long");
        assertProblem(json.replace("positive: [price]", "float32_finite: [size]"), "rules[0].float32_finite[0]",
                "column 'size' is json, not double or long");
        assertProblem(json.replace("positive: [price]", "ohlc_consistent: [price, size, price, price]"),
                "rules[0].ohlc_consistent[1]", "column 'size' is json, not double or long");
        assertProblem(json.replace("positive: [price]", "in_request_window: [size]"), "rules[0].in_request_window[0]",
                "column 'size' is json, not date or timestamp_millis");
        assertProblem(VALID.replace("from: request_date, type: date}", "from: request_date, type: json}"),
                "columns[1] ('date').type", "a column 'from: request_date' must have type date");
        assertProblem(VALID.replace("type: long", "type: jsonb"), "columns[3] ('size').type",
                "unknown type 'jsonb' (expected one of string, double, long, boolean, date, timestamp_millis, json)");
    }

    @Test
    void keepsDayColumnsNamesTheColumnsAPatchLeaves() throws IOException {
        assertEquals(List.of("size"), DatasetSchema.load(write("test_ds.yaml", VALID + "keeps_day_columns: [size]\n"))
                .keepsDayColumns());
        assertEquals(List.of(), DatasetSchema.load(write("test_ds.yaml", VALID)).keepsDayColumns());
        assertEquals(List.of("timestamp"), DatasetSchema.load(Path.of("config/datasets/stocks_daily_by_ticker.yaml"))
                .keepsDayColumns());
    }

    /** The parser's message spans lines and gives two positions: one line, at the position of the problem. */
    @Test
    void aYamlSyntaxErrorIsOneLineAtItsPosition() throws IOException {
        Path file = write("test_ds.yaml", VALID.replace("  - {name: size,", "   - {name: size,"));
        ConfigException e = assertThrows(ConfigException.class, () -> DatasetSchema.load(file));
        assertEquals(file + " line 8, column 4: cannot read schema: while parsing a block collection, expected <block"
                + " end>, but found '<block sequence start>'", e.getMessage());
    }

    /**
     * A byte that is not UTF-8 (a file saved as Latin-1) is said in plain words, at its own line and column: not in
     * the parser's words ('Invalid UTF-8 middle byte 0x20 (at char #5, byte #-1)') at the parser's position.
     */
    @Test
    void aFileThatIsNotUtf8IsSaidInWords() throws IOException {
        Path file = Files.write(dir.resolve("test_ds.yaml"), (VALID + "# caf\u00e9\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        ConfigException e = assertThrows(ConfigException.class, () -> DatasetSchema.load(file));
        assertEquals(file + " line 13, column 6: cannot read schema: not UTF-8 text (a byte that is not UTF-8, such as"
                + " a Latin-1 accent): save it as UTF-8", e.getMessage());
    }

    private void assertProblem(String yaml, String key, String problem) throws IOException {
        Path file = write("test_ds.yaml", yaml);
        ConfigException e = assertThrows(ConfigException.class, () -> DatasetSchema.load(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(": " + key), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
