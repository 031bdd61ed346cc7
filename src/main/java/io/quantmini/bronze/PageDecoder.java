package io.quantmini.bronze;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.NumberInput;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.quantmini.calendar.NyseCalendar;
import io.quantmini.lake.JsonErrors;
import io.quantmini.landing.LandingPage;
import io.quantmini.polygon.PageHeader;
import io.quantmini.text.Printable;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes the records of one landing page into {@link DayRows} with Jackson's streaming parser: no tree,
 * one pass, values go straight into primitive arrays. A record with a missing required field or a value
 * of the wrong type becomes a {@link Reject}; a body of the wrong shape throws {@link BronzeFormatException}.
 * One instance per day (it keeps per-record scratch state).
 */
final class PageDecoder {

    /**
     * NaN and ±Infinity are not JSON, but some encoders write them (Python's json by default): read as numbers, they
     * fail their record's type check like 1e400 does, rather than the whole page failing as incomplete JSON.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    /** Top-level fields the chain acts on ({@link PageHeader}): a string, or null. */
    private static final java.util.Set<String> HEADER_STRINGS = java.util.Set.of("next_url", "status");
    /** An aggregates page's own count of its records: fewer records than it says is a page cut short. */
    private static final String RESULTS_COUNT = "resultsCount";
    /** The top-level field of a per-ticker answer that names its ticker. */
    private static final String TICKER_FIELD = "ticker";
    /**
     * The times a timestamp_millis column takes: 1900-01-01 to 2200-01-01 UTC. A value such as Long.MAX_VALUE is
     * no time: readers that turn it into a date (pyarrow, pandas) fail on the whole file.
     */
    private static final long MIN_TIMESTAMP_MILLIS = -2_208_988_800_000L;
    private static final long MAX_TIMESTAMP_MILLIS = 7_258_118_400_000L;

    private final DatasetSchema schema;
    private final List<ColumnSpec> columns;
    private final RecordFields fields;
    /**
     * The code ({@link RecordFields}: most often a column) of the n-th field of the last record, by the field name's
     * identity: records repeat the same fields in the same order, and Jackson hands out one canonical String per name,
     * so most lookups are one comparison.
     */
    private final String[] fieldAt = new String[32];
    private final int[] columnAt = new int[32];
    private final boolean[] seen;
    /** Per column: whether the record being decoded had its field, null or not (a second one is refused). */
    private final boolean[] present;
    /** Per column: whether any record of the day so far named its field (with any value, null and "" included). */
    private final boolean[] seenInDay;
    /** Per column: {@code empty: absent}, an empty or blank string is read as no value. */
    private final boolean[] emptyIsAbsent;
    /** Per object holding fields columns read ({@code field: publisher.name}): whether the record had it. */
    private final boolean[] objectPresent;
    private int records;
    /** {@link #seenInDay} and {@link #records} before the last page, for {@link #takeBackLastPage}. */
    private boolean[] seenBeforeLastPage;
    private int recordsBeforeLastPage;
    /**
     * Records without a field before its absence says more than chance: a day's few splits may all lack an optional
     * field (older responses have no {@code id}); twenty grouped bars without {@code vw} point at the schema.
     */
    static final int RECORDS_TO_NOTICE_AN_ABSENT_FIELD = 20;
    private final int requestDate;
    /** The first day the request asked for ({@code {since}}, else its date): see {@link RequestWindow}. */
    private final int windowStart;
    /** The same days as epoch milliseconds, [start of the first, start of the day after the last) in New York. */
    private final long windowStartMillis;
    private final long windowEndMillis;
    /** Records kept though dated outside the request's days ({@code expect_in_request_window}), and the first. */
    private int keptOutsideWindow;
    private String firstOutsideWindow;
    private int keptOutsideBeforeLastPage;
    /** The ticker a per-ticker request asked for, or null. */
    private final String requestTicker;
    /** The timestamp_millis column a {@code timestamp_date} column is derived from, or -1. */
    private final int timestampColumn;
    private String problemRule;
    private String problem;
    /** The body of the page being decoded: a json column's value is its bytes. */
    private byte[] body;

