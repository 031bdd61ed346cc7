package io.quantmini.bronze;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantmini.LogCapture;
import io.quantmini.lake.FooterKeys;
import io.quantmini.lake.LakeLayout;
import io.quantmini.landing.LandingPage;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.quantmini.bronze.TestDays.DAY;
import static io.quantmini.bronze.TestDays.bar;
import static io.quantmini.bronze.TestDays.filesUnder;
import static io.quantmini.bronze.TestDays.land;
import static io.quantmini.bronze.TestDays.response;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BronzeDayWriterTest {

    private static final Path CAPTURED = Paths.get("src/test/resources/polygon-fixtures/captured/v2/aggs/grouped/"
            + "locale/us/market/stocks/2005-04-04__adjusted_true.json");

    @TempDir
    Path root;
    private LakeLayout lake;
    private BronzeDayWriter writer;

    @BeforeEach
    void setUp() {
        lake = new LakeLayout(root);
        writer = new BronzeDayWriter(lake, TestDays.schema());
    }

    @Test
    void capturedGroupedDailyLandsAsTypedRow() throws IOException {
        LocalDate date = LocalDate.of(2005, 4, 4);
        LandingPage page = land(lake, date, "req-1", Files.readAllBytes(CAPTURED));

        BronzeDayResult result = writer.write(date, List.of(page));

        Path expected = root.resolve("bronze/stocks_daily/year=2005/month=04/2005-04-04.parquet");
        assertEquals(new BronzeDayResult(date, 1, 0, expected), result);
        assertEquals(1, BronzeReader.countRows(expected));
        List<GenericRecord> rows = BronzeReader.readAll(expected);
        assertEquals(1, rows.size());
        GenericRecord r = rows.get(0);
        assertEquals("GIK", r.get("ticker").toString());
        assertEquals(date, r.get("date"));
        assertEquals(9.99, r.get("open"));
        assertEquals(10.02, r.get("high"));
        assertEquals(9.9, r.get("low"));
        assertEquals(10.02, r.get("close"));
        assertEquals(9.9979, r.get("vwap"));
        assertEquals(895345.0, r.get("volume"));
        assertEquals(96L, r.get("transactions"));
        assertEquals(Instant.ofEpochMilli(1602705600000L), r.get("timestamp"));
        assertEquals(false, r.get("otc"));
        assertFalse(Files.exists(lake.rejectsDayFile("stocks_daily", date)));
    }

    @Test
    void typedValuesRoundTripIncludingNullsAndDefaults() throws IOException {
        Map<String, Object> partial = bar("PART", 2.5, 3.0, 2.0, 2.75, 1234.5);
        partial.remove("n");
        partial.remove("vw");
        partial.put("otc", true);
        Map<String, Object> nulls = bar("NULLS");
        nulls.put("n", null);
        nulls.put("vw", null);
        writer.write(DAY, List.of(land(lake, DAY, "r", response(List.of(partial, nulls)))));

        List<GenericRecord> rows = BronzeReader.readAll(lake.bronzeDayFile("stocks_daily", DAY));
        GenericRecord nullRow = rows.get(0);
        assertEquals("NULLS", nullRow.get("ticker").toString());
        assertNull(nullRow.get("transactions"));
        assertNull(nullRow.get("vwap"));
        assertEquals(false, nullRow.get("otc"));
        GenericRecord r = rows.get(1);
        assertEquals("PART", r.get("ticker").toString());
        assertEquals(DAY, r.get("date"));
        assertEquals(1234.5, r.get("volume"));
        assertNull(r.get("transactions"));
        assertNull(r.get("vwap"));
        assertEquals(true, r.get("otc"));
        assertEquals(Instant.parse("2024-03-15T20:00:00Z"), r.get("timestamp"));
    }

    @Test
    void rowsAreSortedByTicker() throws IOException {
        writer.write(DAY, List.of(land(lake, DAY, "r", response(List.of(bar("ZZ"), bar("AA"), bar("MM"), bar("A"))))));
        List<String> tickers = BronzeReader.readAll(lake.bronzeDayFile("stocks_daily", DAY)).stream()
                .map(r -> r.get("ticker").toString()).toList();
        assertEquals(List.of("A", "AA", "MM", "ZZ"), tickers);
    }

    @Test
    void eachRuleRejectsItsRecordWhileGoodRowsLand() throws IOException {
        Map<String, Object> missing = bar("MISSING");
        missing.remove("o");
        Map<String, Object> text = bar("TEXT");
        text.put("c", "10.5");
        Map<String, Object> fraction = bar("FRACTION");
        fraction.put("n", 4.5);
        Map<String, Object> noTicker = bar("");
        List<Map<String, Object>> records = List.of(
                bar("GOOD1"),
                missing,
                text,
                fraction,
                noTicker,
                bar("NEGPRICE", 10, 11, -1, 10.5, 100),
                bar("ZEROPRICE", 0, 11, 0, 10.5, 100),
                bar("NEGVOL", 10, 11, 9, 10.5, -5),
                bar("HIGHLOW", 10, 9.5, 9, 10.5, 100),
                bar("LOWHIGH", 10, 11, 10.2, 10.5, 100),
                bar("DUP", 10, 11, 9, 10.5, 1),
                bar("GOOD2"),
                bar("DUP", 20, 21, 19, 20.5, 2));
        LandingPage page = land(lake, DAY, "req-rules", response(records));

        BronzeDayResult result = writer.write(DAY, List.of(page));

        assertEquals(3, result.rows());
        assertEquals(10, result.rejects());
        List<GenericRecord> rows = BronzeReader.readAll(result.file());
        assertEquals(List.of("DUP", "GOOD1", "GOOD2"), rows.stream().map(r -> r.get("ticker").toString()).toList());
        assertEquals(1.0, rows.get(0).get("volume"), "the first occurrence of a duplicate key is kept");

        List<JsonNode> rejects = readRejects(lake.rejectsDayFile("stocks_daily", DAY));
        assertEquals(10, rejects.size());
        List<String> expected = List.of(
                "MISSING=required", "TEXT=type", "FRACTION=type", "=required", "NEGPRICE=positive",
                "ZEROPRICE=positive", "NEGVOL=non_negative", "HIGHLOW=ohlc_consistent", "LOWHIGH=ohlc_consistent",
                "DUP=unique_key");
        List<String> actual = rejects.stream()
                .map(j -> j.get("record").get("T").asText() + "=" + j.get("rule").asText()).toList();
        assertEquals(expected, actual, "one line per rejected record, in input order");
        for (JsonNode reject : rejects) {
            assertEquals("landing/stocks_daily/2024-03-15/req-rules.json", reject.get("landing_file").asText());
            assertEquals("req-rules", reject.get("request_id").asText());
            assertEquals("stocks_daily", reject.get("dataset").asText());
            assertEquals("2024-03-15", reject.get("date").asText());
            assertFalse(reject.get("message").asText().isBlank());
        }
        assertEquals("10.5", rejects.get(1).get("record").get("c").asText(), "the raw record is kept as received");
        assertTrue(rejects.get(1).get("record").get("c").isTextual());
        assertEquals(2.0, rejects.get(9).get("record").get("v").asDouble());
        assertTrue(rejects.get(0).get("message").asText().contains("'o' (open)"), rejects.get(0).toString());
    }

    /**
     * Rejects are found in three passes (decoding, the row rules, the unique key) but written in the order of the
     * records they hold, page by page.
     */
    @Test
    void rejectsAreWrittenInInputOrderWhicheverPassFoundThem() throws IOException {
        Map<String, Object> text = bar("TEXT");
        text.put("c", "10.5");
        LandingPage first = land(lake, DAY, "p1", response(List.of(
                bar("DUP"), bar("NEGPRICE", 10, 11, -1, 10.5, 100), bar("DUP"), text)));
        LandingPage second = land(lake, DAY, "p2", response(List.of(bar("HIGHLOW", 10, 9.5, 9, 10.5, 100), text)));

        writer.write(DAY, List.of(first, second));

        List<String> actual = readRejects(lake.rejectsDayFile("stocks_daily", DAY)).stream()
                .map(j -> j.get("request_id").asText() + ":" + j.get("record").get("T").asText() + "="
                        + j.get("rule").asText()).toList();
        assertEquals(List.of("p1:NEGPRICE=positive", "p1:DUP=unique_key", "p1:TEXT=type", "p2:HIGHLOW=ohlc_consistent",
                "p2:TEXT=type"), actual);
    }

    /**
     * Bars exactly on each rule's edge are valid and land: a bar that never traded away from one price, a low equal to
     * the open or the close and a high equal to the other, a volume of 0 (a halted day); a price of 0 is not.
     */
    @Test
    void barsOnTheRulesEdgesLand() throws IOException {
        List<Map<String, Object>> records = List.of(
                bar("FLAT", 10, 10, 10, 10, 100),
                bar("LOWOPEN", 9, 11, 9, 11, 100),
                bar("LOWCLOSE", 11, 11, 9, 9, 100),
                bar("HALTED", 10, 11, 9, 10.5, 0),
                bar("ZEROCLOSE", 10, 11, 9, 0, 100));
        BronzeDayResult result = writer.write(DAY, List.of(land(lake, DAY, "req-edges", response(records))));

        assertEquals(List.of("FLAT", "HALTED", "LOWCLOSE", "LOWOPEN"),
                BronzeReader.readAll(result.file()).stream().map(r -> r.get("ticker").toString()).toList());
        List<JsonNode> rejects = readRejects(lake.rejectsDayFile("stocks_daily", DAY));
        assertEquals(List.of("ZEROCLOSE=positive"), rejects.stream()
                .map(j -> j.get("record").get("T").asText() + "=" + j.get("rule").asText()).toList());
    }

    /** NaN and Infinity are not JSON, yet some encoders write them: their records are rejected, the others land. */
    @Test
    void nonNumericNumbersRejectTheirRecordOnly() throws IOException {
        String good = new String(response(List.of(bar("GOOD"))), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(good.contains("\"results\" : [ "), good);
        String body = good.replace("\"results\" : [ ", "\"results\" : [ "
                + "{\"T\":\"NANVW\",\"v\":1000,\"vw\":NaN,\"o\":10,\"c\":10.5,\"h\":11,\"l\":9,"
                + "\"t\":1710460800000,\"n\":5},"
                + "{\"T\":\"INFC\",\"v\":1000,\"vw\":10,\"o\":10,\"c\":-Infinity,\"h\":11,\"l\":9,"
                + "\"t\":1710460800000,\"n\":5},"
                + "{\"T\":\"INFN\",\"v\":1000,\"vw\":10,\"o\":10,\"c\":10.5,\"h\":11,\"l\":9,"
                + "\"t\":1710460800000,\"n\":Infinity},");
        LandingPage page = land(lake, DAY, "req-nan", body.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        BronzeDayResult result = writer.write(DAY, List.of(page));

        assertEquals(1, result.rows());
        assertEquals(3, result.rejects());
        assertEquals(List.of("GOOD"),
                BronzeReader.readAll(result.file()).stream().map(r -> r.get("ticker").toString()).toList());
        List<JsonNode> rejects = readRejects(lake.rejectsDayFile("stocks_daily", DAY));
        assertEquals(List.of("type", "type", "type"), rejects.stream().map(r -> r.get("rule").asText()).toList());
    }

    /**
     * A rejected record is kept as received: each number as written (1e400, -0.0, thirty digits, not the nearest
     * double), a field given twice twice, in its order. Re-serialised through a tree, 1e400 became the string
     * "Infinity" and a duplicate collapsed into the value the message does not name.
     */
    @Test
    void aRejectedRecordKeepsItsNumbersAsWrittenAndEveryField() throws IOException {
        String good = new String(response(List.of(bar("GOOD"))), java.nio.charset.StandardCharsets.UTF_8);
        String body = good.replace("\"results\" : [ ", "\"results\" : [ "
                + "{\"T\":\"BIG\",\"v\":1000,\"vw\":10,\"o\":1e400,\"c\":10,\"h\":11,\"l\":-0.0,\"t\":1710460800000,"
                + "\"n\":0.1000000000000000000000000000001},"
                + "{\"T\":\"TWICE\",\"v\":1000,\"vw\":10,\"o\":\"bad\",\"c\":10,\"h\":11,\"l\":9,\"t\":1710460800000,"
                + "\"o\":10.0},");
        LandingPage page = land(lake, DAY, "req-exact", body.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertEquals(2, writer.write(DAY, List.of(page)).rejects());

        List<String> lines = Files.readAllLines(lake.rejectsDayFile("stocks_daily", DAY));
        assertTrue(lines.get(0).endsWith(",\"record\":{\"T\":\"BIG\",\"v\":1000,\"vw\":10,\"o\":1e400,\"c\":10,"
                + "\"h\":11,\"l\":-0.0,\"t\":1710460800000,\"n\":0.1000000000000000000000000000001}}"), lines.get(0));
        assertTrue(lines.get(1).endsWith(",\"record\":{\"T\":\"TWICE\",\"v\":1000,\"vw\":10,\"o\":\"bad\",\"c\":10,"
                + "\"h\":11,\"l\":9,\"t\":1710460800000,\"o\":10.0}}"), lines.get(1));
        assertEquals(2, readRejects(lake.rejectsDayFile("stocks_daily", DAY)).size(), "each line is still JSON");
    }

    /**
     * A price or volume past float32's range, which Qlib reads them in, is rejected (float32_finite): Qlib's features
     * from it are infinite for the rest of the symbol's series, which silver's half-year restarts cannot give.
     */
    @Test
    void aValuePastFloat32sRangeIsRejected() throws IOException {
        LandingPage page = land(lake, DAY, "req-f32", response(List.of(bar("HUGE", 10, 1e39, 9, 10, 1000),
                bar("VOL", 10, 11, 9, 10, 3.5e38), bar("EDGE", 10, 11, 9, 10, 3.4e38), bar("GOOD"))));

        BronzeDayResult result = writer.write(DAY, List.of(page));

        assertEquals(2, result.rows());
        assertEquals(List.of("EDGE", "GOOD"), BronzeReader.readAll(result.file()).stream()
                .map(r -> r.get("ticker").toString()).toList());
        List<JsonNode> rejects = readRejects(lake.rejectsDayFile("stocks_daily", DAY));
        assertEquals(List.of("float32_finite", "float32_finite"), rejects.stream().map(r -> r.get("rule").asText())
                .toList());
        assertEquals("high must be finite as float32 (at most 3.4028235E38), got 1.0E39",
                rejects.get(0).get("message").asText());
    }

    @Test
    void aNegativeTradeCountIsRejectedAndAMissingOneKept() throws IOException {
        Map<String, Object> negative = bar("NEG");
        negative.put("n", -3);
        Map<String, Object> missing = bar("NONE");
        missing.remove("n");
        Map<String, Object> zero = bar("ZERO");
        zero.put("n", 0);
        LandingPage page = land(lake, DAY, "req-n", response(List.of(negative, missing, zero)));

        BronzeDayResult result = writer.write(DAY, List.of(page));

        List<GenericRecord> rows = BronzeReader.readAll(result.file());
        assertEquals(List.of("NONE", "ZERO"), rows.stream().map(r -> r.get("ticker").toString()).toList());
        assertEquals(null, rows.get(0).get("transactions"));
        assertEquals(0L, rows.get(1).get("transactions"));
        List<JsonNode> rejects = readRejects(lake.rejectsDayFile("stocks_daily", DAY));
        assertEquals(1, rejects.size());
        assertEquals("non_negative", rejects.get(0).get("rule").asText());
        assertEquals("transactions must be >= 0, got -3", rejects.get(0).get("message").asText());
    }

    @Test
    void anEmptyOrBlankTickerIsRejected() throws IOException {
        LandingPage page = land(lake, DAY, "req-t", response(List.of(bar(""), bar("  "), bar("\t"), bar("GOOD"))));

        BronzeDayResult result = writer.write(DAY, List.of(page));

        assertEquals(List.of("GOOD"), BronzeReader.readAll(result.file()).stream()
                .map(r -> r.get("ticker").toString()).toList());
        List<JsonNode> rejects = readRejects(lake.rejectsDayFile("stocks_daily", DAY));
        assertEquals(List.of("required", "required", "required"), rejects.stream().map(r -> r.get("rule").asText())
                .toList());
        assertEquals(List.of("field 'T' (ticker) is empty", "field 'T' (ticker) is blank: \"  \"",
                "field 'T' (ticker) is blank: \"\\t\""), rejects.stream().map(r -> r.get("message").asText()).toList());
    }

    @Test
    void duplicatesAcrossPagesKeepTheFirstPage() throws IOException {
        LandingPage first = land(lake, DAY, "p1", response(List.of(bar("AAPL", 10, 11, 9, 10, 111))));
        LandingPage second = land(lake, DAY, "p2", response(List.of(bar("AAPL", 10, 11, 9, 10, 222), bar("MSFT"))));

        BronzeDayResult result = writer.write(DAY, List.of(first, second));

        assertEquals(2, result.rows());
        assertEquals(111.0, BronzeReader.readAll(result.file()).get(0).get("volume"));
        JsonNode reject = readRejects(lake.rejectsDayFile("stocks_daily", DAY)).get(0);
        assertEquals("unique_key", reject.get("rule").asText());
        assertEquals("p2", reject.get("request_id").asText());
        assertTrue(reject.get("message").asText().contains("p1.json"), reject.toString());
    }

    @Test
    void malformedShapeThrowsNamingTheLandingFile() throws IOException {
        for (String body : List.of("{\"results\": \"oops\"}", "{\"results\": {\"T\": \"A\"}}", "[1, 2]",
                "{\"results\": [{\"T\": \"A\"", "not json", "{\"results\": []} trailing")) {
            LandingPage page = land(lake, DAY, "bad", body.getBytes(StandardCharsets.UTF_8));
            BronzeFormatException e = assertThrows(BronzeFormatException.class, () -> writer.write(DAY, List.of(page)),
                    body);
            assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
            assertEquals(page.file(), e.landingFile());
        }
        // an element that is not an object is a record, rejected: a day of bars with no other fails as all rejected
        LandingPage numbers = land(lake, DAY, "bad", "{\"results\": [1]}".getBytes(StandardCharsets.UTF_8));
        DayRejectedException allRejected = assertThrows(DayRejectedException.class,
                () -> writer.write(DAY, List.of(numbers)));
        assertTrue(allRejected.getMessage().contains("a record of \"results\" must be an object, got a number"),
                allRejected.getMessage());
        assertEquals(List.of(), filesUnder(root.resolve("bronze")));
    }

    @Test
    void dayWithoutRecordsWritesNothing() throws IOException {
        for (String body : List.of("{\"resultsCount\":0,\"status\":\"OK\"}", "{\"results\":[]}",
                "{\"results\":null}")) {
            BronzeDayResult result = writer.write(DAY,
                    List.of(land(lake, DAY, "empty", body.getBytes(StandardCharsets.UTF_8))));
            assertEquals(new BronzeDayResult(DAY, 0, 0, null), result);
        }
        assertEquals(new BronzeDayResult(DAY, 0, 0, null), writer.write(DAY, List.of()));
        assertEquals(List.of(), filesUnder(root.resolve("bronze")));
    }

    /** A day without splits is a day done: a file of no rows, so an incremental run does not ask for it again. */
    @Test
    void aDayWithoutEventsOfADatasetWithoutDailyRecordsWritesAnEmptyFile() throws IOException {
        BronzeDayWriter splits = new BronzeDayWriter(lake, DatasetSchema.load(
                java.nio.file.Paths.get("config/datasets/splits.yaml")));
        BronzeDayResult result = splits.write(DAY, List.of(land(lake, DAY, "none",
                "{\"results\":[],\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8))));
        Path file = lake.bronzeDayFile("splits", DAY);
        assertEquals(new BronzeDayResult(DAY, 0, 0, file), result);
        assertEquals(0, BronzeReader.countRows(file));
        assertEquals(List.of(), BronzeReader.readAll(file));
        assertEquals("0", BronzeReader.footerMetadata(file).get(FooterKeys.ROW_COUNT));
    }

    @Test
    void rewriteReplacesTheDayAndRemovesStaleRejects() throws IOException {
        Map<String, Object> bad = bar("BAD");
        bad.remove("c");
        writer.write(DAY, List.of(land(lake, DAY, "run1", response(List.of(bar("OLD"), bad)))));
        Path rejects = lake.rejectsDayFile("stocks_daily", DAY);
        assertTrue(Files.exists(rejects));

        BronzeDayResult second = writer.write(DAY,
                List.of(land(lake, DAY, "run2", response(List.of(bar("NEW1"), bar("NEW2"))))));

        assertEquals(2, second.rows());
        assertFalse(Files.exists(rejects), "stale rejects removed");
        assertEquals(List.of("NEW1", "NEW2"), BronzeReader.readAll(second.file()).stream()
                .map(r -> r.get("ticker").toString()).toList());
        assertEquals(List.of("stocks_daily/year=2024/month=03/2024-03-15.parquet"), filesUnder(root.resolve("bronze")));

        // and equals what a clean run writes
        Path cleanRoot = Files.createDirectory(root.resolve("clean"));
        LakeLayout clean = new LakeLayout(cleanRoot);
        BronzeDayResult fresh = new BronzeDayWriter(clean, TestDays.schema())
                .write(DAY, List.of(land(clean, DAY, "run2", response(List.of(bar("NEW1"), bar("NEW2"))))));
        assertArrayEquals(Files.readAllBytes(fresh.file()), Files.readAllBytes(second.file()));
    }

    /**
     * The day's Parquet file is its commit (an incremental run skips a day that has one), so it is written last: when
     * the rejects cannot be written, the day has no file, and the next incremental run fetches it again.
     */
    @Test
    void aDayWhoseRejectsCannotBeWrittenGetsNoDayFile() throws IOException {
        Map<String, Object> bad = bar("BAD");
        bad.remove("c");
        Path rejects = lake.rejectsDayFile("stocks_daily", DAY);
        Files.createDirectories(rejects.resolve("a-folder-where-the-file-belongs"));

        LandingPage page = land(lake, DAY, "run1", response(List.of(bar("GOOD"), bad)));
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> writer.write(DAY, List.of(page)));

        assertFalse(Files.exists(lake.bronzeDayFile("stocks_daily", DAY)));
    }

    @Test
    void aDayWhoseEveryRecordIsRejectedFailsAndChangesNothing() throws IOException {
        // Typically a schema that does not fit the data (a required field the endpoint lacks): replacing the day by
        // no rows would delete what an earlier run wrote, with the run ending well.
        Path parquet = writer.write(DAY, List.of(land(lake, DAY, "run1", response(List.of(bar("OK")))))).file();
        byte[] before = Files.readAllBytes(parquet);
        Map<String, Object> bad = bar("BAD", 10, 11, 9, 10, -1);
        Map<String, Object> worse = bar("WORSE", 10, 11, 9, 10, -2);

        DayRejectedException e = assertThrows(DayRejectedException.class,
                () -> writer.write(DAY, List.of(land(lake, DAY, "run2", response(List.of(bad, worse))))));

        assertEquals(DAY, e.date());
        assertEquals("all 2 records rejected (non_negative=2; the first: volume must be >= 0, got -1.0), so the day "
                + "was not written and the lake keeps what it had for it; check the rules of "
                + "config/datasets/stocks_daily.yaml", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(parquet));
        assertEquals(List.of("stocks_daily/year=2024/month=03/2024-03-15.parquet"), filesUnder(root.resolve("bronze")));
    }

    /** A split the day held that a new answer lacks leaves bronze with a WARN naming it, not in silence. */
    @Test
    void aRecordNoLongerReportedIsNamedWhenItsDayIsReplaced() throws Exception {
        BronzeDayWriter splits = new BronzeDayWriter(lake, DatasetSchema.load(
                java.nio.file.Paths.get("config/datasets/splits.yaml")));
        String two = "{\"results\":[{\"ticker\":\"AAA\",\"execution_date\":\"2024-03-15\",\"split_from\":1,"
                + "\"split_to\":4},{\"ticker\":\"BBB\",\"execution_date\":\"2024-03-15\",\"split_from\":2,"
                + "\"split_to\":1}],\"status\":\"OK\"}";
        String one = two.replace(",{\"ticker\":\"BBB\",\"execution_date\":\"2024-03-15\",\"split_from\":2,"
                + "\"split_to\":1}", "");
        String none = "{\"results\":[],\"status\":\"OK\"}";
        assertEquals(List.of(), LogCapture.warnings(RefetchedDay.class, () -> {
            splits.write(DAY, List.of(land(lake, DAY, "two", two.getBytes(StandardCharsets.UTF_8))));
            splits.write(DAY, List.of(land(lake, DAY, "two-again", two.getBytes(StandardCharsets.UTF_8))));
        }), "the same records again: nothing to say");
        assertEquals(List.of("splits 2024-03-15: fetched again, Polygon no longer reports 1 record(s) the day held,"
                        + " which leave bronze (a second answer without them withdraws them):"
                        + " execution_date=2024-03-15, ticker=BBB",
                "splits 2024-03-15: fetched again, Polygon no longer reports 1 record(s) the day held, which leave"
                        + " bronze (a second answer without them withdraws them): execution_date=2024-03-15,"
                        + " ticker=AAA",
                "splits 2024-03-15: fetched again, Polygon still does not report (or rejects) 1 record(s) the day"
                        + " held; they count as withdrawn since the first answer without them:"
                        + " execution_date=2024-03-15,"
                        + " ticker=BBB"),
                LogCapture.warnings(RefetchedDay.class, () -> {
                    splits.write(DAY, List.of(land(lake, DAY, "one", one.getBytes(StandardCharsets.UTF_8))));
                    splits.write(DAY, List.of(land(lake, DAY, "none", none.getBytes(StandardCharsets.UTF_8))));
                }));
        assertEquals(0, BronzeReader.countRows(lake.bronzeDayFile("splits", DAY)), "the new answer is the day");
    }

    private static final String SPLIT_A =
            "{\"ticker\":\"AAA\",\"execution_date\":\"2024-03-15\",\"split_from\":1,\"split_to\":4}";
    private static final String SPLIT_B =
            "{\"ticker\":\"BBB\",\"execution_date\":\"2024-03-15\",\"split_from\":2,\"split_to\":1}";

    private BronzeDayWriter splitsWriter() {
        return new BronzeDayWriter(lake, DatasetSchema.load(java.nio.file.Paths.get("config/datasets/splits.yaml")));
    }

    private static byte[] splitsBody(String records) {
        return ("{\"results\":[" + records + "],\"status\":\"OK\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** A splits answer of {@code records} for DAY, received at {@code at} (landed under a name of its own). */
    private LandingPage splitsAnswer(String records, Instant at) {
        return splitsAnswer("p" + at.toEpochMilli(), records, at);
    }

    /** As {@link #splitsAnswer(String, Instant)}, landed as request {@code requestId}. */
    private LandingPage splitsAnswer(String requestId, String records, Instant at) {
        try {
            LandingPage page = land(lake, DAY, requestId, splitsBody(records));
            return new LandingPage(page.requestId(), page.file(), page.body(), at);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A split a day's first fetch did not hold, found when the day is fetched again (reported late), carries when it
     * was first seen; a later fetch that still holds it keeps that time. Splits of the first fetch carry none.
     */
    @Test
    void aRecordAFetchAgainAddsCarriesWhenItWasFirstSeen() throws IOException {
        BronzeDayWriter splits = splitsWriter();
        String a = SPLIT_A;
        String b = SPLIT_B;
        java.util.function.BiFunction<String, Instant, LandingPage> answer = this::splitsAnswer;
        Instant first = Instant.parse("2024-03-16T11:00:00Z");
        Instant late = Instant.parse("2024-03-19T11:00:00Z");
        Path file = splits.write(DAY, List.of(answer.apply(a, first))).file();
        assertNull(BronzeReader.footerMetadata(file).get(RefetchedDay.META_FIRST_SEEN), "a first fetch: none");

        splits.write(DAY, List.of(answer.apply(a + "," + b, late)));
        splits.write(DAY, List.of(answer.apply(b + "," + a, late.plusSeconds(86_400))));
        assertEquals(Map.of(Map.of("ticker", "BBB", "execution_date", "2024-03-15"), late),
                RefetchedDay.firstSeen(file, BronzeReader.footerMetadata(file)),
                "kept from the fetch that first held it");
        Map<String, Instant> byTicker = new java.util.HashMap<>();
        for (BronzeSplits.Row row : BronzeSplits.read(lake)) {
            byTicker.put(row.ticker(), row.firstSeen());
        }
        assertTrue(byTicker.containsKey("AAA"));
        assertNull(byTicker.get("AAA"), "held by the day's first fetch");
        assertEquals(late, byTicker.get("BBB"), "reported late");
    }

    /**
     * The day's other comparisons (found by the QA helper): a split missing from one answer and then back is not new;
     * a corrected ratio counts as first seen at the correction, with a WARN; a record now rejected is said to be
     * rejected, not "no longer reported"; an unreadable first-seen value is a WARN, not a failure of every reader.
     */
    @Test
    void aDayFetchedAgainTellsWithdrawnCorrectedAndRejectedRecordsApart() throws Exception {
        BronzeDayWriter splits = splitsWriter();
        String a = SPLIT_A;
        String b = SPLIT_B;
        Instant day1 = Instant.parse("2024-03-16T11:00:00Z");
        java.util.function.BiFunction<String, Integer, LandingPage> answer =
                (records, day) -> splitsAnswer(records, day1.plusSeconds(86_400L * day));
        Path file = lake.bronzeDayFile("splits", DAY);
        List<String> said = LogCapture.warnings(RefetchedDay.class, () -> {
            splits.write(DAY, List.of(answer.apply(a, 0)));
            splits.write(DAY, List.of(answer.apply("", 1)));                  // a glitch: AAA missing once
            splits.write(DAY, List.of(answer.apply(a, 2)));                   // back
            assertEquals(Map.of(), RefetchedDay.firstSeen(file, BronzeReader.footerMetadata(file)), "not new");

            splits.write(DAY, List.of(answer.apply(a.replace("\"split_to\":4", "\"split_to\":2"), 3))); // corrected
            assertEquals(Map.of(Map.of("ticker", "AAA", "execution_date", "2024-03-15"), day1.plusSeconds(3 * 86_400L)),
                    RefetchedDay.firstSeen(file, BronzeReader.footerMetadata(file)));

            splits.write(DAY, List.of(answer.apply(a.replace("\"split_to\":4", "\"split_to\":0") + "," + b, 4)));
        });
        assertEquals(3, said.size(), said.toString());
        assertTrue(said.get(0).contains("Polygon no longer reports 1 record(s) the day held, which leave bronze (a "
                + "second answer without them withdraws them): execution_date=2024-03-15, ticker=AAA"), said.get(0));
        assertTrue(said.get(1).contains("Polygon changed the required fields of 1 record(s) the day held; they count as"
                + " first seen now: execution_date=2024-03-15, ticker=AAA"), said.get(1));
        assertTrue(said.get(2).contains("Polygon now rejects (see the day's rejects file) 1 record(s) the day held, "
                + "which leave bronze (a second answer without them withdraws them): execution_date=2024-03-15, "
                + "ticker=AAA"), said.get(2));

        // a first-seen value edited by hand so that it does not parse: readers warn and go on (gold reads splits too)
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String bFirstSeen = RefetchedDay.firstSeen(file, BronzeReader.footerMetadata(file))
                .get(Map.of("ticker", "BBB", "execution_date", "2024-03-15")).toString().replace("Z", ".000Z");
        Files.write(file, text.replace(bFirstSeen, bFirstSeen.replace("2024-03", "2024-13"))
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of("BBB"), BronzeSplits.read(lake).stream().map(BronzeSplits.Row::ticker).toList());
        assertNull(BronzeSplits.read(lake).get(0).firstSeen());
    }

    /**
     * Found by the final review: a split withdrawn and back with another ratio is a correction (first seen on its
     * return); an optional field Polygon adds (a split's {@code id}) is not.
     */
    @Test
    void aSplitBackWithAnotherRatioIsACorrectionAndANewIdIsNot() throws IOException {
        BronzeDayWriter splits = splitsWriter();
        String a = SPLIT_A;
        Instant day1 = Instant.parse("2024-03-16T11:00:00Z");
        List<Instant> times = new ArrayList<>();
        java.util.function.Function<String, LandingPage> answer = records -> {
            times.add(day1.plusSeconds(86_400L * times.size()));
            return splitsAnswer(records, times.get(times.size() - 1));
        };
        Path file = splits.write(DAY, List.of(answer.apply(a))).file();
        splits.write(DAY, List.of(answer.apply(a.replace("}", ",\"id\":\"E1\"}"))));
        assertEquals(Map.of(), RefetchedDay.firstSeen(file, BronzeReader.footerMetadata(file)),
                "an id is no correction");
        splits.write(DAY, List.of(answer.apply("")));
        splits.write(DAY, List.of(answer.apply(a.replace("\"split_to\":4", "\"split_to\":2"))));
        assertEquals(Map.of(Map.of("ticker", "AAA", "execution_date", "2024-03-15"), times.get(3)),
                RefetchedDay.firstSeen(file, BronzeReader.footerMetadata(file)), "back with another ratio");
    }

    /**
     * A split one answer lacks is withdrawn from that answer's time, but only a second answer without it confirms
     * the withdrawal (one answer may be a glitch, and a confirmed withdrawal makes the ingest fetch the ticker's bars
     * before the split again). Back after a confirmed withdrawal, it counts as new: bars fetched meanwhile were not
     * adjusted for it. A withdrawal recorded before withdrawal times were counts as confirmed by its file's answer.
     */
    @Test
    void aSplitTwoAnswersLackIsAConfirmedWithdrawalFromTheFirst() throws Exception {
        BronzeDayWriter splits = splitsWriter();
        Instant day1 = Instant.parse("2024-03-16T11:00:00Z");
        java.util.function.IntFunction<Instant> at = day -> day1.plusSeconds(86_400L * day);
        Path file = splits.write(DAY, List.of(splitsAnswer(SPLIT_A + "," + SPLIT_B, at.apply(0)))).file();
        splits.write(DAY, List.of(splitsAnswer(SPLIT_B, at.apply(1))));
        assertEquals(List.of(), BronzeSplits.readDay(file).withdrawn(), "one answer without it: not yet");
        assertEquals(List.of("AAA", "BBB"), BronzeSplits.read(lake).stream().map(BronzeSplits.Row::ticker).sorted()
                .toList(), "a split one answer lacks still counts as reported (gold's factor does not move)");
        String entry = BronzeReader.footerMetadata(file).get(RefetchedDay.META_WITHDRAWN);
        assertTrue(entry.contains("\"withdrawn_at\":\"2024-03-17T11:00:00.000Z\"") && !entry.contains("confirmed_at"),
                entry);

        splits.write(DAY, List.of(splitsAnswer(SPLIT_B, at.apply(2))));
        BronzeSplits.Withdrawn aaa = new BronzeSplits.Withdrawn("AAA", DAY, at.apply(1));
        assertEquals(List.of(aaa), BronzeSplits.readDay(file).withdrawn(),
                "confirmed, from the first answer without it");
        splits.write(DAY, List.of(splitsAnswer(SPLIT_B, at.apply(3))));
        assertEquals(List.of(aaa), BronzeSplits.readDay(file).withdrawn(), "a third answer moves nothing");
        assertEquals(List.of("BBB"), BronzeSplits.read(lake).stream().map(BronzeSplits.Row::ticker).toList());

        splits.write(DAY, List.of(splitsAnswer(SPLIT_A + "," + SPLIT_B, at.apply(4))));
        assertEquals(List.of(), BronzeSplits.readDay(file).withdrawn());
        assertEquals(Map.of(Map.of("ticker", "AAA", "execution_date", "2024-03-15"), at.apply(4)),
                RefetchedDay.firstSeen(file, BronzeReader.footerMetadata(file)), "back after a withdrawal: new");

        // a withdrawal an older build recorded (no times) counts as confirmed by the answer of its file
        splits.write(DAY, List.of(splitsAnswer(SPLIT_B, at.apply(5))));
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String withdrawnAt = ",\"withdrawn_at\":\"2024-03-21T11:00:00.000Z\"";
        assertTrue(text.contains(withdrawnAt), text);
        Files.write(file, text.replace(withdrawnAt, " ".repeat(withdrawnAt.length())) // JSON spaces: the same length
                .getBytes(StandardCharsets.ISO_8859_1));
        List<BronzeSplits.Withdrawn> older = List.of(new BronzeSplits.Withdrawn("AAA", DAY, at.apply(5)));
        assertEquals(older, BronzeSplits.readDay(file).withdrawn());
        assertEquals(List.of("BBB"), BronzeSplits.read(lake).stream().map(BronzeSplits.Row::ticker).toList());
        splits.write(DAY, List.of(splitsAnswer(SPLIT_B, at.apply(6))));
        assertEquals(older, BronzeSplits.readDay(file).withdrawn(), "pinned: a later answer does not move it");
    }

    /**
     * An answer of no known arrival time (pages a benchmark or test lands) withdraws a record at the writer's clock,
     * not at the machine's.
     */
    @Test
    void anAnswerOfNoKnownArrivalWithdrawsAtTheWritersClock() throws Exception {
        Instant now = Instant.parse("2024-03-18T09:30:00Z");
        BronzeDayWriter splits = new BronzeDayWriter(lake, DatasetSchema.load(Paths.get("config/datasets/splits.yaml")),
                java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
        Path file = splits.write(DAY, List.of(land(lake, DAY, "first", splitsBody(SPLIT_A + "," + SPLIT_B)))).file();
        splits.write(DAY, List.of(land(lake, DAY, "second", splitsBody(SPLIT_B))));
        String entry = BronzeReader.footerMetadata(file).get(RefetchedDay.META_WITHDRAWN);
        assertTrue(entry.contains("\"withdrawn_at\":\"2024-03-18T09:30:00.000Z\""), entry);
    }

    @Test
    void aFewRecordsAllBadAreRejectsOfADayAskedAgainUnlessTheyWouldReplaceGoodRows() throws Exception {
        // A day's splits are a handful of records: one bad one is bad data, not a schema that does not fit.
        BronzeDayWriter splits = new BronzeDayWriter(lake, DatasetSchema.load(
                java.nio.file.Paths.get("config/datasets/splits.yaml")));
        String bad = "{\"results\":[{\"ticker\":\"AAA\",\"execution_date\":\"2024-03-15\",\"split_from\":1,"
                + "\"split_to\":0}],\"status\":\"OK\"}";
        BronzeDayResult[] result = new BronzeDayResult[1];
        List<String> warned = io.quantmini.LogCapture.warnings(BronzeDayWriter.class,
                () -> result[0] = splits.write(DAY,
                List.of(land(lake, DAY, "bad", bad.getBytes(StandardCharsets.UTF_8)))));
        assertEquals(new BronzeDayResult(DAY, 0, 1, null), result[0]);
        // said, since the run succeeds: on every day it is a schema that does not fit (a column typed wrong)
        assertEquals(List.of("splits 2024-03-15: the only record rejected (positive=1; the first: split_to must be > 0,"
                + " got 0.0); the day has no file, and an --incremental run asks for it again (if every day's are,"
                + " check the rules of config/datasets/splits.yaml)"), warned);
        assertEquals(List.of("_rejects/splits/year=2024/month=03/2024-03-15.jsonl"), filesUnder(root.resolve("bronze")),
                "no day file: an incremental run asks for the day again");

        // Over a day file that has rows, the same answer is refused: those rows would be lost.
        String good = bad.replace("\"split_to\":0", "\"split_to\":4");
        Path file = splits.write(DAY, List.of(land(lake, DAY, "good", good.getBytes(StandardCharsets.UTF_8)))).file();
        assertEquals(1, BronzeReader.countRows(file));
        assertThrows(DayRejectedException.class,
                () -> splits.write(DAY, List.of(land(lake, DAY, "bad2", bad.getBytes(StandardCharsets.UTF_8)))));
        assertEquals(1, BronzeReader.countRows(file));

        // Records that all lack a required field: a field: the endpoint does not send, whatever the dataset.
        LocalDate other = DAY.plusDays(3);
        String lacking = good.replace(",\"split_to\":4", "");
        DayRejectedException e = assertThrows(DayRejectedException.class, () -> splits.write(other,
                List.of(land(lake, other, "lacking", lacking.getBytes(StandardCharsets.UTF_8)))));
        assertTrue(e.getMessage().startsWith("the only record rejected (required=1; "), e.getMessage());
        assertFalse(Files.exists(lake.bronzeDayFile("splits", other)));
        assertFalse(Files.exists(lake.rejectsDayFile("splits", other)));
    }

    @Test
    void sameInputGivesByteIdenticalFiles() throws IOException {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            records.add(bar("T" + (499 - i), 10 + i, 11 + i, 9 + i, 10.5 + i, i * 1.5));
        }
        LandingPage page = land(lake, DAY, "same", response(records));
        Path file = writer.write(DAY, List.of(page)).file();
        byte[] first = Files.readAllBytes(file);
        long firstModified = Files.getLastModifiedTime(file).toMillis();

        writer.write(DAY, List.of(page));

        assertArrayEquals(first, Files.readAllBytes(file));
        assertTrue(Files.getLastModifiedTime(file).toMillis() >= firstModified);
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            assertTrue(reader.getFooter().getFileMetaData().getCreatedBy().startsWith("parquet-mr version 1.18.1"),
                    reader.getFooter().getFileMetaData().getCreatedBy());
        }
    }

    /**
     * A day fetched again whose answer holds the rows its file holds keeps that file: its bytes, its time (which silver
     * and gold go by) and when its rows were first received. A changed value, or a file cut short, is replaced.
     */
    @Test
    void aDayFetchedAgainWithTheSameRowsKeepsItsFile() throws IOException {
        Instant first = Instant.parse("2024-03-16T11:00:00Z");
        Instant next = Instant.parse("2024-03-17T11:00:00Z");
        Instant last = Instant.parse("2024-03-18T11:00:00Z");
        List<Map<String, Object>> records = List.of(bar("AAA"), bar("BBB"));
        Path file = writer.write(DAY, List.of(answer(records, first))).file();
        byte[] bytes = Files.readAllBytes(file);
        FileTime stamp = FileTime.from(Instant.parse("2024-03-16T12:00:00Z"));
        Files.setLastModifiedTime(file, stamp);

        BronzeDayResult again = writer.write(DAY, List.of(answer(records, next)));

        assertFalse(again.changed());
        assertEquals(2, again.rows());
        assertEquals(file, again.file());
        assertArrayEquals(bytes, Files.readAllBytes(file));
        assertEquals(stamp, Files.getLastModifiedTime(file));
        assertEquals(BronzeDayWriter.formatInstant(first), BronzeReader.footerMetadata(file).get(
                BronzeDayWriter.META_RECEIVED_AT));
        assertEquals(List.of("stocks_daily/year=2024/month=03/2024-03-15.parquet"), filesUnder(root.resolve("bronze")),
                "no temp left");

        List<Map<String, Object>> moved = List.of(bar("AAA"), bar("BBB", 10.0, 11.0, 9.0, 10.25, 1000));
        BronzeDayResult changed = writer.write(DAY, List.of(answer(moved, last)));
        assertTrue(changed.changed());
        assertNotEquals(stamp, Files.getLastModifiedTime(file));
        assertEquals(10.25, (double) BronzeReader.readAll(file).get(1).get("close"));
        assertEquals(BronzeDayWriter.formatInstant(last), BronzeReader.footerMetadata(file).get(
                BronzeDayWriter.META_RECEIVED_AT));

        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 10));
        assertTrue(writer.write(DAY, List.of(answer(moved, last))).changed(), "a file cut short is replaced");
        assertArrayEquals(whole, Files.readAllBytes(file));

        LandingPage elsewhere = land(lake, DAY, "other", response(moved));
        assertTrue(writer.write(DAY, List.of(new LandingPage("other", elsewhere.file(), elsewhere.body(), last)))
                .changed(), "the same rows from another landing file: the lineage changed");
        assertEquals("other", BronzeReader.footerMetadata(file).get(FooterKeys.REQUEST_IDS));
    }

    /** A splits day fetched again with the same answer keeps its file too; a split gone from it changes the day. */
    @Test
    void aSplitsDayFetchedAgainWithTheSameAnswerKeepsItsFile() throws IOException {
        BronzeDayWriter splits = splitsWriter();
        Instant first = Instant.parse("2024-03-16T11:00:00Z");
        Path file = splits.write(DAY, List.of(splitsAnswer("req", SPLIT_A + "," + SPLIT_B, first))).file();
        byte[] bytes = Files.readAllBytes(file);

        assertFalse(splits.write(DAY, List.of(splitsAnswer("req", SPLIT_B + "," + SPLIT_A, first.plusSeconds(60))))
                .changed(), "the same records, in another order");
        assertArrayEquals(bytes, Files.readAllBytes(file));

        assertTrue(splits.write(DAY, List.of(splitsAnswer("req", SPLIT_A, first.plusSeconds(120)))).changed());
        assertEquals(1, BronzeReader.countRows(file));
        assertTrue(splits.write(DAY, List.of(splitsAnswer("req", SPLIT_A, first.plusSeconds(180)))).changed(),
                "a second answer without the split confirms its withdrawal");
        assertFalse(splits.write(DAY, List.of(splitsAnswer("req", SPLIT_A, first.plusSeconds(240)))).changed(),
                "the memory of the withdrawn split is the same after that");
    }

    /**
     * The whole footer is compared, not only its key-value metadata: a column renamed in the dataset's YAML (with
     * schema_version not bumped) encodes the same column chunks, and the day fetched again still takes the new name.
     */
    @Test
    void aDayFetchedAgainUnderARenamedColumnIsRewritten() throws IOException {
        List<Map<String, Object>> records = List.of(bar("AAA"), bar("BBB"));
        Path file = writer.write(DAY, List.of(answer(records, Instant.parse("2024-03-16T11:00:00Z")))).file();
        Path yaml = root.resolve("stocks_daily.yaml");
        Files.writeString(yaml, Files.readString(TestDays.SCHEMA).replace("{name: vwap, ", "{name: vw_avg, ")
                .replace("{name: vwap,  ", "{name: vw_avg, ")
                .replace("close, vwap, volume]", "close, vw_avg, volume]")); // and the rule that names it
        DatasetSchema renamed = DatasetSchema.load(yaml);
        assertTrue(renamed.columnNames().contains("vw_avg"), renamed.columnNames().toString());
        assertEquals(TestDays.schema().version(), renamed.version(), "the rename alone, as an operator may do it");

        BronzeDayResult again = new BronzeDayWriter(lake, renamed).write(DAY,
                List.of(answer(records, Instant.parse("2024-03-17T11:00:00Z"))));

        assertTrue(BronzeReader.readAll(file).get(0).getSchema().getField("vw_avg") != null,
                "the file holds the column the schema names now: " + BronzeReader.readAll(file).get(0).getSchema());
        assertTrue(again.changed());
    }

    /**
     * A file whose footer is damaged but still parses (here a column's name, one byte changed) is repaired by a
     * fetch of the day again, not kept.
     */
    @Test
    void aDayFetchedAgainRepairsADamagedFooter() throws IOException {
        List<Map<String, Object>> records = List.of(bar("AAA"), bar("BBB"));
        Path file = writer.write(DAY, List.of(answer(records, Instant.parse("2024-03-16T11:00:00Z")))).file();
        byte[] bytes = Files.readAllBytes(file);
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        int footerLength = java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        int footerStart = bytes.length - 8 - footerLength;
        int at = latin.indexOf("vwap", footerStart);
        assertTrue(at > 0);
        for (int i = latin.indexOf("vwap", footerStart); i >= 0; i = latin.indexOf("vwap", i + 1)) {
            bytes[i + 3] = 'q'; // the schema element and the column chunk's path: still a valid footer
        }
        Files.write(file, bytes);
        assertTrue(BronzeReader.readAll(file).get(0).getSchema().getField("vwaq") != null);

        writer.write(DAY, List.of(answer(records, Instant.parse("2024-03-17T11:00:00Z"))));

        assertTrue(BronzeReader.readAll(file).get(0).getSchema().getField("vwap") != null,
                "the re-fetch leaves the lake as a clean run would: " + BronzeReader.readAll(file).get(0).getSchema());
    }

    /** A grouped-daily answer of {@code records} for DAY, landed as request {@code req}, received at {@code at}. */
    private LandingPage answer(List<Map<String, Object>> records, Instant at) throws IOException {
        LandingPage page = land(lake, DAY, "req", response(records));
        return new LandingPage(page.requestId(), page.file(), page.body(), at);
    }

    @Test
    void footerHoldsLineage() throws IOException {
        LandingPage p1 = land(lake, DAY, "req-a", response(List.of(bar("A"), bar("B"))));
        LandingPage p2 = land(lake, DAY, "req-b", response(List.of(bar("C"))));

        Path file = writer.write(DAY, List.of(p1, p2)).file();

        Map<String, String> meta = BronzeReader.footerMetadata(file);
        assertEquals("stocks_daily", meta.get("quantmini.dataset"));
        assertEquals("2024-03-15", meta.get("quantmini.date"));
        assertEquals("req-a,req-b", meta.get("quantmini.source_request_ids"));
        assertEquals("landing/stocks_daily/2024-03-15/req-a.json,landing/stocks_daily/2024-03-15/req-b.json",
                meta.get("quantmini.source_files"));
        assertEquals("3", meta.get("quantmini.row_count"));
        assertEquals("1", meta.get("quantmini.schema_version"));
        assertEquals(BronzeDayWriter.WRITER_VERSION, meta.get("quantmini.writer_version"));
        assertEquals(3, BronzeReader.countRows(file));
    }

    @Test
    void oddTickersStayValuesAndNeverPaths() throws IOException {
        List<String> odd = List.of("../x", "BRK.A", "O:SPY251219C00650000", "TEST/WS", "..", "/etc/passwd");
        List<Map<String, Object>> records = odd.stream().map(TestDays::bar).toList();
        // a lake one folder down, so that "../x" would land in this test's own folder (not in a shared /tmp)
        LakeLayout nested = new LakeLayout(root.resolve("lake"));

        BronzeDayResult result = new BronzeDayWriter(nested, TestDays.schema())
                .write(DAY, List.of(land(nested, DAY, "odd", response(records))));

        assertEquals(odd.stream().sorted().toList(), BronzeReader.readAll(result.file()).stream()
                .map(r -> r.get("ticker").toString()).toList());
        assertEquals(List.of("stocks_daily/year=2024/month=03/2024-03-15.parquet"),
                filesUnder(root.resolve("lake/bronze")));
        try (var all = Files.walk(root)) {
            assertEquals(List.of(), all.filter(p -> p.getFileName().toString().equals("x")).toList());
        }
    }

    @Test
    void leavesNoCrcOrTempFiles() throws IOException {
        Map<String, Object> bad = bar("BAD");
        bad.remove("h");
        for (int run = 0; run < 3; run++) {
            writer.write(DAY, List.of(land(lake, DAY, "r" + run, response(List.of(bar("A"), bad)))));
            writer.write(DAY.plusDays(1), List.of(land(lake, DAY.plusDays(1), "s" + run, response(List.of(bar("B"))))));
        }
        assertEquals(List.of(
                "_rejects/stocks_daily/year=2024/month=03/2024-03-15.jsonl",
                "stocks_daily/year=2024/month=03/2024-03-15.parquet",
                "stocks_daily/year=2024/month=03/2024-03-16.parquet"), filesUnder(root.resolve("bronze")));
    }

    private static List<JsonNode> readRejects(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<JsonNode> rejects = new ArrayList<>();
        for (String line : lines) {
            rejects.add(TestDays.JSON.readTree(line));
        }
        return rejects;
    }

    /** One split record as Polygon sends it; the ticker as JSON text, the numbers as spelled. */
    private static String split(String tickerJson, String date, String from, String to) {
        return "{\"ticker\":" + tickerJson + ",\"execution_date\":\"" + date + "\",\"split_from\":" + from
                + ",\"split_to\":" + to + "}";
    }

    /**
     * The same answer twice: nothing new, nothing withdrawn, whatever the ticker's text or the numbers' spelling (this
     * and the next three from the last QA helper).
     */
    @Test
    void oddTickersAndNumberSpellingsReadBackAsTheyCame() throws Exception {
        BronzeDayWriter splits = splitsWriter();
        String recs = String.join(",",
                split("\"A\\\"B\\\\C\"", "2024-03-15", "1", "4"),
                split("\"../x\"", "2024-03-15", "1.0", "4e0"),
                split("\"\u00c4\u00df\u20ac\ud83d\ude00\"", "2024-03-15", "0.1", "3.0000000000000004"),
                split("\"BRK.B\"", "2024-03-15", "1E2", "1"),
                split("\"\\u0000nul\"", "2024-03-15", "1", "2"));
        Instant t = Instant.parse("2024-03-16T11:00:00Z");
        Path file = splits.write(DAY, List.of(splitsAnswer(recs, t))).file();
        List<String> said = LogCapture.warnings(RefetchedDay.class, () ->
                splits.write(DAY, List.of(splitsAnswer(recs, t.plusSeconds(86_400)))));
        Map<String, String> footer = BronzeReader.footerMetadata(file);
        assertEquals(List.of(), said);
        assertNull(footer.get(RefetchedDay.META_FIRST_SEEN));
        assertNull(footer.get(RefetchedDay.META_WITHDRAWN));
    }

    /**
     * A lone surrogate in a ticker (Jackson accepts "\ud800", Parquet would store '?') is rejected, its day's other
     * records land, and nothing is new on a re-fetch; a split of another session is rejected too.
     */
    @Test
    void aTickerParquetCannotStoreIsRejectedAndNotNewOnEveryReFetch() throws Exception {
        BronzeDayWriter splits = splitsWriter();
        String recs = String.join(",", split("\"X\\ud800\"", "2024-03-15", "1", "4"),
                split("\"OLD\"", "2024-03-14", "1", "4"), split("\"Y\"", "2024-03-15", "1", "4"));
        Instant t = Instant.parse("2024-03-16T11:00:00Z");
        Path file = splits.write(DAY, List.of(splitsAnswer(recs, t))).file();
        assertEquals(1, BronzeReader.countRows(file));
        List<JsonNode> rejects = readRejects(lake.rejectsDayFile("splits", DAY));
        assertEquals(List.of("type", "in_request_window"), rejects.stream().map(j -> j.get("rule").asText()).toList());
        assertEquals("field 'execution_date' (execution_date) is 2024-03-14, outside the session asked for"
                + " (2024-03-15)", rejects.get(1).get("message").asText());
        List<String> said = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int day = i;
            said.addAll(LogCapture.warnings(RefetchedDay.class, () ->
                    splits.write(DAY, List.of(splitsAnswer(recs, t.plusSeconds(86_400L * day))))));
        }
        Map<String, String> footer = BronzeReader.footerMetadata(file);
        assertEquals(List.of(), said);
        assertNull(footer.get(RefetchedDay.META_FIRST_SEEN), "same answer every time: not first seen");
    }

    /**
     * A late split, withdrawn once, then rejected once: the day is refused rather than its file (of no rows) deleted,
     * which forgot that the split was late.
     */
    @Test
    void aDayFileThatRemembersALateSplitIsNotDeletedForARejectedAnswer() throws IOException {
        BronzeDayWriter splits = splitsWriter();
        Instant d0 = Instant.parse("2024-03-16T11:00:00Z");
        splits.write(DAY, List.of(splitsAnswer("", d0)));                                  // first fetch: none
        splits.write(DAY, List.of(splitsAnswer(SPLIT_A, d0.plusSeconds(86_400))));       // reported late
        assertEquals(d0.plusSeconds(86_400), BronzeSplits.read(lake).get(0).firstSeen());
        splits.write(DAY, List.of(splitsAnswer("", d0.plusSeconds(2 * 86_400))));         // glitch: withdrawn
        assertThrows(DayRejectedException.class, () -> splits.write(DAY, List.of(splitsAnswer(
                SPLIT_A.replace("\"split_to\":4", "\"split_to\":0"), d0.plusSeconds(3 * 86_400))))); // rejected once
        splits.write(DAY, List.of(splitsAnswer(SPLIT_A, d0.plusSeconds(4 * 86_400))));   // back, same ratio
        assertEquals(d0.plusSeconds(86_400), BronzeSplits.read(lake).get(0).firstSeen(), "still reported late");
    }

    /** A day of many records reported late: each row finds its first-seen time (a lookup, not a scan of them all). */
    @Test
    void manyLateRecordsADayAllKeepTheirTime() throws IOException {
        BronzeDayWriter splits = splitsWriter();
        int n = 4000;
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < n; i++) {
            all.append(i == 0 ? "" : ",").append(split("\"T" + i + "\"", "2024-03-15", "1", "4"));
        }
        Instant t = Instant.parse("2024-03-16T11:00:00Z");
        splits.write(DAY, List.of(splitsAnswer("", t)));
        splits.write(DAY, List.of(splitsAnswer(all.toString(), t.plusSeconds(86_400))));
        List<BronzeSplits.Row> rows = BronzeSplits.read(lake);
        assertEquals(n, rows.size());
        assertTrue(rows.stream().allMatch(row -> t.plusSeconds(86_400).equals(row.firstSeen())));
    }
}
