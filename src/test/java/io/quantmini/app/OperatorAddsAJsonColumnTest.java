package io.quantmini.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantmini.bronze.BronzeReader;
import io.quantmini.ingest.TestApp;
import io.quantmini.lake.ParquetColumns;
import io.quantmini.replay.ReplayResponse;
import io.quantmini.replay.ReplayServer;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator adds Polygon's news, whose records hold arrays and objects, by YAML alone: a {@code type: json} column
 * keeps a field's value as the JSON text the answer holds, byte for byte, in a Parquet column of the JSON logical
 * type; a value that is not JSON (NaN) rejects its record; and a day fetched again compares a required json column by
 * its text, so that only the record whose tickers changed counts as first seen again.
 */
class OperatorAddsAJsonColumnTest {

    /** Its own news schema for the shipped news route: the publisher whole, and published_utc as text. */
    private static final String SCHEMA = """
            dataset: news
            schema_version: 1
            records: results
            columns:
              - {name: id,            field: id,            type: string, required: true}
              - {name: date,          from: request_date,   type: date}
              - {name: published_utc, field: published_utc, type: string, required: true}
              - {name: title,         field: title,         type: string}
              - {name: publisher,     field: publisher,     type: json}
              - {name: tickers,       field: tickers,       type: json,   required: true}
              - {name: keywords,      field: keywords,      type: json}
              - {name: insights,      field: insights,      type: json}
            key: [id]
            rules:
              - unique_key
            """;

    /** Polygon's own answer (the Python client's captured mock), pretty-printed: served as it is. */
    private static final Path CAPTURED = Path.of("src/test/resources/polygon-fixtures/captured/v2/reference/"
            + "news__ticker_NFLX.json");
    private static final String INSIGHTS = "[{\"ticker\": \"NFLX\", \"sentiment\": \"positive\","
            + " \"sentiment_reasoning\": \"Subscribers \\\"grew\\\" 16% \\u2014 caf\u00e9\"}]";
    private static final String ARTICLE_A = "{\"id\":\"A\",\"published_utc\":\"2024-03-14T13:00:00Z\",\"title\":"
            + "\"Netflix\",\"publisher\":{\"name\":\"Benzinga\"},\"tickers\":[\"NFLX\"],\"keywords\":[\"streaming\","
            + " \"earnings\"],\"insights\":" + INSIGHTS + "}";
    private static final String ARTICLE_B = "{\"id\":\"B\",\"published_utc\":\"2024-03-14T15:30:00Z\","
            + "\"tickers\":%s,\"keywords\":null}";
    private static final String NOT_JSON = "{\"id\":\"C\",\"published_utc\":\"2024-03-14T16:00:00Z\","
            + "\"tickers\":[\"AAPL\"],\"keywords\":[1.5, NaN]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final CliRun cli = new CliRun();
    /** B's tickers in 2024-03-14's answer: Polygon corrects them between the two runs. */
    private volatile String tickersOfB = "[\"MSFT\", \"NFLX\"]";

