package io.quantmini.bronze;

import io.quantmini.landing.LandingPage;
import io.quantmini.polygon.PageHeader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fetcher's one parse of a page: a body that is not one complete JSON object is refused as such (worth a
 * retry) and leaves nothing behind; a complete page gives its records and the top-level fields the fetcher follows.
 */
class DayDecodingTest {

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    private static final LocalDate DAY = LocalDate.of(2024, 1, 2);
    private static final String PAGE = "{\"queryCount\":2,\"results\":[{\"T\":\"A\",\"o\":1.5,\"h\":2,\"l\":1,"
            + "\"c\":1.5,\"v\":10,\"t\":1704229200000,\"otc\":true,\"x\":null},"
            + "{\"T\":\"B\",\"o\":3,\"h\":3,\"l\":3,\"c\":3,\"v\":-2e3,\"t\":1704229200000,\"n\":[1,{\"a\":[]}]}],"
            + "\"status\":\"OK\",\"request_id\":\"r\",\"next_url\":\"http://127.0.0.1:1/v2/next?cursor=abc\","
            + "\"count\":2}";

    private final DatasetSchema schema = DatasetSchema.load(Path.of("config/datasets/stocks_daily.yaml"));

    @Test
    void readsRecordsAndTheTopLevelFieldsTheFetcherNeeds() throws IOException {
        DayDecoding day = new DayDecoding(schema, DAY);
        PageHeader header = day.read(page("p1", PAGE));

        assertEquals(new PageHeader("http://127.0.0.1:1/v2/next?cursor=abc", "OK", null), header);
        assertEquals(1, day.rows().size(), "A is a row; B is rejected (n is not a number)");
        assertEquals(1, day.rejects().size());
        assertEquals(new PageHeader(null, "NOT_AUTHORIZED", "caf\u00e9"),
                day.read(page("p2", "{\"status\":\"NOT_AUTHORIZED\",\"message\":\"caf\\u00e9\"}")));
        assertEquals("bad key", day.read(page("p3", "{\"status\":\"ERROR\",\"error\":\"bad key\"}")).message());
    }

    /** A timestamp no reader can turn into a date (Long.MAX_VALUE failed pyarrow on the whole file) is rejected. */
    @Test
    void aTimestampOutsideTheYears1900To2200IsRejected() throws IOException {
        DayDecoding day = new DayDecoding(schema, DAY);
        String bar = "{\"T\":\"%s\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"vw\":1,\"t\":%s}";
        day.read(page("p1", "{\"status\":\"OK\",\"results\":[" + String.format(bar, "MAX", Long.MAX_VALUE) + ","
                + String.format(bar, "OLD", "-2208988800001") + "," + String.format(bar, "FAR", "7258118400000") + ","
                + String.format(bar, "LOW", "-2208988800000") + ","
                + String.format(bar, "NOW", "1704229200000.0") + "]}"));
        assertEquals(2, day.rows().size(), "1900-01-01T00:00Z and an integral float are times");
        assertEquals(3, day.rejects().size());
        assertEquals("type", day.rejects().get(0).rule());
        assertTrue(day.rejects().get(0).message().contains("field 't' (timestamp) is 9223372036854775807 ms, not a time"
                + " between 1900 and 2200"), day.rejects().get(0).message());
    }

    /**
     * A timestamp_millis field sent as ISO-8601 text (news' published_utc) is the same instant; one that names no
     * instant (no offset, a date alone), or one finer than the millisecond the column keeps, rejects its record.
     */
    @Test
    void aTimestampSentAsIsoTextIsReadAsItsInstantToTheMillisecond() throws IOException {
        DayDecoding day = new DayDecoding(schema, DAY);
        String bar = "{\"T\":\"%s\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"vw\":1,\"t\":\"%s\"}";
        String[][] sent = {{"Z", "2024-01-02T05:00:00Z"}, {"OFFSET", "2024-01-02T00:00:00-05:00"},
            {"MILLIS", "2024-01-02T05:00:00.123Z"}, {"LOCAL", "2024-01-02T05:00:00"}, {"DATE", "2024-01-02"},
            {"FINER", "2024-01-02T05:00:00.0001Z"}, {"OLD", "1899-12-31T23:59:59Z"}};
        String records = recordsOf(bar, sent);
        day.read(page("p1", "{\"status\":\"OK\",\"results\":[" + records + "]}"));

        int t = columnNamed("timestamp");
        assertEquals(3, day.rows().size());
        assertEquals(1_704_171_600_000L, day.rows().getLong(t, 0));
        assertEquals(1_704_171_600_000L, day.rows().getLong(t, 1));
        assertEquals(1_704_171_600_123L, day.rows().getLong(t, 2));
        assertEquals(4, day.rejects().size());
        assertEquals("field 't' (timestamp) must be timestamp_millis: epoch milliseconds, or an ISO-8601 date and time"
                + " with its offset such as 2024-01-02T15:04:05Z; got a string \"2024-01-02T05:00:00\"",
                day.rejects().get(0).message());
        assertTrue(day.rejects().get(1).message().endsWith("got a string \"2024-01-02\""),
                day.rejects().get(1).message());
        assertEquals("field 't' (timestamp) is \"2024-01-02T05:00:00.0001Z\", finer than the millisecond a"
                + " timestamp_millis column holds", day.rejects().get(2).message());
        assertEquals("field 't' (timestamp) is \"1899-12-31T23:59:59Z\", not a time between 1900 and 2200",
                day.rejects().get(3).message());
        assertEquals("type", day.rejects().get(3).rule());
    }