    /**
     * @param windowStart   the request's first day ({@code {since}}), or null when it asked for its date alone
     * @param requestTicker the ticker of a per-ticker request ({@code from: request_ticker}), or null
     */
    PageDecoder(DatasetSchema schema, LocalDate requestDate, LocalDate windowStart, String requestTicker) {
        this.schema = schema;
        this.columns = schema.columns();
        this.requestDate = (int) requestDate.toEpochDay();
        this.windowStart = windowStart == null || windowStart.isAfter(requestDate) ? this.requestDate
                : (int) windowStart.toEpochDay();
        this.windowStartMillis = LocalDate.ofEpochDay(this.windowStart).atStartOfDay(NyseCalendar.ZONE).toInstant()
                .toEpochMilli();
        this.windowEndMillis = requestDate.plusDays(1).atStartOfDay(NyseCalendar.ZONE).toInstant().toEpochMilli();
        this.requestTicker = requestTicker;
        int timestamp = -1;
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).type() == ColumnType.TIMESTAMP_MILLIS) {
                timestamp = c;
            }
        }
        this.timestampColumn = timestamp;
        this.seen = new boolean[columns.size()];
        this.present = new boolean[columns.size()];
        this.seenInDay = new boolean[columns.size()];
        this.emptyIsAbsent = new boolean[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            emptyIsAbsent[c] = columns.get(c).emptyIsAbsent();
        }
        this.fields = new RecordFields(columns);
        this.objectPresent = new boolean[fields.objects()];
    }

    /**
     * Appends the page's records to {@code rows} (bad ones to {@code rejects}) and returns its top-level fields.
     *
     * @throws BronzeFormatException the body is not one complete JSON object ({@code notJson()}), or its records
     *                               field is neither an array nor null; rows may then hold part of the page
     */
    PageHeader decode(LandingPage page, int pageIndex, DayRows rows, List<Reject> rejects) {
        seenBeforeLastPage = seenInDay.clone();
        recordsBeforeLastPage = records;
        keptOutsideBeforeLastPage = keptOutsideWindow;
        PageHeader.Builder header = new PageHeader.Builder();
        requireUtf8(page);
        body = page.body();
        try (JsonParser p = JSON.createParser(page.body())) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                String what = "body is not a JSON object but " + describe(first);
                if (first == null) {
                    throw BronzeFormatException.notJson(page.file(), what, null);
                }
                p.skipChildren();
                if (p.nextToken() != null) {
                    throw BronzeFormatException.notJson(page.file(), "body has content after the JSON value", null);
                }
                // complete JSON (an array, null): no retry would make it an answer
                throw new BronzeFormatException(page.file(), what);
            }
            boolean hasRecordsField = false;
            String otherArray = null;
            boolean unadjusted = false;
            long resultsCount = -1;
            int recordsBeforePage = records;
            Set<String> names = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!names.add(name)) {
                    // a reader that takes the last one would see other records, another next_url, another count
                    throw new BronzeFormatException(page.file(), "the response object has the field "
                            + Printable.quoted(name) + " twice");
                }
                if (HEADER_STRINGS.contains(name) && value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                    // read as absent, a next_url of another type would end the chain as if it were whole
                    throw new BronzeFormatException(page.file(), "\"" + name + "\" is " + describe(value)
                            + ", expected a string");
                }
                if (name.equals(RESULTS_COUNT)) {
                    resultsCount = resultsCount(p, value, page);
                }
                if (name.equals(schema.recordsField())) {
                    hasRecordsField = true;
                    if (value == JsonToken.START_ARRAY) {
                        decodeRecords(p, page, pageIndex, rows, rejects);
                    } else if (value != JsonToken.VALUE_NULL) {
                        throw new BronzeFormatException(page.file(),
                                "\"" + name + "\" is " + describe(value) + ", expected an array of records");
                    }
                } else if (value == JsonToken.VALUE_STRING) {
                    requireTheTickerAskedFor(name, p.getText(), page);
                    unadjusted |= name.equals("adjusted") && p.getText().equalsIgnoreCase("false");
                    header.field(name, p.getText());
                } else {
                    if (value == JsonToken.START_ARRAY && otherArray == null) {
                        otherArray = name;
                    }
                    unadjusted |= name.equals("adjusted") && value == JsonToken.VALUE_FALSE;
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw BronzeFormatException.notJson(page.file(), "body has content after the response object", null);
            }
            checkShape(page, hasRecordsField, otherArray, unadjusted);
            if (resultsCount >= 0 && resultsCount != records - recordsBeforePage) {
                throw new BronzeFormatException(page.file(), "\"" + RESULTS_COUNT + "\" says " + resultsCount
                        + " records, the page holds " + (records - recordsBeforePage));
            }
        } catch (StreamConstraintsException e) {
            // complete or not, the same body would fail the same way again: no retry
            throw new BronzeFormatException(page.file(), "the body holds a value beyond what the JSON reader takes ("
                    + JsonErrors.withoutSource(e) + "), which is not what Polygon sends");
        } catch (JsonProcessingException e) {
            throw BronzeFormatException.notJson(page.file(), "body is not complete JSON: "
                    + JsonErrors.withoutSource(e), e);
        } catch (IOException e) {
            // a byte[] source has no I/O of its own
            throw new BronzeFormatException(page.file(), "cannot read body: " + e);
        }
        return header.build();
    }

    /**
     * JSON is UTF-8 (RFC 8259), and so is every Polygon answer; Jackson would read a body in UTF-16 or UTF-32 too (told
     * by a byte-order mark or by zero bytes among the first ones), but not the byte offsets the rejects and the
     * duplicate-key messages point at. Such a body is refused like any other that is not UTF-8.
     */
    private static void requireUtf8(LandingPage page) {
        byte[] body = page.body();
        int first = body.length > 0 ? body[0] & 0xff : -1;
        int second = body.length > 1 ? body[1] & 0xff : -1;
        if (first == 0 || first == 0xfe || first == 0xff || second == 0) {
            throw BronzeFormatException.notJson(page.file(), "body is not UTF-8: its first bytes are those of UTF-16 or"
                    + " UTF-32", null);
        }
    }

    /**
     * A per-ticker answer names its ticker ({@code "ticker": "AAPL"}): another one's bars would replace the requested
     * ticker's history, with nothing else to tell them apart.
     */
    private void requireTheTickerAskedFor(String field, String ticker, LandingPage page) {
        if (requestTicker != null && field.equals(TICKER_FIELD) && !ticker.equals(requestTicker)) {
            throw new BronzeFormatException(page.file(), "the answer is for the ticker " + Printable.quoted(ticker)
                    + ", not " + Printable.quoted(requestTicker) + ", which the request asked for");
        }
    }

    /** A page's {@code resultsCount}: a whole number of records, or the page is not what Polygon sends. */
    private static long resultsCount(JsonParser p, JsonToken value, LandingPage page) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return -1;
        }
        if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                || p.getLongValue() < 0) {
            String got = describeValue(p, value);
            p.skipChildren();
            throw new BronzeFormatException(page.file(), "\"" + RESULTS_COUNT + "\" is " + got
                    + ", expected a count of records");
        }
        return p.getLongValue();
    }

    /**
     * What a complete body tells about the schema rather than the data. Polygon leaves the records field out when there
     * are none (a holiday's grouped bars), so its absence alone is no error; beside another array it is a misnamed
     * {@code records:}, which would record every day as done with no rows. And a split-adjusted dataset must get
     * adjusted bars: a route asking for {@code adjusted=false} would put two share bases into one series.
     */
    private void checkShape(LandingPage page, boolean hasRecordsField, String otherArray, boolean unadjusted) {
        if (!hasRecordsField && otherArray != null) {
            throw new BronzeFormatException(page.file(), "the body has no field \"" + schema.recordsField()
                    + "\" (records: in " + schema.source() + ") but has the array \"" + otherArray + "\"");
        }
        if (unadjusted && schema.splitAdjusted()) {
            throw new BronzeFormatException(page.file(), "the response says \"adjusted\": false, but " + schema.source()
                    + " is split_adjusted: its route must ask for adjusted=true (unadjusted bars next to adjusted ones"
                    + " would mix two share bases in one series)");
        }
    }

    private void decodeRecords(JsonParser p, LandingPage page, int pageIndex, DayRows rows, List<Reject> rejects)
            throws IOException {
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                rejectNonObject(p, token, pageIndex, rejects);
                continue;
            }
            int start = (int) p.currentTokenLocation().getByteOffset();
            rows.beginRow();
            Arrays.fill(seen, false);
            Arrays.fill(present, false);
            Arrays.fill(objectPresent, false);
            problemRule = null;
            problem = null;
            int position = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                int col = columnOf(p.currentName(), position++);
                readField(p, p.nextToken(), col, rows);
            }
            records++;
            int end = (int) p.currentLocation().getByteOffset();
            fillAbsent(rows);
            checkRequestWindow(rows);
            if (problem == null) {
                rows.commitRow(pageIndex, start, end);
            } else {
                rejects.add(new Reject(new SourceRef(pageIndex, start, end), problemRule, problem));
            }
        }
    }

    /** The value of a record's field, or of a field inside its objects, whose code ({@link RecordFields}) is col. */
    private void readField(JsonParser p, JsonToken value, int col, DayRows rows) throws IOException {
        if (RecordFields.isObject(col)) {
            readObject(p, value, RecordFields.object(col), rows);
            return;
        }
        if (col >= 0 && present[col]) {
            // which one counts differs between readers of the landed body: neither does
            fail("type", "field '" + columns.get(col).sourceField() + "' (" + columns.get(col).name()
                    + ") appears twice in the record");
            col = -1;
        }
        if (col >= 0) {
            present[col] = true;
            seenInDay[col] = true; // the field is spelled right, whatever its value
        }
        if (col < 0) {
            p.skipChildren();
        } else if (value == JsonToken.VALUE_STRING && emptyIsAbsent[col] && isBlank(p)) {
            readAsAbsent(p, col); // fillAbsent gives it its default, or null
        } else if (value != JsonToken.VALUE_NULL) {
            seen[col] = true;
            decodeValue(p, value, col, rows);
        }
    }

    /**
     * An object the schema reads fields inside ({@code field: publisher.name}), each read as a record's own field is.
     * Absent or null, its fields read as absent; of another type, the record has none of them to read, and is rejected.
     */
    private void readObject(JsonParser p, JsonToken value, int object, DayRows rows) throws IOException {
        if (objectPresent[object]) {
            fail("type", "field '" + fields.path(object) + "' appears twice in the record");
            p.skipChildren();
            return;
        }
        objectPresent[object] = true;
        if (value == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                readField(p, p.nextToken(), fields.inside(object, p.currentName()), rows);
            }
        } else if (value != JsonToken.VALUE_NULL) {
            fail("type", "field '" + fields.path(object) + "' must be an object (for " + fields.readInside(object)
                    + "), got " + describeValue(p, value));
            p.skipChildren();
        }
    }

    /**
     * An element of the records array that is not an object (a string, a number, null, an array) is a record no rule
     * can read: rejected as such (rule {@code type}), with its bytes, while the page's other records are kept.
     */
    private void rejectNonObject(JsonParser p, JsonToken token, int pageIndex, List<Reject> rejects)
            throws IOException {
        int start = (int) p.currentTokenLocation().getByteOffset();
        p.skipChildren(); // an array's elements
        p.finishToken(); // a string's last byte: Jackson reads its text only when asked
        int end = (int) p.currentLocation().getByteOffset();
        records++;
        rejects.add(new Reject(new SourceRef(pageIndex, start, end), "type",
                "a record of \"" + schema.recordsField() + "\" must be an object, got " + describe(token)));
    }

    /** Forgets what the last page's records showed of the fields, as {@link DayDecoding} takes the page back. */
    void takeBackLastPage() {
        if (seenBeforeLastPage != null) {
            System.arraycopy(seenBeforeLastPage, 0, seenInDay, 0, seenInDay.length);
            records = recordsBeforeLastPage;
            keptOutsideWindow = keptOutsideBeforeLastPage;
            if (keptOutsideWindow == 0) {
                firstOutsideWindow = null;
            }
        }
    }

    /**
     * What the day's records kept though dated outside the request's days ({@code expect_in_request_window}) were,
     * or null when there were none.
     */
    String keptOutsideRequestWindow() {
        if (keptOutsideWindow == 0) {
            return null;
        }
        return keptOutsideWindow + (keptOutsideWindow == 1 ? " record is" : " records are") + " dated outside the"
                + " session asked for (the first: " + firstOutsideWindow + ")";
    }

    /** The schema's {@link RequestWindow} rules on the pending record, once its columns are all set. */
    private void checkRequestWindow(DayRows rows) {
        RequestWindow window = schema.requestWindow();
        for (int c : window.reject()) {
            if (problem == null && outsideWindow(rows, c)) {
                fail("in_request_window", outsideWindowMessage(rows, c));
            }
        }
        for (int c : window.expect()) {
            if (problem == null && outsideWindow(rows, c)) {
                keptOutsideWindow++;
                if (firstOutsideWindow == null) {
                    firstOutsideWindow = outsideWindowMessage(rows, c);
                }
            }
        }
    }

    /** Whether column c's value lies outside the request's days: two comparisons, no date arithmetic. */
    private boolean outsideWindow(DayRows rows, int c) {
        if (rows.pendingIsNull(c)) {
            return false;
        }
        if (columns.get(c).type() == ColumnType.TIMESTAMP_MILLIS) {
            long millis = rows.pendingLong(c);
            return millis < windowStartMillis || millis >= windowEndMillis;
        }
        int day = rows.pendingInt(c);
        return day < windowStart || day > requestDate;
    }

    /** Why column c's value, outside the request's days, is refused or warned about. */
    private String outsideWindowMessage(DayRows rows, int c) {
        ColumnSpec column = columns.get(c);
        boolean timestamp = column.type() == ColumnType.TIMESTAMP_MILLIS;
        int day = timestamp ? (int) Instant.ofEpochMilli(rows.pendingLong(c)).atZone(NyseCalendar.ZONE)
                .toLocalDate().toEpochDay() : rows.pendingInt(c);
        String days = windowStart == requestDate ? LocalDate.ofEpochDay(requestDate).toString()
                : LocalDate.ofEpochDay(windowStart) + ".." + LocalDate.ofEpochDay(requestDate);
        return "field '" + column.sourceField() + "' (" + column.name() + ") is " + (timestamp ? "on " : "")
                + LocalDate.ofEpochDay(day) + (timestamp ? " (New York)" : "") + ", outside the session asked for ("
                + days + ")";
    }

    /**
     * The columns read from a record field (without a default) that no record decoded so far had, once there were
     * {@link #RECORDS_TO_NOTICE_AN_ABSENT_FIELD} records: a field the endpoint does not send, typically a misspelled
     * {@code field:}, whose column is null in every row. A field sent as null or {@code ""} is not misspelled. A
     * column with a default is left out: its field is absent by design (Polygon sends {@code otc} only when true).
     */
    List<ColumnSpec> columnsInNoRecord() {
        List<ColumnSpec> absent = new java.util.ArrayList<>();
        for (int c = 0; records >= RECORDS_TO_NOTICE_AN_ABSENT_FIELD && c < columns.size(); c++) {
            ColumnSpec column = columns.get(c);
            if (!seenInDay[c] && column.sourceField() != null && column.defaultValue() == null) {
                absent.add(column);
            }
        }
        return absent;
    }

    /** The code ({@link RecordFields}) of the record's field {@code name}: its column's index, or another. */
    private int columnOf(String name, int position) {
        if (position < fieldAt.length && fieldAt[position] == name) {
            return columnAt[position];
        }
        int column = fields.top(name);
        if (position < fieldAt.length) {
            fieldAt[position] = name;
            columnAt[position] = column;
        }
        return column;
    }

    /**
     * The number token's value. A float is parsed from the parser's own character buffer by the parser's own number
     * routine ({@link NumberInput}, FastDoubleParser underneath), the value {@code getDoubleValue()} gives: that call
     * first copies the digits into a new String (Jackson parses numbers lazily from text). Measured on grouped-daily
     * bars, single thread: ~3% less tokenize-and-parse time (~450 ns per bar).
     */
    private static double doubleValue(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            return NumberInput.parseDouble(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), true);
        }
        return p.getDoubleValue();
    }

    /** Whether the current string token is empty or blank, read in the parser's buffer: no String is made. */
    private static boolean isBlank(JsonParser p) throws IOException {
        char[] text = p.getTextCharacters();
        int end = p.getTextOffset() + p.getTextLength();
        for (int i = p.getTextOffset(); i < end; i++) {
            if (!Character.isWhitespace(text[i])) {
                return false;
            }
        }
        return true;
    }

    /** An empty or blank string in an {@code empty: absent} column: a required one rejects its record. */
    private void readAsAbsent(JsonParser p, int col) throws IOException {
        ColumnSpec column = columns.get(col);
        if (column.required()) {
            fail("required", "required field '" + column.sourceField() + "' (" + column.name() + ") is "
                    + blankness(p.getText()));
        }
    }

    /** {@code empty}, or {@code blank: "  "}: how a message names an empty or blank string. */
    private static String blankness(String text) {
        return text.isEmpty() ? "empty" : "blank: " + Printable.quoted(text);
    }

    private void decodeValue(JsonParser p, JsonToken token, int col, DayRows rows) throws IOException {
        ColumnSpec column = columns.get(col);
        switch (column.type()) {
            case DOUBLE -> {
                if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
                    double v = doubleValue(p, token);
                    if (Double.isFinite(v)) {
                        rows.setDouble(col, v);
                        return;
                    }
                }
            }
            case LONG, TIMESTAMP_MILLIS -> {
                if (column.type() == ColumnType.TIMESTAMP_MILLIS && token == JsonToken.VALUE_STRING) {
                    setIsoTime(p.getText(), col, rows);
                    return;
                }
                if (isWholeNumber(p, token)) {
                    long v = token == JsonToken.VALUE_NUMBER_INT ? p.getLongValue()
                            : new BigDecimal(p.getText()).longValueExact();
                    if (column.type() == ColumnType.TIMESTAMP_MILLIS && !isTimeWeTake(v)) {
                        fail("type", "field '" + column.sourceField() + "' (" + column.name() + ") is " + v
                                + " ms, not a time between 1900 and 2200");
                        return;
                    }
                    rows.setLong(col, v);
                    return;
                }
            }
            case STRING -> {
                if (token == JsonToken.VALUE_STRING) {
                    String v = p.getText();
                    if (v.isBlank() && column.required()) { // a ticker of spaces is no ticker, as an empty one
                        fail("required", "field '" + column.sourceField() + "' (" + column.name() + ") is "
                                + blankness(v));
                    }
                    int lone = loneSurrogate(v);
                    if (lone >= 0) {
                        // UTF-8 cannot hold it: Parquet would store '?', and two such values could become one key
                        fail("type", "field '" + column.sourceField() + "' (" + column.name() + ") is not Unicode"
                                + " text: a lone surrogate " + String.format("U+%04X", (int) v.charAt(lone))
                                + " at character " + (lone + 1));
                    }
                    rows.setString(col, v);
                    return;
                }
            }
            case BOOLEAN -> {
                if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                    rows.setBoolean(col, token == JsonToken.VALUE_TRUE);
                    return;
                }
            }
            case DATE -> {
                if (token == JsonToken.VALUE_STRING) {
                    try {
                        rows.setInt(col, (int) LocalDate.parse(p.getText()).toEpochDay());
                        return;
                    } catch (DateTimeParseException e) {
                        // falls through to the type failure below
                    }
                }
            }
            case JSON -> {
                String text = jsonText(p, token, column);
                if (text != null) {
                    rows.setString(col, text);
                }
                return;
            }
        }
        String field = "field '" + column.sourceField() + "' (" + column.name() + ")";
        String range = rangeExceeded(column.type(), p, token);
        if (range != null) {
            fail("type", field + " is " + Printable.excerpt(p.getText()) + ", beyond " + range);
            return;
        }
        String got = describeValue(p, token);
        if (token == JsonToken.VALUE_STRING && p.getText().isBlank()) { // the column has no empty: absent
            got += " (" + (p.getText().isEmpty() ? "an empty" : "a blank") + " string; empty: absent on the column"
                    + " reads it as no value)";
        }
        p.skipChildren();
        fail("type", field + " must be " + column.type().yamlName() + ", got " + got);
    }

    private static boolean isTimeWeTake(long millis) {
        return millis >= MIN_TIMESTAMP_MILLIS && millis < MAX_TIMESTAMP_MILLIS;
    }

    /**
     * A timestamp_millis column's value sent as text (news' {@code "published_utc": "2022-04-28T17:08:00Z"}): an
     * ISO-8601 date and time with its offset ({@code Z} or {@code -04:00}), to the millisecond at most. A time without
     * an offset is refused, since it names no instant, and so is a finer one, which the column would cut.
     */
    private void setIsoTime(String text, int col, DayRows rows) {
        ColumnSpec column = columns.get(col);
        String field = "field '" + column.sourceField() + "' (" + column.name() + ")";
        Instant time;
        try {
            time = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            fail("type", field + " must be timestamp_millis: epoch milliseconds, or an ISO-8601 date and time with"
                    + " its offset such as 2024-01-02T15:04:05Z; got a string " + Printable.quoted(text));
            return;
        }
        if (time.getNano() % 1_000_000 != 0) {
            fail("type", field + " is " + Printable.quoted(text) + ", finer than the millisecond a timestamp_millis"
                    + " column holds");
        } else if (time.getEpochSecond() < MIN_TIMESTAMP_MILLIS / 1000
                || time.getEpochSecond() >= MAX_TIMESTAMP_MILLIS / 1000) {
            fail("type", field + " is " + Printable.quoted(text) + ", not a time between 1900 and 2200");
        } else {
            rows.setLong(col, time.toEpochMilli());
        }
    }

    /**
     * The current value's bytes in the body, as UTF-8 text, white space inside included; the parser is left on its last
     * token. Null, the record failed, when the value holds a number that is not JSON (NaN, Infinity: the parser takes
     * them, a JSON reader of the column would not), or bytes that are not UTF-8 Jackson let pass (an overlong or
     * surrogate sequence, which decoding would turn into U+FFFD).
     */
    private String jsonText(JsonParser p, JsonToken token, ColumnSpec column) throws IOException {
        int start = (int) p.currentTokenLocation().getByteOffset();
        String notJson = null;
        int depth = 0;
        for (JsonToken t = token; ; t = p.nextToken()) {
            if (notJson == null && t.isNumeric() && p.isNaN()) {
                notJson = p.getText();
            }
            depth += t.isStructStart() ? 1 : t.isStructEnd() ? -1 : 0;
            if (depth == 0) {
                break;
            }
        }
        p.finishToken(); // a string's closing quote: Jackson reads a string's text only when asked
        int end = (int) p.currentLocation().getByteOffset();
        if (notJson != null) {
            fail("type", "field '" + column.sourceField() + "' (" + column.name() + ") holds "
                    + Printable.excerpt(notJson) + ", which is not JSON");
            return null;
        }
        String text = new String(body, start, end - start, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0 && !isUtf8(body, start, end)) {
            fail("type", "field '" + column.sourceField() + "' (" + column.name() + ") is not UTF-8 text: bytes "
                    + start + " to " + end + " of the body");
            return null;
        }
        return text;
    }

    /** Whether bytes [start, end) are well-formed UTF-8, overlong and surrogate sequences refused. */
    private static boolean isUtf8(byte[] bytes, int start, int end) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes, start, end - start));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /**
     * The range a number of the right kind overflowed ({@code 1e400} for a double, twenty digits for a long), or
     * null: a number too large for its column says so, rather than that it is of the wrong type.
     */
    private static String rangeExceeded(ColumnType type, JsonParser p, JsonToken token) throws IOException {
        if (!token.isNumeric() || p.isNaN()) { // NaN and Infinity as written are no overflow
            return null;
        }
        if (type == ColumnType.DOUBLE) {
            return "a double's range (about ±1.8e308)";
        }
        if (type == ColumnType.LONG) {
            try {
                BigDecimal value = new BigDecimal(p.getText());
                boolean whole = value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
                return whole ? "a long's range (±9.2e18)" : null;
            } catch (NumberFormatException | ArithmeticException beyondBigDecimal) { // an exponent past int's range
                return null;
            }
        }
        return null;
    }

    /**
     * Whether a number token holds a long: an integer within long's range, or a decimal whose digits say a whole number
     * ({@code 96.0}, {@code 1e16}). Decided on the number's text, not on a double: {@code 1.0000000000000001} has a
     * fraction, and {@code 9007199254740993.0} is not {@code …992}.
     */
    private static boolean isWholeNumber(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return p.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
        }
        if (token != JsonToken.VALUE_NUMBER_FLOAT || p.isNaN()) {
            return false;
        }
        try {
            new BigDecimal(p.getText()).longValueExact();
            return true;
        } catch (ArithmeticException | NumberFormatException notALong) {
            return false;
        }
    }

    /**
     * The current value as a message names it: its kind, and a string quoted or a number's text, each cut
     * ({@link Printable}: a value is the sender's, and can be megabytes or hold a terminal's escapes).
     */
    private static String describeValue(JsonParser p, JsonToken token) throws IOException {
        if (token.isStructStart() || token == JsonToken.VALUE_NULL) {
            return describe(token);
        }
        String text = p.getText();
        if (token == JsonToken.VALUE_STRING) {
            return describe(token) + " " + Printable.quoted(text);
        }
        return describe(token) + " " + Printable.excerpt(text);
    }

    private void fillAbsent(DayRows rows) {
        for (int c = 0; c < seen.length; c++) {
            if (seen[c]) {
                continue;
            }
            ColumnSpec column = columns.get(c);
            if (column.source() == ColumnSpec.Source.TIMESTAMP_DATE) {
                continue; // after the loop: it reads the timestamp column, which this loop may fill
            }
            if (column.fromRequestDate()) {
                rows.setInt(c, requestDate);
            } else if (column.source() == ColumnSpec.Source.REQUEST_TICKER) {
                if (requestTicker == null) {
                    fail("required", "column " + column.name()
                            + " is the request's ticker, and the request named none");
                    rows.setNull(c);
                } else {
                    rows.setString(c, requestTicker);
                }
            } else if (column.defaultValue() != null) {
                rows.setValue(c, column.defaultValue());
            } else {
                if (column.required()) {
                    fail("required", "required field '" + column.sourceField() + "' (" + column.name() + ") is "
                            + (present[c] ? "null" : "missing"));
                }
                rows.setNull(c);
            }
        }
        for (int c = 0; c < seen.length; c++) {
            if (columns.get(c).source() == ColumnSpec.Source.TIMESTAMP_DATE) {
                if (rows.pendingIsNull(timestampColumn)) {
                    fail("required", "column " + columns.get(c).name() + " is the date of "
                            + columns.get(timestampColumn).name() + ", which the record lacks");
                    rows.setNull(c);
                } else { // Polygon's day bars start at midnight New York time: their date there is the trading date
                    rows.setInt(c, (int) Instant.ofEpochMilli(rows.pendingLong(timestampColumn))
                            .atZone(NyseCalendar.ZONE)
                            .toLocalDate().toEpochDay());
                }
            }
        }
    }

    /** Keeps the first problem found in a record. */
    private void fail(String rule, String message) {
        if (problem == null) {
            problemRule = rule;
            problem = message;
        }
    }

    /** The index of the first surrogate that is not half of a pair in {@code text}, or -1. */
    static int loneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "missing (end of input)";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }
}