    @Test
    void newsArraysAndObjectsAreKeptAsTheirJsonText() throws Exception {
        Path config = temp.resolve("config");
        TestApp.copyOfConfig(config);
        Files.writeString(config.resolve("datasets").resolve("news.yaml"), SCHEMA);
        Path lake = temp.resolve("lake");

        try (ReplayServer polygon = ReplayServer.start(this::news, 0)) {
            TestApp.edit(config.resolve("quantmini.properties"), "https://api.polygon.io", polygon.baseUrl());
            String[] ingest = {"data", "ingest", "-t", "news", "-s", "2024-03-13", "-e", "2024-03-14",
                    "--routes-dir", TestApp.ROUTES_DIR.toString(), "--config-dir", config.toString(), "--data-root",
                    lake.toString()};

            assertEquals(0, cli.run(ingest), cli.err.toString());
            assertTrue(cli.out.toString().contains("written=2 unchanged=0 empty=0 failed=0 not_started=0 rows=3"
                    + " rejects=1 "), cli.out.toString());

            Path month = lake.resolve("bronze/news/year=2024/month=03");
            String captured = Files.readString(CAPTURED);
            GenericRecord marketWatch = BronzeReader.readAll(month.resolve("2024-03-13.parquet")).get(0);
            assertEquals(valueIn(captured, "\"tickers\": ", '[', ']'), text(marketWatch, "tickers"),
                    "the array as the answer wrote it, its line breaks and indentation included");
            assertTrue(text(marketWatch, "tickers").startsWith("[\n                \"MSFT\","));
            assertEquals(valueIn(captured, "\"publisher\": ", '{', '}'), text(marketWatch, "publisher"));
            assertNull(marketWatch.get("insights"), "the captured answer has no insights: null");

            Path day = month.resolve("2024-03-14.parquet");
            List<GenericRecord> articles = BronzeReader.readAll(day);
            assertEquals(List.of("A", "B"), articles.stream().map(r -> r.get("id").toString()).toList());
            assertEquals(INSIGHTS, text(articles.get(0), "insights"));
            assertEquals("[\"streaming\", \"earnings\"]", text(articles.get(0), "keywords"));
            assertEquals("{\"name\":\"Benzinga\"}", text(articles.get(0), "publisher"));
            assertEquals("[\"MSFT\", \"NFLX\"]", text(articles.get(1), "tickers"));
            assertNull(articles.get(1).get("keywords"), "null is null");
            try (ParquetColumns file = ParquetColumns.open(day)) {
                assertEquals(LogicalTypeAnnotation.jsonType(),
                        file.schema().getType("insights").getLogicalTypeAnnotation());
            }

            List<String> rejects = Files.readAllLines(
                    lake.resolve("bronze/_rejects/news/year=2024/month=03/2024-03-14.jsonl"));
            assertEquals(1, rejects.size(), rejects.toString());
            JsonNode reject = JSON.readTree(rejects.get(0));
            assertEquals("type", reject.get("rule").asText());
            assertEquals("field 'keywords' (keywords) holds NaN, which is not JSON", reject.get("message").asText());
            assertEquals("C", reject.get("record").get("id").asText());

            tickersOfB = "[\"MSFT\"]";
            cli.out.getBuffer().setLength(0);
            String[] again = ingest.clone();
            again[5] = "2024-03-14";
            assertEquals(0, cli.run(again), cli.err.toString());
            assertTrue(cli.out.toString().contains("written=1 unchanged=0 "), cli.out.toString());
            assertEquals("[\"MSFT\"]", text(BronzeReader.readAll(day).get(1), "tickers"));
            JsonNode firstSeen = JSON.readTree(BronzeReader.footerMetadata(day).get("quantmini.first_seen"));
            assertEquals(1, firstSeen.size(), "A is unchanged: " + firstSeen);
            assertEquals("B", firstSeen.get(0).get("key").get("id").asText());
        }
    }

    /** 2024-03-13: the captured answer as it is; 2024-03-14: articles A and B, and C with a NaN among its keywords. */
    private ReplayResponse news(String path, Map<String, String> query, String baseUrl) {
        if (!path.equals("/v2/reference/news")) {
            return ReplayResponse.notFound(path);
        }
        try {
            return switch (query.getOrDefault("published_utc.lt", "")) {
                case "2024-03-14T04:00:00Z" -> ReplayResponse.ok(Files.readAllBytes(CAPTURED));
                case "2024-03-15T04:00:00Z" -> ReplayResponse.ok(("{\"results\":[" + ARTICLE_A + ","
                        + String.format(ARTICLE_B, tickersOfB) + "," + NOT_JSON + "],\"status\":\"OK\","
                        + "\"request_id\":\"r14\"}").getBytes(StandardCharsets.UTF_8));
                default -> ReplayResponse.notFound(path);
            };
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The text of the value after {@code field} in {@code body}: from its {@code open} to the first {@code close}. */
    private static String valueIn(String body, String field, char open, char close) {
        int start = body.indexOf(open, body.indexOf(field));
        return body.substring(start, body.indexOf(close, start) + 1);
    }

    private static String text(GenericRecord record, String column) {
        return BronzeReader.text(record.get(column));
    }
}
