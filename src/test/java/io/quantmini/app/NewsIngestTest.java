package io.quantmini.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantmini.bronze.BronzeReader;
import io.quantmini.ingest.TestApp;
import io.quantmini.replay.ReplayResponse;
import io.quantmini.replay.ReplayServer;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.quantmini.app.OperatorAddsADatasetTest.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped news dataset ({@code routes/news.camel.yaml}, {@code config/datasets/news.yaml}), which is YAML only:
 * each trading day asks for the articles published in its window of New York days as UTC times, a weekend's with the
 * Monday across the change to daylight saving time; nested publisher fields, arrays kept as JSON text, an article
 * outside the window rejected with its reason, and an {@code --incremental} re-run that asks nothing again.
 */
class NewsIngestTest {

    /** Polygon's own answer (the Python client's captured mock): one MarketWatch article about four tickers. */
    private static final Path CAPTURED = Path.of("src/test/resources/polygon-fixtures/captured/v2/reference/"
            + "news__ticker_NFLX.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final CliRun cli = new CliRun();

    @Test
    void newsIsIngestedByItsPublicationWindowWithNestedAndArrayFields() throws Exception {
        Path lake = temp.resolve("lake");
        Path config = temp.resolve("config");
        TestApp.copyOfConfig(config);
        try (ReplayServer polygon = ReplayServer.start(this::news, 0)) {
            TestApp.edit(config.resolve("quantmini.properties"), "https://api.polygon.io", polygon.baseUrl());
            String[] ingest = {"data", "ingest", "-t", "news", "-s", "2024-03-08", "-e", "2024-03-12",
                "--routes-dir", TestApp.ROUTES_DIR.toString(), "--config-dir", config.toString(),
                "--data-root", lake.toString()};

            assertEquals(0, cli.run(ingest), cli.err.toString());
            assertTrue(cli.out.toString().contains("dates requested=3 skipped=0 written=3 unchanged=0 empty=0 failed=0"
                    + " not_started=0 rows=3 rejects=1 requests=4 "), cli.out.toString());

            Path month = lake.resolve("bronze/news/year=2024/month=03");
            List<GenericRecord> friday = BronzeReader.readAll(month.resolve("2024-03-08.parquet"));
            assertEquals(1, friday.size(), friday.toString());
            GenericRecord captured = friday.get(0);
            assertEquals("JeJEhAVoKaqJ2zF9nzQYMg07UlEeWlis6Dsop33TPQY", captured.get("id").toString());
            assertEquals(LocalDate.parse("2024-03-08"), captured.get("date"));
            assertEquals(Instant.parse("2024-03-08T17:08:00Z"), captured.get("published_utc"));
            assertEquals("MarketWatch", captured.get("publisher_name").toString(), "publisher.name");
            assertEquals("https://www.marketwatch.com/", captured.get("publisher_homepage_url").toString());
            assertEquals("[\"MSFT\",\"TSN\",\"NFLX\",\"AMZN\"]", BronzeReader.text(captured.get("tickers")));
            assertNull(captured.get("insights"), "the captured article has none");
            assertTrue(captured.get("title").toString().startsWith("Theres a big hole in the Feds theory"));

            List<GenericRecord> monday = BronzeReader.readAll(month.resolve("2024-03-11.parquet"));
            assertEquals(List.of("a-saturday", "b-monday"), monday.stream().map(r -> r.get("id").toString())
                    .toList(), "both pages of the next_url chain, sorted by the key");
            assertEquals("[{\"ticker\":\"AAPL\",\"sentiment\":\"positive\"}]", BronzeReader.text(monday.get(0)
                    .get("insights")));
            assertEquals("[]", BronzeReader.text(monday.get(1).get("tickers")));
            assertNull(monday.get(1).get("publisher_name"), "publisher: null reads as no publisher");

            assertEquals(List.of(), BronzeReader.readAll(month.resolve("2024-03-12.parquet")),
                    "a day without news is a file of no rows, so that it is not asked for again");

            List<String> rejects = Files.readAllLines(
                    lake.resolve("bronze/_rejects/news/year=2024/month=03/2024-03-08.jsonl"));
            assertEquals(1, rejects.size(), rejects.toString());
            JsonNode reject = JSON.readTree(rejects.get(0));
            assertEquals("in_request_window", reject.get("rule").asText());
            assertEquals("field 'published_utc' (published_utc) is on 2024-03-07 (New York), outside the session"
                    + " asked for (2024-03-08)", reject.get("message").asText());

            long asked = polygon.requestCount();
            cli.out.getBuffer().setLength(0);
            String[] incremental = java.util.stream.Stream.concat(java.util.Arrays.stream(ingest),
                    java.util.stream.Stream.of("--incremental")).toArray(String[]::new);
            assertEquals(0, cli.run(incremental), cli.err.toString());
            assertTrue(cli.out.toString().contains("dates requested=0 skipped=3 "), cli.out.toString());
            assertEquals(asked, polygon.requestCount(), "an --incremental re-run asks Polygon nothing");
        }
    }

    /**
     * Polygon's news by publication time. Friday 2024-03-08 holds the captured article (re-dated) and one of Thursday
     * (an answer that ignored its filter); Monday 2024-03-11 asks from Saturday's New York midnight (05:00 UTC, before
     * the clocks changed) to Tuesday's (04:00 UTC, after), in two pages; Tuesday has no news.
     */
    private ReplayResponse news(String path, Map<String, String> query, String baseUrl) {
        if (!path.equals("/v2/reference/news")) {
            return ReplayResponse.notFound(path);
        }
        if ("p2".equals(query.get("cursor"))) {
            return page(List.of(article("b-monday", "2024-03-11T14:30:00Z", "[]", "null", null)), null);
        }
        if (!"1000".equals(query.get("limit")) || !"asc".equals(query.get("order"))
                || !"published_utc".equals(query.get("sort"))) {
            return ReplayResponse.notFound(path);
        }
        String window = query.get("published_utc.gte") + ".." + query.get("published_utc.lt");
        return switch (window) {
            case "2024-03-08T05:00:00Z..2024-03-09T05:00:00Z" -> page(List.of(captured("2024-03-08T17:08:00Z"),
                    article("thursday", "2024-03-07T16:00:00Z", "[\"KO\"]", "null", null)), null);
            case "2024-03-09T05:00:00Z..2024-03-12T04:00:00Z" -> page(List.of(article("a-saturday",
                    "2024-03-09T15:00:00Z", "[\"AAPL\"]", "{\"name\":\"Reuters\"}",
                    "[{\"ticker\":\"AAPL\",\"sentiment\":\"positive\"}]")), baseUrl + "/v2/reference/news?cursor=p2");
            case "2024-03-12T04:00:00Z..2024-03-13T04:00:00Z" -> page(List.of(), null);
            default -> ReplayResponse.notFound(path);
        };
    }

    private static JsonNode article(String id, String published, String tickers, String publisher, String insights) {
        try {
            return JSON.readTree("{\"id\":\"" + id + "\",\"publisher\":" + publisher + ",\"title\":\"t\","
                    + "\"published_utc\":\"" + published + "\",\"tickers\":" + tickers
                    + (insights == null ? "" : ",\"insights\":" + insights) + "}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode captured(String published) {
        try {
            ObjectNode article = (ObjectNode) JSON.readTree(CAPTURED.toFile()).get("results").get(0);
            return article.put("published_utc", published);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
