package io.quantmini.bronze;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantmini.GroupedDailyResult;
import io.quantmini.lake.LakeLayout;
import io.quantmini.landing.LandingPage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Builders for grouped-daily responses and landing pages used by the bronze tests. */
final class TestDays {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path SCHEMA = Paths.get("config/datasets/stocks_daily.yaml");
    static final LocalDate DAY = LocalDate.of(2024, 3, 15);

    private TestDays() {
    }

    static DatasetSchema schema() {
        return DatasetSchema.load(SCHEMA);
    }

    /** A consistent bar with every field Polygon sends. */
    static Map<String, Object> bar(String ticker, double open, double high, double low, double close, double volume) {
        return GroupedDailyResult.of(ticker, open, high, low, close, volume, 42);
    }

    static Map<String, Object> bar(String ticker) {
        return bar(ticker, 10.0, 11.0, 9.0, 10.5, 1000);
    }

    static byte[] response(List<Map<String, Object>> results) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("queryCount", results.size());
        body.put("adjusted", true);
        body.put("results", results);
        body.put("status", "OK");
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores the body under the lake's landing folder, as the fetch stage would, and returns the page. */
    static LandingPage land(LakeLayout lake, LocalDate date, String requestId, byte[] body) throws IOException {
        Path file = lake.landingDay("stocks_daily", date).resolve(requestId + ".json");
        Files.createDirectories(file.getParent());
        Files.write(file, body);
        return new LandingPage(requestId, file, body);
    }

    /** Every regular file under {@code dir}, relative to it, with '/' separators, sorted. */
    static List<String> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }
}