    @Test
    void everyTruncationAndNonJsonBodyIsRefusedAndLeavesNothing() throws IOException {
        DayDecoding day = new DayDecoding(schema, DAY);
        day.read(page("p0", PAGE));
        for (int cut = 0; cut < PAGE.length(); cut++) {
            String truncated = PAGE.substring(0, cut);
            assertThrows(IOException.class, () -> day.read(page("cut", truncated)), truncated);
            assertEquals(1, day.rows().size(), truncated);
            assertEquals(1, day.rejects().size(), truncated);
            assertEquals(1, day.pages().size(), truncated);
        }
        for (String body : new String[] {"", "<html>502 Bad Gateway</html>", "[1,", "nul", "[] []", "{} {}", "{}x",
                "{\"a\":01}", "{\"a\":1.}", "{\"a\":tru}", "{\"a\":[1,]}", "{\"a\":1,}", "{\"a\" 1}", "{'a':1}",
                "{\"a\":\"b\nc\"}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":Nan}", "{\"a\":Infinit}"}) {
            // (NaN and Infinity are read, so that their record is rejected, not the page: BronzeDayWriterTest)
            IOException refused = assertThrows(IOException.class, () -> day.read(page("bad", body)), body);
            assertTrue(refused.getMessage().startsWith("body "), refused.getMessage());
            assertTrue(!refused.getMessage().contains("Source:"), "no parser location noise: " + refused.getMessage());
        }
        assertEquals(1, day.rows().size());
    }

    /** Complete JSON that is not an object (an array, null) is no truncation: no retry would make it an answer. */
    @Test
    void aCompleteBodyThatIsNotAnObjectIsAFormatErrorNotARetry() {
        DayDecoding day = new DayDecoding(schema, DAY);
        for (String[] body : new String[][] {{"[]", "an array"}, {"null", "null"}, {" [{\"T\":1}] ", "an array"},
            {"5", "a number"}, {"\"OK\"", "a string"}}) {
            BronzeFormatException e = assertThrows(BronzeFormatException.class, () -> day.read(page("odd", body[0])));
            assertEquals("body is not a JSON object but " + body[1], e.problem(), body[0]);
        }
    }

    @Test
    void completeJsonOfTheWrongShapeIsAFormatErrorNotARetry() {
        DayDecoding day = new DayDecoding(schema, DAY);
        BronzeFormatException e = assertThrows(BronzeFormatException.class,
                () -> day.read(page("shape", "{\"results\":[{\"T\":\"A\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,"
                        + "\"t\":1}],\"status\":7}")));
        assertTrue(e.getMessage().contains("shape.json"), e.getMessage());
        assertEquals(0, day.rows().size(), "the page's first record is taken back with it");
    }

    @Test
    void aMisnamedRecordsFieldIsAFormatErrorWhileAnAbsentOneIsADayWithoutRecords() throws IOException {
        // A holiday's grouped bars come without "results" at all: no records, no error.
        DayDecoding holiday = new DayDecoding(schema, DAY);
        holiday.read(page("holiday", "{\"queryCount\":0,\"resultsCount\":0,\"adjusted\":true,\"status\":\"OK\"}"));
        assertEquals(0, holiday.rows().size());

        // records: result (a typo) on a body with "results": without the check every day would be done with no rows.
        DatasetSchema typo = DatasetSchema.load(copyOfSchema("stocks_daily", "records: results",
                "records: result"));
        DayDecoding day = new DayDecoding(typo, DAY);
        BronzeFormatException e = assertThrows(BronzeFormatException.class, () -> day.read(page("typo", PAGE)));
        assertEquals("the body has no field \"result\" (records: in " + typo.source() + ") but has the array "
                + "\"results\"", e.problem());
    }

