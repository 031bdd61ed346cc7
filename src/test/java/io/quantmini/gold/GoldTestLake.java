package io.quantmini.gold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantmini.GroupedDailyResult;
import io.quantmini.bronze.BronzeDayWriter;
import io.quantmini.bronze.DatasetSchema;
import io.quantmini.lake.LakeLayout;
import io.quantmini.landing.LandingPage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/** Writes bronze day files through the real bronze writer, from bars or grouped-daily bodies. */
final class GoldTestLake {

    static final String DATASET = "stocks_daily";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final DatasetSchema SCHEMA = DatasetSchema.load(Paths.get("config/datasets/stocks_daily.yaml"));

    final LakeLayout lake;
    private final BronzeDayWriter writer;

    GoldTestLake(Path root) {
        this.lake = new LakeLayout(root);
        this.writer = new BronzeDayWriter(lake, SCHEMA);
    }

    static Map<String, Object> bar(String ticker, double close) {
        return bar(ticker, close, close * 0.99, close * 1.02, close * 0.97, 1000 + close);
    }

    static Map<String, Object> bar(String ticker, double close, double open, double high, double low, double volume) {
        return GroupedDailyResult.of(ticker, open, high, low, close, volume, 7);
    }

    void day(LocalDate date, List<Map<String, Object>> bars) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("adjusted", true);
        body.set("results", JSON.valueToTree(bars));
        body.put("status", "OK");
        body(date, JSON.writeValueAsBytes(body));
    }

    void body(LocalDate date, byte[] body) throws IOException {
        Path landing = lake.landingDay(DATASET, date).resolve("req-" + date + ".json");
        writer.write(date, List.of(new LandingPage("req-" + date, landing, body)));
    }

    /** The grouped-daily body without the results {@code drop} rejects (ticker, day). */
    static byte[] without(byte[] body, LocalDate day, BiPredicate<String, LocalDate> drop) throws IOException {
        JsonNode root = JSON.readTree(body);
        ArrayNode kept = JSON.createArrayNode();
        for (JsonNode result : root.path("results")) {
            if (!drop.test(result.path("T").asText(), day)) {
                kept.add(result);
            }
        }
        ((ObjectNode) root).set("results", kept);
        if (root.has("resultsCount")) {
            ((ObjectNode) root).put("resultsCount", kept.size());
        }
        return JSON.writeValueAsBytes(root);
    }

    QlibGoldStage stage(SplitFactors splits) {
        return new QlibGoldStage(lake, DATASET, splits, 2);
    }

    /** A stage whose full builds read {@code fullBuildDays} calendar days at a time. */
    QlibGoldStage stage(SplitFactors splits, int fullBuildDays) {
        return new QlibGoldStage(lake, DATASET, splits, 2, fullBuildDays);
    }

    /** A stage whose rewrites read symbols in slices of about {@code sliceRows} rows. */
    QlibGoldStage stageWithRewriteSlices(SplitFactors splits, long sliceRows) {
        return new QlibGoldStage(lake, DATASET, splits, 2, QlibGoldStage.FULL_BUILD_DAYS, sliceRows);
    }

    QlibReader gold() throws IOException {
        return new QlibReader(lake.goldQlib());
    }

    /** Every file under gold/qlib except the manifest (its stamps name this lake's files), with its bytes. */
    static TreeMap<String, byte[]> goldFiles(Path goldLink) throws IOException {
        Path goldRoot = goldLink.toRealPath(); // gold/qlib is a link: walk what it points to
        TreeMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(goldRoot)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isRegularFile(path) && !path.getFileName().toString().equals("_manifest.json")) {
                    files.put(goldRoot.relativize(path).toString(), Files.readAllBytes(path));
                }
            }
        }
        if (files.isEmpty()) {
            throw new AssertionError("no gold files under " + goldLink);
        }
        return files;
    }
}
