package io.quantmini.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantmini.bronze.BronzeReader;
import io.quantmini.ingest.TestApp;
import io.quantmini.replay.ReplayResponse;
import io.quantmini.replay.ReplayServer;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's promise ("Adding or changing an endpoint (no recompiling)"): an operator adds a dataset, Polygon's
 * dividends, by writing two YAML files beside a copy of the shipped routes and config, and {@code data ingest} fetches
 * it: pages of a {@code next_url} chain, typed columns, a rejected record with its reason, and an
 * {@code --incremental} re-run that asks nothing again. No Java of the product knows the dataset.
 */
class OperatorAddsADatasetTest {

    private static final String ROUTE = """
            # dividends: Polygon's cash dividends, one request per trading day, by ex-dividend date: those since the
            # previous session ({since}) up to the day ({date}), so that one dated on a holiday comes with the next day.
            - templatedRoute:
                routeTemplateRef: polygon-fetch
                routeId: dividends-fetch
                parameters:
                  - name: dataset
                    value: dividends
                  - name: path
                    value: /v3/reference/dividends
                  - name: query
                    value: ex_dividend_date.gte={since}&ex_dividend_date.lte={date}&limit=1000

            - templatedRoute:
                routeTemplateRef: bronze-write
                routeId: dividends-bronze
                parameters:
                  - name: dataset
                    value: dividends

            - route:
                id: dividends-ingest
                from:
                  uri: direct:ingest-dividends
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
                              uri: direct:dividends-fetch
                          - to:
                              uri: direct:dividends-bronze
            """;

    private static final String SCHEMA = """
            # GET /v3/reference/dividends?ex_dividend_date.gte={since}&ex_dividend_date.lte={date}&limit=1000
            dataset: dividends
            schema_version: 1
            records: results

            columns:
              - {name: ticker,           field: ticker,           type: string, required: true}
              - {name: date,             from: request_date,      type: date}
              - {name: ex_dividend_date, field: ex_dividend_date, type: date,   required: true}
              - {name: cash_amount,      field: cash_amount,      type: double, required: true}
              - {name: currency,         field: currency,         type: string}
              - {name: declaration_date, field: declaration_date, type: date}
              - {name: dividend_type,    field: dividend_type,    type: string, required: true}
              - {name: frequency,        field: frequency,        type: long}
              - {name: pay_date,         field: pay_date,         type: date}
              - {name: record_date,      field: record_date,      type: date}
              - {name: id,               field: id,               type: string}

            key: [ticker, ex_dividend_date, dividend_type]

            rules:
              - non_negative: [cash_amount]
              - in_request_window: [ex_dividend_date]
              - unique_key
            """;