    @Test
    void aFieldNoRecordHasIsReportedUnlessItsColumnHasADefault() throws IOException {
        DatasetSchema typo = DatasetSchema.load(copyOfSchema("stocks_daily", "field: vw,", "field: vww,"));
        DayDecoding day = new DayDecoding(typo, DAY);
        assertEquals(List.of(), day.columnsInNoRecord(), "no records yet");
        // bars with T, o, h, l, c, v, t only, two short of the threshold; then PAGE's A (otc) and B (n, rejected)
        String bar = "{\"T\":\"X%d\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":1704229200000}";
        StringBuilder bars = new StringBuilder("{\"results\":[");
        for (int i = 0; i < PageDecoder.RECORDS_TO_NOTICE_AN_ABSENT_FIELD - 2; i++) {
            bars.append(i == 0 ? "" : ",").append(String.format(bar, i));
        }
        day.read(page("p0", bars.append("],\"status\":\"OK\"}").toString()));
        assertEquals(List.of(), day.columnsInNoRecord(), "too few records to tell");
        day.read(page("p1", PAGE));
        // vww: no record has it; n: B has it (and is rejected for it); otc: only A has it, and it has a default.
        assertEquals(List.of("vwap"), day.columnsInNoRecord().stream().map(ColumnSpec::name).toList());
        DayDecoding withVwap = new DayDecoding(typo, DAY);
        withVwap.read(page("p0", bars.toString()));
        withVwap.read(page("p2", PAGE.replace("\"o\":3,", "\"o\":3,\"vww\":3,")));
        assertEquals(List.of(), withVwap.columnsInNoRecord(), "one record of the day is enough");
        withVwap.dropLastPage(); // e.g. its Polygon status was an error: what it showed is taken back with it
        assertEquals(List.of(), withVwap.columnsInNoRecord(), "too few records again");
        withVwap.read(page("p1", PAGE));
        assertEquals(List.of("vwap"), withVwap.columnsInNoRecord().stream().map(ColumnSpec::name).toList());
        DayDecoding nullVwap = new DayDecoding(typo, DAY);
        nullVwap.read(page("p0", bars.toString().replace("\"o\":1,", "\"o\":1,\"vww\":null,")));
        nullVwap.read(page("p1", PAGE));
        assertEquals(List.of(), nullVwap.columnsInNoRecord(), "a field sent as null is spelled right");
    }

    @Test
    void aSplitAdjustedDatasetRefusesUnadjustedBars() throws IOException {
        String unadjusted = PAGE.replace("\"queryCount\":2,", "\"queryCount\":2,\"adjusted\":false,");
        BronzeFormatException e = assertThrows(BronzeFormatException.class,
                () -> new DayDecoding(schema, DAY).read(page("unadjusted", unadjusted)));
        assertTrue(e.problem().startsWith("the response says \"adjusted\": false, but config/datasets/stocks_daily.yaml"
                + " is split_adjusted: its route must ask for adjusted=true"), e.problem());
        assertThrows(BronzeFormatException.class, () -> new DayDecoding(schema, DAY).read(page("quoted",
                unadjusted.replace("\"adjusted\":false", "\"adjusted\":\"false\""))), "a quoted false too");
        DatasetSchema byTicker = DatasetSchema.load(Path.of("config/datasets/stocks_daily_by_ticker.yaml"));
        assertThrows(BronzeFormatException.class,
                () -> new DayDecoding(byTicker, DAY, "A").read(page("unadjusted", unadjusted)));

        DayDecoding adjusted = new DayDecoding(schema, DAY);
        adjusted.read(page("adjusted", unadjusted.replace("\"adjusted\":false", "\"adjusted\":true")));
        assertEquals(1, adjusted.rows().size());
        DatasetSchema notAdjusted = DatasetSchema.load(copyOfSchema("stocks_daily",
                "(?m)^(split_adjusted|ticker_bars):.*\n", ""));
        DayDecoding plain = new DayDecoding(notAdjusted, DAY);
        plain.read(page("plain", unadjusted));
        assertEquals(1, plain.rows().size(), "a dataset that is not split_adjusted takes either");
    }

    /** A copy of a dataset's schema with every match of a regular expression replaced. */
    private Path copyOfSchema(String dataset, String regex, String replacement) throws IOException {
        String yaml = java.nio.file.Files.readString(Path.of("config/datasets/" + dataset + ".yaml"));
        String edited = yaml.replaceAll(regex, replacement);
        assertTrue(!edited.equals(yaml), regex);
        return java.nio.file.Files.writeString(dir.resolve(dataset + ".yaml"), edited);
    }

    /** An aggregates page holding fewer (or more) records than its own resultsCount is not taken for a whole day. */
    @Test
    void aPageWhoseRecordsDisagreeWithItsResultsCountIsAFormatError() throws IOException {
        String bar = "{\"T\":\"%s\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":1704229200000}";
        String two = "[" + String.format(bar, "A") + "," + String.format(bar, "B") + "]";
        DayDecoding day = new DayDecoding(schema, DAY);
        day.read(page("agrees", "{\"resultsCount\":2,\"results\":" + two + ",\"status\":\"OK\"}"));
        assertEquals(2, day.rows().size());
        for (String body : new String[] {"{\"resultsCount\":5000,\"results\":" + two + "}",
            "{\"results\":" + two + ",\"resultsCount\":1}", "{\"queryCount\":11000,\"resultsCount\":11000}"}) {
            BronzeFormatException e = assertThrows(BronzeFormatException.class, () -> day.read(page("cut", body)));
            assertTrue(e.problem().matches("\"resultsCount\" says \\d+ records, the page holds [02]"), e.problem());
            assertEquals(2, day.rows().size(), "the page is taken back: " + body);
        }
        day.read(page("holiday", "{\"queryCount\":0,\"resultsCount\":0,\"status\":\"OK\"}"));
        assertEquals(2, day.rows().size());
    }

    /** A resultsCount that is not a count of records is not skipped: the page is not what Polygon sends. */
    @Test
    void aResultsCountThatIsNotACountIsAFormatError() throws IOException {
        String bar = "[{\"T\":\"A\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":1704229200000}]";
        DayDecoding day = new DayDecoding(schema, DAY);
        for (String count : new String[] {"\"1\"", "1.0", "-1", "[1]", "99999999999999999999"}) {
            BronzeFormatException e = assertThrows(BronzeFormatException.class,
                    () -> day.read(page("count", "{\"resultsCount\":" + count + ",\"results\":" + bar + "}")));
            assertTrue(e.problem().startsWith("\"resultsCount\" is "), e.problem());
            assertTrue(e.problem().endsWith(", expected a count of records"), e.problem());
            assertFalse(e.notJson(), "complete JSON: no retry");
        }
        day.read(page("null", "{\"resultsCount\":null,\"results\":" + bar + "}"));
        assertEquals(1, day.rows().size());
    }

    /**
     * An element of "results" that is not an object is a record no rule can read: it is rejected with its bytes, and
     * the page's good records are kept (it used to fail the whole day, good records and all, on every run). A field
     * sent as null is said to be null, not missing.
     */
    @Test
    void aRecordThatIsNotAnObjectIsRejectedAndTheOthersKept() throws IOException {
        String good = "{\"T\":\"%s\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":1704229200000}";
        String body = "{\"results\":[" + String.format(good, "A") + ", \"not an \\\"object\\\"\", null,42 ,[1,[2]],"
                + String.format(good, "B").replace("\"o\":1", "\"o\":null") + "," + String.format(good, "C") + "]}";
        DayDecoding day = new DayDecoding(schema, DAY);
        day.read(page("p1", body));

        assertEquals(2, day.rows().size(), "A and C");
        assertEquals(List.of("a record of \"results\" must be an object, got a string",
                "a record of \"results\" must be an object, got null",
                "a record of \"results\" must be an object, got a number",
                "a record of \"results\" must be an object, got an array",
                "required field 'o' (open) is null"), day.rejects().stream().map(Reject::message).toList());
        assertEquals(List.of("type", "type", "type", "type", "required"),
                day.rejects().stream().map(Reject::rule).toList());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("\"not an \\\"object\\\"\"", "null", "42", "[1,[2]]", String.format(good, "B")
                        .replace("\"o\":1", "\"o\":null")),
                day.rejects().stream().map(r -> new String(bytes, r.source().start(), r.source().end()
                        - r.source().start(), StandardCharsets.UTF_8)).toList(), "each reject's bytes, as sent");

        day.read(page("p2", "{\"results\":[" + String.format(good, "D").replace(",\"o\":1", "") + "]}"));
        assertEquals("required field 'o' (open) is missing", day.rejects().get(5).message());
    }

    /**
     * A field given twice: readers of the landed body disagree on which counts (a streaming one kept the first
     * non-null, Jackson's tree and Python's json take the last), so neither is taken. A record is rejected; a
     * top-level field twice (two "results", two next_url) fails the page.
     */
    @Test
    void aFieldGivenTwiceRejectsItsRecordAndATopLevelOneThePage() throws IOException {
        String bar = "{\"T\":\"%s\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":1704229200000%s}";
        DayDecoding day = new DayDecoding(schema, DAY);
        day.read(page("p1", "{\"results\":[" + String.format(bar, "AAPL", ",\"T\":null") + ","
                + String.format(bar, "MSFT", ",\"vw\":1,\"vw\":null") + ","
                + String.format(bar, "IBM", ",\"x\":1,\"x\":2") + "]}"));
        assertEquals(1, day.rows().size(), "IBM: an unknown field twice does not matter");
        assertEquals(List.of("field 'T' (ticker) appears twice in the record", "field 'vw' (vwap) appears twice in the"
                + " record"), day.rejects().stream().map(Reject::message).toList());
        assertEquals(List.of("type", "type"), day.rejects().stream().map(Reject::rule).toList());
        for (String body : new String[] {"{\"results\":[],\"status\":\"OK\",\"results\":[" + String.format(bar, "B", "")
                + "]}", "{\"next_url\":\"http://a\",\"next_url\":null}"}) {
            BronzeFormatException e = assertThrows(BronzeFormatException.class, () -> day.read(page("twice", body)));
            assertTrue(e.problem().matches("the response object has the field \"(results|next_url)\" twice"),
                    e.problem());
            assertFalse(e.notJson());
        }
        assertEquals(1, day.rows().size());
    }

    /**
     * A long column takes a whole number however it is written (1e16, 96.0) and nothing with a fraction, decided on the
     * digits: as a double, 1.0000000000000001 was 1 and 9007199254740993.0 was 9007199254740992.
     */
    @Test
    void aLongColumnTakesWholeNumbersByTheirDigits() throws IOException {
        String bar = "{\"T\":\"%s\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":1704229200000,\"n\":%s}";
        DayDecoding day = new DayDecoding(schema, DAY);
        String[][] cases = {{"A", "1e16"}, {"B", "96.0"}, {"C", "9007199254740993"}, {"D", "1.0000000000000001"},
            {"E", "9007199254740993.5"}, {"F", "1e19"}, {"G", "-0.0"}};
        String records = recordsOf(bar, cases);
        day.read(page("p1", "{\"results\":[" + records + "]}"));
        int n = columnNamed("transactions");
        assertEquals(4, day.rows().size());
        assertEquals(List.of(10_000_000_000_000_000L, 96L, 9_007_199_254_740_993L, 0L), java.util.stream.IntStream
                .range(0, 4).mapToObj(r -> day.rows().getLong(n, r)).toList());
        assertEquals(3, day.rejects().size());
        assertTrue(day.rejects().get(0).message().endsWith("must be long, got a number 1.0000000000000001"),
                day.rejects().get(0).message());
    }

    /**
     * A number too large for its column is said to be out of range, not of the wrong type ("must be double, got a
     * number 1e400" read as a contradiction); a fraction in a long column, NaN and Infinity keep the type message.
     */
    @Test
    void aNumberBeyondItsColumnsRangeIsSaidToBeOutOfRange() throws IOException {
        String bar = "{\"T\":\"%s\",\"o\":1,\"h\":%s,\"l\":1,\"c\":1,\"v\":1,\"t\":1704229200000,\"n\":%s}";
        String[][] cases = {{"A", "1e400", "1"}, {"B", "-2e308", "1"}, {"C", "1", "99999999999999999999"},
            {"D", "1", "-1e19"}, {"E", "1", "12345678901234567890.0"}, {"F", "1", "1.5"}, {"G", "NaN", "1"},
            {"H", "1", "1e99999999999"}};
        String records = recordsOf(bar, cases);
        DayDecoding day = new DayDecoding(schema, DAY);
        day.read(page("p1", "{\"results\":[" + records + "]}"));

        assertEquals(0, day.rows().size());
        assertEquals(List.of("field 'h' (high) is 1e400, beyond a double's range (about ±1.8e308)",
                "field 'h' (high) is -2e308, beyond a double's range (about ±1.8e308)",
                "field 'n' (transactions) is 99999999999999999999, beyond a long's range (±9.2e18)",
                "field 'n' (transactions) is -1e19, beyond a long's range (±9.2e18)",
                "field 'n' (transactions) is 12345678901234567890.0, beyond a long's range (±9.2e18)",
                "field 'n' (transactions) must be long, got a number 1.5",
                "field 'h' (high) must be double, got a number NaN",
                "field 'n' (transactions) must be long, got a number 1e99999999999"),
                day.rejects().stream().map(Reject::message).toList());
        assertEquals(8, day.rejects().stream().filter(r -> r.rule().equals("type")).count());
    }

    /**
     * A value in an error message is quoted and cut: a record's string could hold a terminal's escapes or a forged line
     * ("quantmini: ingest OK"), or be megabytes long, and the message goes to stderr.
     */
    @Test
    void aValueInAMessageIsQuotedEscapedAndCut() throws IOException {
        String bar = "{\"T\":\"A\",\"o\":%s,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":1704229200000}";
        DayDecoding day = new DayDecoding(schema, DAY);
        day.read(page("p1", "{\"results\":[" + String.format(bar, "\"12.5\\nquantmini: ingest OK\\u001b[32m\"") + ","
                + String.format(bar, "\"" + "9".repeat(100_000) + "\"") + "," + String.format(bar, "1" + "0".repeat(500)
                + ".5") + "]}"));
        List<String> messages = day.rejects().stream().map(Reject::message).toList();
        assertEquals("field 'o' (open) must be double, got a string \"12.5\\nquantmini: ingest OK\\u001b[32m\"",
                messages.get(0));
        assertEquals("field 'o' (open) must be double, got a string \"" + "9".repeat(40) + "\"... (100000 characters)",
                messages.get(1));
        assertEquals("field 'o' (open) is 1" + "0".repeat(39) + "... (503 characters), beyond a double's range (about"
                + " ±1.8e308)", messages.get(2));
    }

    /**
     * JSON is UTF-8: a UTF-16 or UTF-32 body is refused as not UTF-8 whatever its records (before, it failed with a
     * bare IllegalArgumentException when one was rejected, and was taken when none was), as a body of bad bytes is.
     */
    @Test
    void aBodyInUtf16OrUtf32IsRefused() {
        String body = "{\"results\":[{\"T\":\"A\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":1704229200000}]}";
        DayDecoding day = new DayDecoding(schema, DAY);
        for (java.nio.charset.Charset charset : List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE,
                StandardCharsets.UTF_16BE, java.nio.charset.Charset.forName("UTF-32LE"),
                java.nio.charset.Charset.forName("UTF-32BE"))) {
            LandingPage page = new LandingPage("u", Path.of("landing", "u.json"), body.getBytes(charset));
            IOException e = assertThrows(IOException.class, () -> day.read(page), charset.name()); // as other non-UTF-8
            assertEquals("body is not UTF-8: its first bytes are those of UTF-16 or UTF-32", e.getMessage());
        }
        assertEquals(0, day.rows().size());
    }

    /**
     * Valid JSON past the parser's limits (a 1,001-digit number, nesting 1,001 deep) is not "incomplete JSON": retrying
     * it 6 times would get the same body. It fails the page at once, saying why.
     */
    @Test
    void aValueBeyondTheParsersLimitsIsAFormatErrorNotARetry() {
        DayDecoding day = new DayDecoding(schema, DAY);
        for (String extra : new String[] {"1".repeat(1001), "[".repeat(1001) + "]".repeat(1001)}) {
            String body = "{\"results\":[{\"T\":\"A\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,"
                    + "\"t\":1704229200000,\"extra\":" + extra + "}]}";
            BronzeFormatException e = assertThrows(BronzeFormatException.class, () -> day.read(page("deep", body)));
            assertFalse(e.notJson(), e.problem());
            assertTrue(e.problem().startsWith("the body holds a value beyond what the JSON reader takes ("),
                    e.problem());
        }
    }

    /** A next_url or status that is not a string would otherwise read as absent: a chain cut short, taken as whole. */
    @Test
    void aHeaderFieldThatIsNotAStringIsAFormatError() throws IOException {
        DayDecoding day = new DayDecoding(schema, DAY);
        for (String field : new String[] {"\"next_url\":5", "\"next_url\":{\"url\":\"x\"}", "\"status\":5",
            "\"next_url\":[\"x\"]", "\"status\":true"}) {
            BronzeFormatException e = assertThrows(BronzeFormatException.class,
                    () -> day.read(page("odd", "{\"results\":[]," + field + "}")));
            String name = field.substring(1, field.indexOf('"', 1));
            assertTrue(e.problem().startsWith("\"" + name + "\" is a") && e.problem().endsWith(", expected a string"),
                    e.problem());
        }
        assertEquals(new PageHeader(null, null, null), day.read(page("nulls", "{\"next_url\":null,\"status\":null}")));
    }

    /** UTF-8 cannot hold a lone surrogate: Parquet would store '?', so two tickers could become one key. */
    @Test
    void aStringWithALoneSurrogateIsRejectedAndAPairIsKept() throws IOException {
        String escape = "\\" + "u";
        String bar = "{\"T\":\"%s\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":1704229200000}";
        DayDecoding day = new DayDecoding(schema, DAY);
        day.read(page("p", "{\"results\":[" + String.format(bar, "BAD" + escape + "d800X") + ","
                + String.format(bar, "LOW" + escape + "dc00") + "," + String.format(bar, "BAD?X") + ","
                + String.format(bar, "PAIR" + escape + "d83d" + escape + "de00") + "]}"));
        assertEquals(2, day.rows().size(), "BAD?X and the pair");
        assertEquals(2, day.rejects().size());
        assertEquals("type", day.rejects().get(0).rule());
        assertEquals("field 'T' (ticker) is not Unicode text: a lone surrogate U+D800 at character 4",
                day.rejects().get(0).message());
        assertTrue(day.rejects().get(1).message().endsWith("U+DC00 at character 4"), day.rejects().get(1).message());
    }

    /** The request's days run from the first millisecond of {since} to the last of {date}, New York time. */
    @Test
    void aTimestampIsInTheRequestedDaysFromTheirFirstToTheirLastMillisecondInNewYork() throws IOException {
        String bar = "{\"T\":\"%s\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":%d}";
        long saturday = 1709355600000L; // 2024-03-02T00:00 New York
        long tuesday = 1709614800000L;  // 2024-03-05T00:00 New York
        DayDecoding day = new DayDecoding(schema, LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 2), null);
        day.read(page("p", "{\"results\":[" + String.format(bar, "FIRST", saturday) + ","
                + String.format(bar, "BEFORE", saturday - 1) + "," + String.format(bar, "LAST", tuesday - 1) + ","
                + String.format(bar, "AFTER", tuesday) + "]}"));
        assertEquals(4, day.rows().size(), "kept: stocks_daily only expects its timestamps in the window");
        assertEquals("2 records are dated outside the session asked for (the first: field 't'"
                + " (timestamp) is on 2024-03-01 (New York), outside the session asked for"
                + " (2024-03-02..2024-03-04))", day.keptOutsideRequestWindow());
        day.dropLastPage();
        assertEquals(null, day.keptOutsideRequestWindow(), "a page taken back takes its count back");
    }

    /** A day of a dataset with records every trading day, answered without any: a re-fetch keeps its capture. */
    @Test
    void noRecordsAreMissingRecordsOnlyWhereTheyAreDueEveryTradingDay() throws IOException {
        DayDecoding empty = new DayDecoding(schema, DAY);
        empty.read(page("empty", "{\"resultsCount\":0,\"results\":[],\"status\":\"OK\"}"));
        assertTrue(empty.missingRecords());
        DayDecoding rejected = new DayDecoding(schema, DAY);
        rejected.read(page("bad", "{\"results\":[{\"T\":\"A\"}]}"));
        assertEquals(0, rejected.rows().size());
        assertFalse(rejected.missingRecords(), "a rejected record is a record");
        DayDecoding bars = new DayDecoding(schema, DAY);
        bars.read(page("p1", PAGE));
        assertFalse(bars.missingRecords());
        DayDecoding splits = new DayDecoding(DatasetSchema.load(Path.of("config/datasets/splits.yaml")), DAY);
        splits.read(page("none", "{\"results\":[],\"status\":\"OK\"}"));
        assertFalse(splits.missingRecords(), "most days have no split");
    }

    /**
     * {@code empty: absent}: an empty or blank string reads as an absent field (null, the default, or a required
     * column's reject); without it, a string column keeps it and another type rejects it, saying what the key does.
     */
    @Test
    void anEmptyStringIsNoValueInAColumnThatSaysEmptyAbsent() throws IOException {
        DatasetSchema dividends = schemaOf("dividends", """
                columns:
                  - {name: ticker,           field: ticker,           type: string, required: true}
                  - {name: ex_dividend_date, field: ex_dividend_date, type: date,   required: true, empty: absent}
                  - {name: cik,              field: cik,              type: string, empty: absent}
                  - {name: pay_date,         field: pay_date,         type: date,   empty: absent}
                  - {name: frequency,        field: frequency,        type: long,   empty: absent, default: 0}
                  - {name: currency,         field: currency,         type: string, empty: value}
                  - {name: record_date,      field: record_date,      type: date}
                """);
        String record = "{\"ticker\":\"%s\",\"ex_dividend_date\":\"%s\",\"cik\":\"%s\",\"pay_date\":\"%s\","
                + "\"frequency\":%s,\"currency\":\"\",\"record_date\":%s}";
        DayDecoding day = new DayDecoding(dividends, DAY);
        day.read(page("p1", "{\"results\":["
                + String.format(record, "EMPTY", "2024-01-02", "", "", "\"\"", "null") + ","
                + String.format(record, "BLANK", "2024-01-02", " \\t", "  ", "\" \"", "\"2024-01-03\"") + ","
                + String.format(record, "SENT", "2024-01-02", "0000320193", "2024-02-01", "4", "null") + ","
                + String.format(record, "NO_EX", "", "", "", "4", "null") + ","
                + String.format(record, "BLANK_EX", "  ", "", "", "4", "null") + ","
                + String.format(record, "NO_RECORD_DATE", "2024-01-02", "", "", "4", "\"\"") + ","
                + String.format(record, "NOT_A_DATE", "2024-01-02", "", "soon", "4", "null") + "]}"));

        DayRows rows = day.rows();
        assertEquals(3, rows.size(), day.rejects().toString());
        for (int row = 0; row < 2; row++) {
            assertTrue(rows.isNull(2, row), "cik: an empty or blank string is null");
            assertTrue(rows.isNull(3, row), "pay_date: an empty or blank string is null");
            assertEquals(0L, rows.getLong(4, row), "frequency: an empty or blank string takes the default");
            assertEquals("", rows.getString(5, row), "currency: without empty: absent, a string column keeps it");
        }
        assertEquals("0000320193", rows.getString(2, 2));
        assertEquals(LocalDate.parse("2024-02-01").toEpochDay(), rows.getInt(3, 2));
        assertEquals(4L, rows.getLong(4, 2));
        assertEquals(List.of("required", "required", "type", "type"),
                day.rejects().stream().map(Reject::rule).toList());
        assertEquals(List.of("required field 'ex_dividend_date' (ex_dividend_date) is empty",
                "required field 'ex_dividend_date' (ex_dividend_date) is blank: \"  \"",
                "field 'record_date' (record_date) must be date, got a string \"\" (an empty string; empty: absent on"
                        + " the column reads it as no value)",
                "field 'pay_date' (pay_date) must be date, got a string \"soon\""),
                day.rejects().stream().map(Reject::message).toList());
    }

    /** Polygon's news in part: a column reads a field inside the record's object publisher, or deeper. */
    private static final String NEWS = """
            columns:
              - {name: id,                 field: id,                     type: string, required: true}
              - {name: publisher_name,     field: publisher.name,         type: string, required: true}
              - {name: publisher_homepage, field: publisher.homepage_url, type: string, empty: absent}
              - {name: publisher_rank,     field: publisher.stats.rank,   type: long,   default: 0}
              - {name: title,              field: title,                  type: string}
            key: [publisher_name, id]
            """;

    /**
     * {@code field: publisher.name}: the field inside the record's object, at any depth; an absent or null object
     * reads its fields as absent, one of another type rejects its record, and so does a field given twice in it. The
     * columns' own keys (required, empty, default, type) hold as for a record's own fields.
     */
    @Test
    void aDottedFieldIsReadInsideTheRecordsObjects() throws IOException {
        DayDecoding day = new DayDecoding(schemaOf("news", NEWS), DAY);
        String[] records = {
            "{\"id\":\"FULL\",\"tickers\":[\"MSFT\"],\"publisher\":{\"logo_url\":{\"big\":\"x\"},\"name\":"
                + "\"MarketWatch\",\"stats\":{\"rank\":3},\"homepage_url\":\"https://mw/\"},\"title\":\"T\"}",
            "{\"id\":\"NAME_ONLY\",\"publisher\":{\"name\":\"Zacks\",\"homepage_url\":\" \",\"stats\":null}}",
            "{\"id\":\"NO_PUBLISHER\",\"title\":\"T\"}",
            "{\"id\":\"NULL_PUBLISHER\",\"publisher\":null}",
            "{\"id\":\"NULL_NAME\",\"publisher\":{\"name\":null}}",
            "{\"id\":\"STRING_PUBLISHER\",\"publisher\":\"x\"}",
            "{\"id\":\"ARRAY_PUBLISHER\",\"publisher\":[{\"name\":\"A\"}],\"title\":\"T\"}",
            "{\"id\":\"NUMBER_STATS\",\"publisher\":{\"name\":\"A\",\"stats\":5}}",
            "{\"id\":\"NUMBER_NAME\",\"publisher\":{\"name\":5}}",
            "{\"id\":\"NAME_TWICE\",\"publisher\":{\"name\":\"A\",\"name\":\"B\"}}",
            "{\"id\":\"PUBLISHER_TWICE\",\"publisher\":{\"name\":\"A\"},\"publisher\":{\"homepage_url\":\"h\"}}",
            "{\"publisher\":{\"name\":\"Benzinga\"},\"id\":\"LAST\"}"};
        day.read(page("p1", "{\"results\":[" + String.join(",", records) + "],\"status\":\"OK\"}"));

        DayRows rows = day.rows();
        assertEquals(List.of("FULL", "NAME_ONLY", "LAST"), java.util.stream.IntStream.range(0, rows.size())
                .mapToObj(r -> rows.getString(0, r)).toList(), day.rejects().toString());
        assertEquals(List.of("MarketWatch", "Zacks", "Benzinga"), java.util.stream.IntStream.range(0, rows.size())
                .mapToObj(r -> rows.getString(1, r)).toList());
        assertEquals("https://mw/", rows.getString(2, 0));
        assertTrue(rows.isNull(2, 1), "empty: absent inside an object too");
        assertEquals(List.of(3L, 0L, 0L), java.util.stream.IntStream.range(0, rows.size())
                .mapToObj(r -> rows.getLong(3, r)).toList(), "a null or absent object: the default");
        assertEquals("T", rows.getString(4, 0));
        assertEquals(List.of(
                "required field 'publisher.name' (publisher_name) is missing",
                "required field 'publisher.name' (publisher_name) is missing",
                "required field 'publisher.name' (publisher_name) is null",
                "field 'publisher' must be an object (for publisher.name, publisher.homepage_url,"
                        + " publisher.stats.rank), got a string \"x\"",
                "field 'publisher' must be an object (for publisher.name, publisher.homepage_url,"
                        + " publisher.stats.rank), got an array",
                "field 'publisher.stats' must be an object (for publisher.stats.rank), got a number 5",
                "field 'publisher.name' (publisher_name) must be string, got a number 5",
                "field 'publisher.name' (publisher_name) appears twice in the record",
                "field 'publisher' appears twice in the record"),
                day.rejects().stream().map(Reject::message).toList());
        assertEquals(List.of("required", "required", "required", "type", "type", "type", "type", "type", "type"),
                day.rejects().stream().map(Reject::rule).toList());
    }

    /** A misspelled {@code publisher.nam} is warned of as a misspelled top-level field is. */
    @Test
    void aDottedFieldNoRecordHasIsReported() throws IOException {
        DatasetSchema typo = schemaOf("news", NEWS.replace("publisher.homepage_url",
                "publisher.homepage_ur"));
        String record = "{\"id\":\"N%d\",\"title\":\"T\",\"publisher\":{\"name\":\"A\",\"homepage_url\":\"h\"}}";
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < PageDecoder.RECORDS_TO_NOTICE_AN_ABSENT_FIELD - 1; i++) {
            records.append(",").append(String.format(record, i));
        }
        DayDecoding day = new DayDecoding(typo, DAY);
        day.read(page("p0", "{\"results\":[" + records.substring(1) + "]}"));
        assertEquals(List.of(), day.columnsInNoRecord(), "too few records to tell");
        day.read(page("p1", "{\"results\":[{\"id\":\"NULL\",\"publisher\":null}]}"));
        assertEquals(List.of("publisher_homepage"), day.columnsInNoRecord().stream().map(ColumnSpec::name).toList());

        DayDecoding spelledRight = new DayDecoding(typo, DAY);
        spelledRight.read(page("p0", "{\"results\":[" + records.substring(1) + "]}"));
        spelledRight.read(page("p1", "{\"results\":[{\"id\":\"X\",\"publisher\":{\"homepage_ur\":null}}]}"));
        assertEquals(List.of(), spelledRight.columnsInNoRecord(), "a field sent as null inside it is spelled right");
    }

    /**
     * A json column holds its field's value as the body's bytes: an array or object with the white space inside it, a
     * string with its quotes and escapes, a number as written; null or absent is null, or a required column's reject.
     */
    @Test
    void aJsonColumnHoldsTheValuesBytesAsTheBodyHasThem() throws IOException {
        DatasetSchema news = schemaOf("news", """
                columns:
                  - {name: id,       field: id,       type: string, required: true}
                  - {name: tickers,  field: tickers,  type: json,   required: true}
                  - {name: insights, field: insights, type: json}
                  - {name: extra,    field: extra,    type: json,   empty: absent}
                """);
        String[] values = {"[\"MSFT\", \"NFLX\"]", "[ {\"ticker\" : \"NFLX\",\n \"sentiment\": \"positive\"} ]",
                "\"caf\u00e9 \\u00e9 \\\"q\\\"\"", "1.50", "-2e+3", "true", "false", "{}", "[]", "\"\""};
        String record = "{\"id\":\"%s\", \"tickers\" :%s , \"insights\":%s,\"extra\":%s}";
        StringBuilder body = new StringBuilder("{\"results\":[");
        for (int i = 0; i < values.length; i++) {
            body.append(String.format(record, "r" + i, values[i], values[values.length - 1 - i], values[i]))
                    .append(',');
        }
        body.append("{\"id\":\"ABSENT\",\"tickers\":[1]},")
                .append(String.format(record, "BLANK", "\"  \"", "null", "\" \""))
                .append(",{\"id\":\"NULL\",\"tickers\":null},{\"id\":\"MISSING\"}")
                .append(",{\"id\":\"NAN\",\"tickers\":[1,NaN]},{\"id\":\"INF\",\"tickers\":-Infinity}]}");
        DayDecoding day = new DayDecoding(news, DAY);
        day.read(page("p1", body.toString()));

        DayRows rows = day.rows();
        assertEquals(values.length + 2, rows.size(), day.rejects().toString());
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], rows.getString(1, i), "tickers of r" + i);
            assertEquals(values[values.length - 1 - i], rows.getString(2, i), "insights of r" + i);
        }
        assertTrue(rows.isNull(3, values.length - 1), "extra: \"\" reads as absent under empty: absent");
        assertEquals("[1]", rows.getString(1, values.length));
        assertTrue(rows.isNull(2, values.length) && rows.isNull(3, values.length), "absent fields are null");
        assertEquals("\"  \"", rows.getString(1, values.length + 1), "a blank string is a JSON string");
        assertTrue(rows.isNull(2, values.length + 1) && rows.isNull(3, values.length + 1), "null, and blank as absent");
        assertEquals(List.of("required field 'tickers' (tickers) is null",
                "required field 'tickers' (tickers) is missing",
                "field 'tickers' (tickers) holds NaN, which is not JSON",
                "field 'tickers' (tickers) holds -Infinity, which is not JSON"),
                day.rejects().stream().map(Reject::message).toList());
    }

    /** Bytes that are not UTF-8 which the parser lets pass (an overlong NUL) reject their record, not become U+FFFD. */
    @Test
    void aJsonValueThatIsNotUtf8IsRejected() throws IOException {
        DatasetSchema news = schemaOf("news", """
                columns:
                  - {name: id,       field: id,       type: string, required: true}
                  - {name: keywords, field: keywords, type: json}
                """);
        byte[] head = "{\"results\":[{\"id\":\"BAD\",\"keywords\":[\"a".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"]},{\"id\":\"OK\",\"keywords\":[\"\uFFFD\"]}]}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xC0; // an overlong NUL
        body[head.length + 1] = (byte) 0x80;
        System.arraycopy(tail, 0, body, head.length + 2, tail.length);
        DayDecoding day = new DayDecoding(news, DAY);
        day.read(new LandingPage("p", Path.of("landing", "news", DAY.toString(), "p.json"), body));

        assertEquals(1, day.rows().size());
        assertEquals("[\"\uFFFD\"]", day.rows().getString(1, 0), "a U+FFFD the answer sent is kept");
        assertEquals(List.of("field 'keywords' (keywords) is not UTF-8 text: bytes 35 to 42 of the body"),
                day.rejects().stream().map(Reject::message).toList());
    }

    @Test
    void aDroppedPageIsTakenBack() throws IOException {
        DayDecoding day = new DayDecoding(schema, DAY);
        day.read(page("p1", PAGE));
        day.read(page("p2", PAGE.replace("\"A\"", "\"C\"").replace("\"B\"", "\"D\"")));
        assertEquals(2, day.rows().size());

        day.dropLastPage();

        assertEquals(1, day.rows().size());
        assertEquals(1, day.rejects().size());
        assertEquals(1, day.pages().size());
    }

    private static LandingPage page(String id, String body) {
        return new LandingPage(id, Path.of("landing", "stocks_daily", DAY.toString(), id + ".json"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** The records {@code bar} gives, formatted with each case's values in turn, joined as a JSON array's elements. */
    private static String recordsOf(String bar, String[][] cases) {
        return java.util.Arrays.stream(cases).map(c -> String.format(bar, (Object[]) c))
                .collect(java.util.stream.Collectors.joining(","));
    }

    /** The index of the stocks_daily column {@code name}. */
    private int columnNamed(String name) {
        return schema.columns().indexOf(schema.columns().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow());
    }

    /** The schema of {@code dataset}, its records under "results", with these columns (and key, rules), from a file. */
    private DatasetSchema schemaOf(String dataset, String columns) throws IOException {
        return DatasetSchema.load(java.nio.file.Files.writeString(dir.resolve(dataset + ".yaml"), "dataset: " + dataset
                + "\nschema_version: 1\nrecords: results\n" + columns));
    }
}
