package io.quantmini.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantmini.bronze.BronzeReader;
import io.quantmini.cli.QuantMini;
import io.quantmini.ingest.TestApp;
import io.quantmini.replay.ReplayResponse;
import io.quantmini.replay.ReplayServer;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator adds Polygon's news, whose publisher is an object inside each record, as YAML only: a column reads
 * {@code field: publisher.name}, and {@code data ingest} writes it to bronze. A record whose publisher is not an
 * object, or lacks a required field inside it, is rejected with its reason; a dotted field with an empty part stops
 * start-up, naming the file and the column.
 */
class OperatorAddsNestedFieldsTest {

    private static final String ROUTE = """
            - templatedRoute:
                routeTemplateRef: polygon-fetch
                routeId: news-fetch
                parameters:
                  - name: dataset
                    value: news
                  - name: path
                    value: /v2/reference/news
                  - name: query
                    value: published_utc.gte={since}&published_utc.lte={date}&limit=1000

            - templatedRoute:
                routeTemplateRef: bronze-write
                routeId: news-bronze
                parameters:
                  - name: dataset
                    value: news

            - route:
                id: news-ingest
                from:
                  uri: direct:ingest-news
                  steps:
                    - bean:
                        ref: ingestPlanner
                        method: plan
                    - split:
                        expression:
                          simple:
                            expression: "${body}"
                        parallelProcessing: true
                        streaming: true
                        executorService: polygonPool
                        aggregationStrategy: dayOutcomes
                        steps:
                          - to:
                              uri: direct:news-fetch
                          - to:
                              uri: direct:news-bronze
            """;

    private static final String SCHEMA = """
            dataset: news
            schema_version: 1
            records: results
            columns:
              - {name: id,                 field: id,                     type: string, required: true}
              - {name: date,               from: request_date,            type: date}
              - {name: publisher_name,     field: publisher.name,         type: string, required: true}
              - {name: publisher_homepage, field: publisher.homepage_url, type: string}
              - {name: title,              field: title,                  type: string}
              - {name: published_utc,      field: published_utc,          type: string, required: true}
            key: [id]
            rules:
              - unique_key
            """;

    /** Polygon's own answer (the Python client's captured mock): one article, published 2022-04-28. */
    private static final Path CAPTURED = Path.of("src/test/resources/polygon-fixtures/captured/v2/reference/"
            + "news__ticker_NFLX.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aColumnReadsAFieldInsideTheRecordsObject() throws Exception {
        Path routes = temp.resolve("routes");
        Path config = temp.resolve("config");
        TestApp.copyTree(TestApp.ROUTES_DIR, routes);
        TestApp.copyOfConfig(config);
        Files.writeString(routes.resolve("news.camel.yaml"), ROUTE);
        Path schema = config.resolve("datasets").resolve("news.yaml");
        Files.writeString(schema, SCHEMA.replace("field: publisher.name,", "field: publisher.,"));
        Path lake = temp.resolve("lake");

        try (ReplayServer polygon = ReplayServer.start(this::news, 0)) {
            TestApp.edit(config.resolve("quantmini.properties"), "https://api.polygon.io", polygon.baseUrl());
            String[] ingest = {"data", "ingest", "-t", "news", "-s", "2022-04-28", "-e", "2022-04-28", "--routes-dir",
                routes.toString(), "--config-dir", config.toString(), "--data-root", lake.toString()};

            assertEquals(2, run(ingest), err.toString());
            assertTrue(err.toString().contains(schema + ": columns[2] ('publisher_name').field: 'publisher.': a dot"
                    + " separates an object's name from a field inside it"), err.toString());
            assertEquals(0, polygon.requestCount(), "a refused start-up asks Polygon nothing");

            Files.writeString(schema, SCHEMA);
            err.getBuffer().setLength(0);
            assertEquals(0, run(ingest), err.toString());
            assertTrue(out.toString().contains("written=1 unchanged=0 empty=0 failed=0 not_started=0 rows=1"
                    + " rejects=2 "), out.toString());

            List<GenericRecord> news = BronzeReader.readAll(
                    lake.resolve("bronze/news/year=2022/month=04/2022-04-28.parquet"));
            assertEquals(1, news.size(), news.toString());
            GenericRecord article = news.get(0);
            assertEquals("JeJEhAVoKaqJ2zF9nzQYMg07UlEeWlis6Dsop33TPQY", article.get("id").toString());
            assertEquals("MarketWatch", article.get("publisher_name").toString());
            assertEquals("https://www.marketwatch.com/", article.get("publisher_homepage").toString());
            assertEquals("2022-04-28T17:08:00Z", article.get("published_utc").toString());

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
        if (!path.equals("/v2/reference/news") || !"2022-04-28".equals(query.get("published_utc.lte"))) {
            return ReplayResponse.notFound(path);
        }
        try {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode results = body.putArray("results");
            results.add(JSON.readTree(CAPTURED.toFile()).get("results").get(0));
            results.add(JSON.readTree("{\"id\": \"FLAT\", \"publisher\": \"Zacks\", \"title\": \"t\","
                    + " \"published_utc\": \"2022-04-28T12:00:00Z\"}"));
            results.add(JSON.readTree("{\"id\": \"NO_PUBLISHER\", \"publisher\": null, \"title\": \"t\","
                    + " \"published_utc\": \"2022-04-28T13:00:00Z\"}"));
            body.put("status", "OK");
            body.put("request_id", "r");
            return ReplayResponse.ok(body.toString().getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private int run(String... args) {
        CommandLine cli = QuantMini.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
