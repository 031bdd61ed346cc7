package io.quantmini.bronze;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.quantmini.json.AsciiJson;
import io.quantmini.landing.LandingPage;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the records of one landing page into {@link DayRows}: no tree, one pass, values go straight into
 * primitive arrays. A page is first read with {@link AsciiJson}, a byte-level cursor that handles the common
 * case (plain ASCII, well-typed values) several times faster than Jackson; when it declines (an escape, a
 * non-ASCII byte, a value of the wrong type, anything malformed) the rows it added are dropped and the page is
 * read again with Jackson's streaming parser, which decides values, rejects and error messages exactly as before. A record with a missing required field or a value
 * of the wrong type becomes a {@link Reject}; a body of the wrong shape throws {@link BronzeFormatException}.
 * One instance per day (it keeps per-record scratch state).
 */
final class PageDecoder {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
    private static final double MAX_EXACT_LONG = 9.007199254740992E15; // 2^53

    private final DatasetSchema schema;
    private final List<ColumnSpec> columns;
    private final Map<String, Integer> columnByField = new HashMap<>();
    /** Source field names as ASCII bytes, by column (null for a column not read from a field). */
    private final byte[][] fieldBytes;
    private final byte[] recordsFieldBytes;
    private final ColumnType[] types;
    /**
     * Records of a page list their fields in the same order: {@code follows[0]} is the column of the first field
     * seen last time, {@code follows[c + 1]} the column that followed column {@code c}. The name lookup tries it first.
     */
    private final int[] follows;
    private final boolean[] seen;
    private final int requestDate;
    private String problemRule;
    private String problem;

    PageDecoder(DatasetSchema schema, LocalDate requestDate) {
        this.schema = schema;
        this.columns = schema.columns();
        this.requestDate = (int) requestDate.toEpochDay();
        this.seen = new boolean[columns.size()];
        this.fieldBytes = new byte[columns.size()][];
        this.types = new ColumnType[columns.size()];
        this.follows = new int[columns.size() + 1];
        for (int c = 0; c < columns.size(); c++) {
            types[c] = columns.get(c).type();
            String field = columns.get(c).sourceField();
            if (field != null) {
                columnByField.put(field, c);
            }
        }
        boolean allAscii = true;
        for (Map.Entry<String, Integer> field : columnByField.entrySet()) {
            fieldBytes[field.getValue()] = asciiOrNull(field.getKey());
            allAscii &= fieldBytes[field.getValue()] != null;
        }
        // A field name the fast path cannot match byte for byte would be skipped there: Jackson only, then.
        this.recordsFieldBytes = allAscii ? asciiOrNull(schema.recordsField()) : null;
    }

    private static byte[] asciiOrNull(String name) {
        return name.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\')
                ? name.getBytes(java.nio.charset.StandardCharsets.US_ASCII) : null;
    }

    void decode(LandingPage page, int pageIndex, DayRows rows, List<Reject> rejects) {
        int rowsBefore = rows.size();
        int rejectsBefore = rejects.size();
        if (recordsFieldBytes != null) {
            try {
                decodeFast(new AsciiJson(page.body()), pageIndex, rows, rejects);
                return;
            } catch (AsciiJson.Unsupported declined) {
                rows.truncate(rowsBefore);
                rejects.subList(rejectsBefore, rejects.size()).clear();
            }
        }
        decodeWithJackson(page, pageIndex, rows, rejects);
    }

    /** Whether the fast path decodes {@code body} itself (for tests). */
    static boolean fastPathAccepts(DatasetSchema schema, byte[] body) {
        PageDecoder decoder = new PageDecoder(schema, LocalDate.EPOCH);
        try {
            decoder.decodeFast(new AsciiJson(body), 0, new DayRows(schema.columns(), 16), new java.util.ArrayList<>());
            return true;
        } catch (AsciiJson.Unsupported declined) {
            return false;
        }
    }

    // --- fast path: declines (AsciiJson.Unsupported) on anything it would not decode exactly as Jackson does ---

    private void decodeFast(AsciiJson in, int pageIndex, DayRows rows, List<Reject> rejects) {
        in.expect('{');
        if (!in.empty('}')) {
            do {
                in.name();
                if (!in.stringEquals(recordsFieldBytes)) {
                    in.skipValue();
                } else if (!in.nullLiteral()) {
                    in.expect('[');
                    if (!in.empty(']')) {
                        do {
                            decodeRecordFast(in, pageIndex, rows, rejects);
                        } while (in.more(']'));
                    }
                }
            } while (in.more('}'));
        }
        if (!in.atEnd()) {
            throw AsciiJson.unsupported();
        }
    }

    private void decodeRecordFast(AsciiJson in, int pageIndex, DayRows rows, List<Reject> rejects) {
        if (in.peek() != '{') {
            throw AsciiJson.unsupported();
        }
        int start = in.position();
        in.expect('{');
        rows.beginRow();
        Arrays.fill(seen, false);
        problemRule = null;
        problem = null;
        int previous = 0; // slot in `follows`: 0 before the first field, col + 1 after column col
        if (!in.empty('}')) {
            do {
                in.name();
                int col = findColumn(in, follows[previous]);
                if (col < 0) {
                    in.skipValue();
                    continue;
                }
                follows[previous] = col;
                previous = col + 1;
                if (in.nullLiteral()) {
                    continue;
                }
                seen[col] = true;
                decodeValueFast(in, col, rows);
            } while (in.more('}'));
        }
        int end = in.position();
        fillAbsent(rows);
        if (problem == null) {
            rows.commitRow(pageIndex, start, end);
        } else {
            rejects.add(new Reject(new SourceRef(pageIndex, start, end), problemRule, problem));
        }
    }

