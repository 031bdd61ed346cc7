package io.quantmini.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantmini.bronze.BronzeReader;
import io.quantmini.ingest.TestApp;
import io.quantmini.replay.ReplayResponse;
import io.quantmini.replay.ReplayServer;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped news schema, edited as an operator would: its publisher is an object inside each record, a column
 * reads {@code field: publisher.name}, and {@code data ingest} writes it to bronze. A record whose publisher is not an
 * object, or lacks a required field inside it, is rejected with its reason; a dotted field with an empty part stops
 * start-up, naming the file and the column.
 */
class OperatorAddsNestedFieldsTest {

    /** The shipped news schema with the publisher's name required. */
    private static final String SCHEMA = shippedNewsSchema().replace("field: publisher.name,         type: string}",
            "field: publisher.name,         type: string, required: true}");

    /** Polygon's own answer (the Python client's captured mock): one article, published 2022-04-28. */
    private static final Path CAPTURED = Path.of("src/test/resources/polygon-fixtures/captured/v2/reference/"
            + "news__ticker_NFLX.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final CliRun cli = new CliRun();

    @Test
    void aColumnReadsAFieldInsideTheRecordsObject() throws Exception {
        assertTrue(SCHEMA.contains("publisher.name,         type: string, required: true}"), SCHEMA);
        Path config = temp.resolve("config");
        TestApp.copyOfConfig(config);
        Path schema = config.resolve("datasets").resolve("news.yaml");
        Files.writeString(schema, SCHEMA.replace("field: publisher.name,", "field: publisher.,"));
        Path lake = temp.resolve("lake");

        try (ReplayServer polygon = ReplayServer.start(this::news, 0)) {
            TestApp.edit(config.resolve("quantmini.properties"), "https://api.polygon.io", polygon.baseUrl());
            String[] ingest = {"data", "ingest", "-t", "news", "-s", "2022-04-28", "-e", "2022-04-28", "--routes-dir",
                TestApp.ROUTES_DIR.toString(), "--config-dir", config.toString(), "--data-root", lake.toString()};

            assertEquals(2, cli.run(ingest), cli.err.toString());
            assertTrue(cli.err.toString().contains(schema + ": columns[9] ('publisher_name').field: 'publisher.': a dot"
                    + " separates an object's name from a field inside it"), cli.err.toString());
            assertEquals(0, polygon.requestCount(), "a refused start-up asks Polygon nothing");

            Files.writeString(schema, SCHEMA);
            cli.err.getBuffer().setLength(0);
            assertEquals(0, cli.run(ingest), cli.err.toString());
            assertTrue(cli.out.toString().contains("written=1 unchanged=0 empty=0 failed=0 not_started=0 rows=1"
                    + " rejects=2 "), cli.out.toString());

            List<GenericRecord> news = BronzeReader.readAll(
                    lake.resolve("bronze/news/year=2022/month=04/2022-04-28.parquet"));
            assertEquals(1, news.size(), news.toString());
            GenericRecord article = news.get(0);
            assertEquals("JeJEhAVoKaqJ2zF9nzQYMg07UlEeWlis6Dsop33TPQY", article.get("id").toString());
            assertEquals("MarketWatch", article.get("publisher_name").toString());
            assertEquals("https://www.marketwatch.com/", article.get("publisher_homepage_url").toString());

            List<String> rejects = Files.readAllLines(
                    lake.resolve("bronze/_rejects/news/year=2022/month=04/2022-04-28.jsonl"));
            assertEquals(2, rejects.size(), rejects.toString());
            JsonNode flat = JSON.readTree(rejects.get(0));
            assertEquals("type", flat.get("rule").asText());
            assertEquals("field 'publisher' must be an object (for publisher.name, publisher.homepage_url), got a"
                    + " string \"Zacks\"", flat.get("message").asText());
            assertEquals("FLAT", flat.get("record").get("id").asText());
            JsonNode none = JSON.readTree(rejects.get(1));
            assertEquals("required", none.get("rule").asText());
            assertEquals("required field 'publisher.name' (publisher_name) is missing", none.get("message").asText());
            assertEquals("NO_PUBLISHER", none.get("record").get("id").asText());
        }
    }

    /**
     * 2022-04-28's news: the captured article; one whose publisher is a name, not an object; one with a null one.
     */
    private ReplayResponse news(String path, Map<String, String> query, String baseUrl) {
        if (!path.equals("/v2/reference/news") || !"2022-04-29T04:00:00Z".equals(query.get("published_utc.lt"))) {
            return ReplayResponse.notFound(path);
        }
        try {
            return OperatorAddsADatasetTest.page(List.of(JSON.readTree(CAPTURED.toFile()).get("results").get(0),
                    JSON.readTree("{\"id\": \"FLAT\", \"publisher\": \"Zacks\", \"title\": \"t\","
                            + " \"published_utc\": \"2022-04-28T12:00:00Z\"}"),
                    JSON.readTree("{\"id\": \"NO_PUBLISHER\", \"publisher\": null, \"title\": \"t\","
                            + " \"published_utc\": \"2022-04-28T13:00:00Z\"}")), null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String shippedNewsSchema() {
        try {
            return Files.readString(Path.of("config/datasets/news.yaml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
