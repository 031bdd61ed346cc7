package io.quantmini.bronze;

import com.fasterxml.jackson.core.JsonGenerator;
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
 * Renders a day's rejects as JSON lines, in input order, one object per rejected record:
 * {@code dataset, date, rule, message, landing_file, request_id, record} where {@code record} is the
 * record exactly as received, re-serialised on one line.
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
            JsonNode record = JSON.readTree(page.body(), source.start(), source.end() - source.start());
            try (JsonGenerator line = JSON.createGenerator(bytes)) {
                line.writeStartObject();
                line.writeStringField("dataset", dataset);
                line.writeStringField("date", date.toString());
                line.writeStringField("rule", reject.rule());
                line.writeStringField("message", reject.message());
                line.writeStringField("landing_file", sourceFiles.get(source.page()));
                line.writeStringField("request_id", page.requestId());
                line.writeFieldName("record");
                line.writeTree(record);
                line.writeEndObject();
            }
            bytes.write('\n');
        }
        return bytes.toByteArray();
    }
}