    private int findColumn(AsciiJson in, int guess) {
        int n = fieldBytes.length;
        for (int k = 0; k < n; k++) {
            int c = guess + k < n ? guess + k : guess + k - n;
            byte[] name = fieldBytes[c];
            if (name != null && in.stringEquals(name)) {
                return c;
            }
        }
        return -1;
    }

    private void decodeValueFast(AsciiJson in, int col, DayRows rows) {
        switch (types[col]) {
            case DOUBLE -> {
                if (!in.atNumber()) {
                    throw AsciiJson.unsupported();
                }
                in.number();
                double v = in.doubleValue();
                if (!Double.isFinite(v)) {
                    throw AsciiJson.unsupported();
                }
                rows.setDouble(col, v);
            }
            case LONG, TIMESTAMP_MILLIS -> {
                if (!in.atNumber()) {
                    throw AsciiJson.unsupported();
                }
                in.number();
                if (in.integral()) {
                    rows.setLong(col, in.longValue());
                } else {
                    double v = in.doubleValue();
                    if (v != Math.rint(v) || Math.abs(v) > MAX_EXACT_LONG) {
                        throw AsciiJson.unsupported();
                    }
                    rows.setLong(col, (long) v);
                }
            }
            case STRING -> {
                in.string();
                if (in.stringEnd() == in.stringStart()) {
                    throw AsciiJson.unsupported(); // empty: Jackson's path words the reject
                }
                rows.setString(col, in.stringValue());
            }
            case BOOLEAN -> rows.setBoolean(col, in.bool());
            case DATE -> {
                in.string();
                try {
                    rows.setInt(col, (int) LocalDate.parse(in.stringValue()).toEpochDay());
                } catch (DateTimeParseException e) {
                    throw AsciiJson.unsupported();
                }
            }
        }
    }

    // --- Jackson: every input, every message ---

    /** The Jackson-only path (package-private so a test can compare the fast path with it). */
    void decodeWithJackson(LandingPage page, int pageIndex, DayRows rows, List<Reject> rejects) {
        try (JsonParser p = JSON.createParser(page.body())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BronzeFormatException(page.file(), "expected a JSON object, got " + p.currentToken());
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!name.equals(schema.recordsField())) {
                    p.skipChildren();
                } else if (value == JsonToken.START_ARRAY) {
                    decodeRecords(p, page, pageIndex, rows, rejects);
                } else if (value != JsonToken.VALUE_NULL) {
                    throw new BronzeFormatException(page.file(),
                            "\"" + name + "\" is " + describe(value) + ", expected an array of records");
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new BronzeFormatException(page.file(), "unexpected content after the response object");
            }
        } catch (JsonProcessingException e) {
            throw new BronzeFormatException(page.file(), "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            // a byte[] source has no I/O of its own
            throw new BronzeFormatException(page.file(), "cannot read body: " + e, e);
        }
    }

    private void decodeRecords(JsonParser p, LandingPage page, int pageIndex, DayRows rows, List<Reject> rejects)
            throws IOException {
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                throw new BronzeFormatException(page.file(),
                        "\"" + schema.recordsField() + "\" holds " + describe(token) + ", expected only objects");
            }
            int start = (int) p.currentTokenLocation().getByteOffset();
            rows.beginRow();
            Arrays.fill(seen, false);
            problemRule = null;
            problem = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                Integer col = columnByField.get(p.currentName());
                JsonToken value = p.nextToken();
                if (col == null) {
                    p.skipChildren();
                } else if (value != JsonToken.VALUE_NULL) {
                    seen[col] = true;
                    decodeValue(p, value, col, rows);
                }
            }
            int end = (int) p.currentLocation().getByteOffset();
            fillAbsent(rows);
            if (problem == null) {
                rows.commitRow(pageIndex, start, end);
            } else {
                rejects.add(new Reject(new SourceRef(pageIndex, start, end), problemRule, problem));
            }
        }
    }

    private void decodeValue(JsonParser p, JsonToken token, int col, DayRows rows) throws IOException {
        ColumnSpec column = columns.get(col);
        switch (column.type()) {
            case DOUBLE -> {
                if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
                    double v = p.getDoubleValue();
                    if (Double.isFinite(v)) {
                        rows.setDouble(col, v);
                        return;
                    }
                }
            }
            case LONG, TIMESTAMP_MILLIS -> {
                if (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    rows.setLong(col, p.getLongValue());
                    return;
                }
                if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                    // Accept an integral float such as 96.0; anything with a fraction is not a long.
                    double v = p.getDoubleValue();
                    if (v == Math.rint(v) && Math.abs(v) <= MAX_EXACT_LONG) {
                        rows.setLong(col, (long) v);
                        return;
                    }
                }
            }
            case STRING -> {
                if (token == JsonToken.VALUE_STRING) {
                    String v = p.getText();
                    if (v.isEmpty() && column.required()) {
                        fail("required", "field '" + column.sourceField() + "' (" + column.name() + ") is empty");
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
        }
        String got = token.isStructStart() ? describe(token) : describe(token) + " " + p.getText();
        p.skipChildren();
        fail("type", "field '" + column.sourceField() + "' (" + column.name() + ") must be "
                + column.type().yamlName() + ", got " + got);
    }

    private void fillAbsent(DayRows rows) {
        for (int c = 0; c < seen.length; c++) {
            if (seen[c]) {
                continue;
            }
            ColumnSpec column = columns.get(c);
            if (column.fromRequestDate()) {
                rows.setInt(c, requestDate);
            } else if (column.defaultValue() != null) {
                rows.setValue(c, column.defaultValue());
            } else {
                if (column.required()) {
                    fail("required", "required field '" + column.sourceField() + "' (" + column.name() + ") is missing");
                }
                rows.setNull(c);
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