    /** Polygon's own answer (the Python client's captured mock): one of its records is 2024-03-14's. */
    private static final Path CAPTURED = Path.of("src/test/resources/polygon-fixtures/captured/v3/reference/"
            + "dividends.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final CliRun cli = new CliRun();

    @Test
    void dividendsAddedAsYamlAreIngestedTypedPagedAndIncrementally() throws Exception {
        Path routes = temp.resolve("routes");
        Path config = temp.resolve("config");
        operatorsCopy(routes, config);
        Files.writeString(config.resolve("datasets").resolve("dividends.yaml"), SCHEMA);
        Path lake = temp.resolve("lake");

        try (ReplayServer polygon = ReplayServer.start(this::dividends, 0)) {
            TestApp.edit(config.resolve("quantmini.properties"), "https://api.polygon.io", polygon.baseUrl());
            String[] ingest = ingestDividends("2024-03-12", "2024-03-14", routes, config, lake);

            assertEquals(0, cli.run(ingest), cli.err.toString());
            assertTrue(cli.out.toString().contains("dates requested=3 skipped=0 written=3 unchanged=0 empty=0 failed=0"
                    + " not_started=0 rows=3 rejects=1 requests=4 "), cli.out.toString());

            Path month = lake.resolve("bronze/dividends/year=2024/month=03");
            assertEquals(List.of(), BronzeReader.readAll(month.resolve("2024-03-12.parquet")),
                    "a day without dividends is a file of no rows, so that it is not asked for again");

            List<GenericRecord> paged = BronzeReader.readAll(month.resolve("2024-03-13.parquet"));
            assertEquals(List.of("KO", "PEP"), paged.stream().map(r -> r.get("ticker").toString()).toList(),
                    "both pages of the next_url chain, sorted by the key");
            GenericRecord ko = paged.get(0);
            assertEquals(LocalDate.parse("2024-03-13"), ko.get("date"));
            assertEquals(LocalDate.parse("2024-03-13"), ko.get("ex_dividend_date"));
            assertEquals(0.485, ko.get("cash_amount"));
            assertEquals("USD", ko.get("currency").toString());
            assertEquals(LocalDate.parse("2024-02-15"), ko.get("declaration_date"));
            assertEquals(LocalDate.parse("2024-04-01"), ko.get("pay_date"));
            assertEquals(LocalDate.parse("2024-03-14"), ko.get("record_date"));
            assertEquals(4L, ko.get("frequency"));
            assertEquals("E8f3f", ko.get("id").toString());
            assertEquals(1.0, paged.get(1).get("cash_amount"), "a whole amount, sent as 1, is a double too");
            assertEquals(12L, paged.get(1).get("frequency"));

            List<GenericRecord> captured = BronzeReader.readAll(month.resolve("2024-03-14.parquet"));
            assertEquals(1, captured.size(), captured.toString());
            GenericRecord cssen = captured.get(0);
            assertEquals("CSSEN", cssen.get("ticker").toString());
            assertEquals(0.59375, cssen.get("cash_amount"));
            assertEquals("CD", cssen.get("dividend_type").toString());
            assertEquals(LocalDate.parse("2020-09-09"), cssen.get("declaration_date"));
            assertEquals(LocalDate.parse("2024-03-31"), cssen.get("pay_date"));
            assertNull(cssen.get("currency"), "the captured answer has no currency: null, not a reject");

            List<String> rejects = Files.readAllLines(
                    lake.resolve("bronze/_rejects/dividends/year=2024/month=03/2024-03-14.jsonl"));
            assertEquals(1, rejects.size(), rejects.toString());
            JsonNode reject = JSON.readTree(rejects.get(0));
            assertEquals("non_negative", reject.get("rule").asText());
            assertEquals("cash_amount must be >= 0, got -0.25", reject.get("message").asText());
            assertEquals("BAD", reject.get("record").get("ticker").asText());

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
     * An operator whose endpoint sends "" for a date it does not have says {@code empty: absent} on that column: the
     * record is kept with the column null. Another column's "" still rejects its record, and the reject says which
     * key reads it as no value; a value the key does not take stops start-up, naming the file and the column.
     */
    @Test
    void anEmptyStringIsNoValueInAColumnThatSaysEmptyAbsent() throws Exception {
        Path routes = temp.resolve("routes");
        Path config = temp.resolve("config");
        operatorsCopy(routes, config);
        Path schema = config.resolve("datasets").resolve("dividends.yaml");
        String payDate = "{name: pay_date,         field: pay_date,         type: date";
        assertTrue(SCHEMA.contains(payDate + "}"));
        Files.writeString(schema, SCHEMA.replace(payDate + "}", payDate + ", empty: none}"));
        Path lake = temp.resolve("lake");

        try (ReplayServer polygon = ReplayServer.start(this::emptyStrings, 0)) {
            TestApp.edit(config.resolve("quantmini.properties"), "https://api.polygon.io", polygon.baseUrl());
            String[] ingest = ingestDividends("2024-03-13", "2024-03-13", routes, config, lake);

            assertEquals(2, cli.run(ingest), cli.err.toString());
            assertTrue(cli.err.toString().contains(schema + ": columns[8] ('pay_date').empty: expected absent ("),
                    cli.err.toString());
            assertTrue(cli.err.toString().contains(") or value ("), cli.err.toString());
            assertEquals(0, polygon.requestCount(), "a refused start-up asks Polygon nothing");

            Files.writeString(schema, SCHEMA.replace(payDate + "}", payDate + ", empty: absent}"));
            cli.err.getBuffer().setLength(0);
            assertEquals(0, cli.run(ingest), cli.err.toString());
            assertTrue(cli.out.toString().contains("written=1 unchanged=0 empty=0 failed=0 not_started=0 rows=1"
                    + " rejects=1 "), cli.out.toString());

            Path month = lake.resolve("bronze/dividends/year=2024/month=03");
            List<GenericRecord> kept = BronzeReader.readAll(month.resolve("2024-03-13.parquet"));
            assertEquals(List.of("KO"), kept.stream().map(r -> r.get("ticker").toString()).toList());
            assertNull(kept.get(0).get("pay_date"), "\"\" in a column with empty: absent is no pay date");
            assertEquals(LocalDate.parse("2024-02-15"), kept.get(0).get("declaration_date"));

            List<String> rejects = Files.readAllLines(
                    lake.resolve("bronze/_rejects/dividends/year=2024/month=03/2024-03-13.jsonl"));
            assertEquals(1, rejects.size(), rejects.toString());
            JsonNode reject = JSON.readTree(rejects.get(0));
            assertEquals("PEP", reject.get("record").get("ticker").asText());
            assertEquals("type", reject.get("rule").asText());
            assertEquals("field 'declaration_date' (declaration_date) must be date, got a string \"\" (an empty"
                    + " string; empty: absent on the column reads it as no value)", reject.get("message").asText());
        }
    }

    /** 2024-03-13's dividends: KO's pay date is "", PEP's declaration date is. */
    private ReplayResponse emptyStrings(String path, Map<String, String> query, String baseUrl) {
        if (!path.equals("/v3/reference/dividends") || !"2024-03-13".equals(query.get("ex_dividend_date.lte"))) {
            return ReplayResponse.notFound(path);
        }
        ObjectNode ko = (ObjectNode) record("KO", "2024-03-13", "0.485", 4);
        ObjectNode pep = (ObjectNode) record("PEP", "2024-03-13", "1", 12);
        return page(List.of(ko.put("pay_date", ""), pep.put("declaration_date", "")), null);
    }

    /**
     * Polygon's dividends by ex-dividend date: 2024-03-12 has none, 2024-03-13 comes in two pages, 2024-03-14 holds
     * the captured answer's record of that date and one with a negative amount.
     */
    private ReplayResponse dividends(String path, Map<String, String> query, String baseUrl) {
        if (!path.equals("/v3/reference/dividends")) {
            return ReplayResponse.notFound(path);
        }
        if ("p2".equals(query.get("cursor"))) {
            return page(List.of(record("PEP", "2024-03-13", "1", 12)), null);
        }
        if (!"1000".equals(query.get("limit"))) {
            return ReplayResponse.notFound(path);
        }
        String day = query.getOrDefault("ex_dividend_date.lte", "");
        if (!day.equals(query.get("ex_dividend_date.gte"))) { // Tuesday to Thursday: since is the day itself
            return ReplayResponse.notFound(path);
        }
        return switch (day) {
            case "2024-03-12" -> page(List.of(), null);
            case "2024-03-13" -> page(List.of(record("KO", day, "0.485", 4)),
                    baseUrl + "/v3/reference/dividends?cursor=p2");
            case "2024-03-14" -> page(List.of(capturedOf(day), record("BAD", day, "-0.25", 4)), null);
            default -> ReplayResponse.notFound(path);
        };
    }

    /** A record in the shape Polygon sends today (the captured answer predates {@code currency} and {@code id}). */
    private static JsonNode record(String ticker, String exDate, String cashAmount, int frequency) {
        try {
            return JSON.readTree("{\"cash_amount\": " + cashAmount + ", \"currency\": \"USD\","
                    + " \"declaration_date\": \"2024-02-15\", \"dividend_type\": \"CD\", \"ex_dividend_date\": \""
                    + exDate + "\", \"frequency\": " + frequency + ", \"id\": \"E8f3f\", \"pay_date\": \"2024-04-01\","
                    + " \"record_date\": \"2024-03-14\", \"ticker\": \"" + ticker + "\"}");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode capturedOf(String exDate) {
        try {
            for (JsonNode record : JSON.readTree(CAPTURED.toFile()).get("results")) {
                if (record.get("ex_dividend_date").asText().equals(exDate)) {
                    return record;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("the captured answer has no dividend on " + exDate);
    }

    /** An answer of Polygon's shape holding {@code records}, with a {@code next_url} unless it is null. */
    static ReplayResponse page(List<JsonNode> records, String nextUrl) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode results = body.putArray("results");
        records.forEach(results::add);
        body.put("status", "OK");
        body.put("request_id", Integer.toHexString(records.hashCode()));
        if (nextUrl != null) {
            body.put("next_url", nextUrl);
        }
        return ReplayResponse.ok(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The shipped routes and config copied to {@code routes} and {@code config}, with the dividends route added. */
    private static void operatorsCopy(Path routes, Path config) throws java.io.IOException {
        TestApp.copyTree(TestApp.ROUTES_DIR, routes);
        TestApp.copyOfConfig(config);
        Files.writeString(routes.resolve("dividends.camel.yaml"), ROUTE);
    }

    private static String[] ingestDividends(String from, String to, Path routes, Path config, Path lake) {
        return new String[] {"data", "ingest", "-t", "dividends", "-s", from, "-e", to,
                "--routes-dir", routes.toString(), "--config-dir", config.toString(), "--data-root", lake.toString()};
    }
}
