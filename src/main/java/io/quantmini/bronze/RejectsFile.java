package io.quantmini.bronze;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quantmini.landing.LandingPage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The lines of a day's rejects file ({@code bronze/_rejects/<dataset>/...jsonl}), one JSON object per line, of two
 * shapes:
 * <ul>
 *   <li>a record the day's answer gave and a rule rejected ({@link #render}, in input order):
 *       {@code dataset, date, rule, message, landing_file, request_id, record}, where {@code record} is the record
 *       exactly as received, re-serialised on one line;</li>
 *   <li>a bronze row set aside when a split patch found no bar on the new basis for it ({@link #setAsideLine}, rule
 *       {@code split_basis}): {@code dataset, date, rule, message, landing_file, bronze_row}, where
 *       {@code landing_file} lists the per-ticker answers and {@code bronze_row} is the row as bronze held it.</li>
 * </ul>
 */
final class RejectsFile {

    /** Reads what {@link PageDecoder} reads (NaN, Infinity); writes them as strings, so each line stays JSON. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private RejectsFile() {
    }

    static byte[] render(String dataset, LocalDate date, List<Reject> rejects, List<LandingPage> pages,
                         List<String> sourceFiles) throws IOException {
        List<Reject> ordered = new ArrayList<>(rejects);
        ordered.sort(Comparator.comparing(Reject::source));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * ordered.size());
        for (Reject reject : ordered) {
            SourceRef source = reject.source();
            LandingPage page = pages.get(source.page());
            try (JsonGenerator line = JSON.createGenerator(bytes)) {
                line.writeStartObject();
                line.writeStringField("dataset", dataset);
                line.writeStringField("date", date.toString());
                line.writeStringField("rule", reject.rule());
                line.writeStringField("message", reject.message());
                line.writeStringField("landing_file", sourceFiles.get(source.page()));
                line.writeStringField("request_id", page.requestId());
                line.writeFieldName("record");
                copyRecord(page.body(), source, line);
                line.writeEndObject();
            }
            bytes.write('\n');
        }
        return bytes.toByteArray();
    }

    /**
     * The record's bytes in the body as one line of JSON, event by event: every field in its order, a field given twice
     * twice, each number as written ({@code 1e400}, {@code -0.0}, thirty digits: not the nearest double; NaN and
     * Infinity, which are not JSON, as strings).
     */
    private static void copyRecord(byte[] body, SourceRef source, JsonGenerator line) throws IOException {
        try (JsonParser record = JSON.createParser(body, source.start(), source.end() - source.start())) {
            int depth = 0;
            do {
                JsonToken token = record.nextToken();
                if (token == null) {
                    throw new IOException("the record at byte " + source.start() + " ends early");
                }
                depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
                if (token.isNumeric() && !record.isNaN()) {
                    line.writeNumber(record.getText()); // the parser has checked it is a JSON number
                } else {
                    line.copyCurrentEvent(record);
                }
            } while (depth > 0);
        }
    }

    /**
     * What makes a rejects line the same reject: its rule, date and bronze row, not the answer that set it aside (a
     * redo's answer has another landing file); the line itself when it is not JSON.
     */
    static String sameRejectKey(String line) {
        try {
            JsonNode reject = JSON.readTree(line);
            return reject.path("rule").asText() + "|" + reject.path("date").asText() + "|" + reject.path("bronze_row")
                    + "|" + reject.path("record");
        } catch (IOException notJson) {
            return line;
        }
    }

    /** The {@code split_basis} line of a bronze row set aside by a split patch: see the class comment. */
    static String setAsideLine(DatasetSchema schema, LocalDate day, DayRows rows, int row, String ticker,
                               List<String> sourceFiles) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator line = JSON.createGenerator(bytes)) {
            line.writeStartObject();
            line.writeStringField("dataset", schema.name());
            line.writeStringField("date", day.toString());
            line.writeStringField("rule", "split_basis");
            line.writeStringField("message", "the bar of " + ticker + " was fetched before a split took effect, "
                    + "and Polygon's split-adjusted bars of " + ticker + " (" + String.join(",", sourceFiles)
                    + ") have no valid bar on " + day + ": the old-basis bar is set aside");
            line.writeStringField("landing_file", String.join(",", sourceFiles));
            line.writeObjectFieldStart("bronze_row");
            for (int c = 0; c < schema.columns().size(); c++) {
                String name = schema.columns().get(c).name();
                if (rows.isNull(c, row)) {
                    line.writeNullField(name);
                    continue;
                }
                switch (schema.columns().get(c).type()) {
                    case DOUBLE -> line.writeNumberField(name, rows.getDouble(c, row));
                    case LONG, TIMESTAMP_MILLIS -> line.writeNumberField(name, rows.getLong(c, row));
                    case BOOLEAN -> line.writeBooleanField(name, rows.getBoolean(c, row));
                    default -> line.writeStringField(name, rows.format(c, row));
                }
            }
            line.writeEndObject();
            line.writeEndObject();
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
