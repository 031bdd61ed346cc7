package io.quantmini.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantmini.bronze.BronzeReader;
import io.quantmini.config.ApiKey;
import io.quantmini.config.QuantMiniConfig;
import io.quantmini.lake.LakeLayout;
import io.quantmini.landing.LandingStore;
import io.quantmini.replay.CapturedResponses;
import io.quantmini.replay.ReplayResponse;
import io.quantmini.replay.ReplayServer;
import io.quantmini.replay.SyntheticMarket;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUPED = "/v2/aggs/grouped/locale/us/market/stocks/";

    @TempDir
    Path lake;

    @Test
    void capturedGroupedDailyLandsInLandingAndBronze() throws Exception {
        LocalDate day = LocalDate.of(2005, 4, 4);
        Path fixtures = Path.of("src/test/resources/polygon-fixtures");
        try (ReplayServer polygon = ReplayServer.start(CapturedResponses.load(fixtures), 0)) {
            IngestRun run = TestApp.ingest(TestApp.config(lake, polygon.baseUrl(), Map.of()),
                    new IngestRequest("stocks_daily", day, day, false));

            assertFalse(run.failed(), () -> String.valueOf(run.failureSummary()));
            assertEquals(1, run.requests());
            Path bronze = new LakeLayout(lake).bronzeDayFile("stocks_daily", day);
            assertEquals(lake.resolve("bronze/stocks_daily/year=2005/month=04/2005-04-04.parquet"), bronze);
            List<GenericRecord> rows = BronzeReader.readAll(bronze);
            assertEquals(1, rows.size());
            GenericRecord gik = rows.get(0);
            assertEquals("GIK", gik.get("ticker").toString());
            assertEquals(9.99, ((Number) gik.get("open")).doubleValue());
            assertEquals(10.02, ((Number) gik.get("close")).doubleValue());
            assertEquals(895345.0, ((Number) gik.get("volume")).doubleValue());
            assertEquals(96L, ((Number) gik.get("transactions")).longValue());

            Path landingDay = new LakeLayout(lake).landingDay("stocks_daily", day);
            byte[] captured = Files.readAllBytes(fixtures.resolve(
                    "captured/v2/aggs/grouped/locale/us/market/stocks/2005-04-04__adjusted_true.json"));
            List<Path> bodies = jsonFiles(landingDay);
            assertEquals(1, bodies.size());
            assertTrue(java.util.Arrays.equals(captured, Files.readAllBytes(bodies.get(0))),
                    "landing keeps the body byte for byte");
            assertEquals(1, polygon.gzipResponses(),
                    "sent in gzip, as Polygon answers our client: landing holds the JSON");
            assertEquals(List.of("gzip, x-gzip"), polygon.acceptEncodingHeaders(), "gzip only (by both its names)");
            JsonNode index = JSON.readTree(Files.readAllLines(landingDay.resolve("_index.jsonl")).get(0));
            assertEquals(GROUPED + "2005-04-04", index.get("path").asText());
            assertEquals("true", index.get("query").get("adjusted").asText());
            assertEquals(200, index.get("status").asInt());
            assertEquals(bodies.get(0).getFileName().toString(), index.get("file").asText());
        }
    }

    @Test
    void syntheticMarketIngestsEveryBarAndIncrementalRerunSendsNothing() throws Exception {
        SyntheticMarket market = new SyntheticMarket(
                new SyntheticMarket.Spec(30, LocalDate.of(2024, 1, 2), LocalDate.of(2024, 2, 29), 7),
                TestApp.calendar());
        try (ReplayServer polygon = ReplayServer.start(market, 0)) {
            QuantMiniConfig config = TestApp.config(lake, polygon.baseUrl(), Map.of());
            IngestRequest request = new IngestRequest("stocks_daily", LocalDate.of(2024, 1, 1),
                    LocalDate.of(2024, 2, 29), true);

            IngestRun first = TestApp.ingest(config, request);

            assertFalse(first.failed(), () -> String.valueOf(first.failureSummary()));
            List<LocalDate> tradingDays = TestApp.calendar().tradingDays(request.start(), request.end());
            assertEquals(tradingDays.size(), first.plannedDays());
            assertEquals(tradingDays.size(), first.written().size());
            long expectedRows = 0;
            for (LocalDate day : tradingDays) {
                JsonNode body = JSON.readTree(market.respond(GROUPED + day, Map.of("adjusted", "true"),
                        polygon.baseUrl()).body());
                int served = body.get("results").size();
                expectedRows += served;
                Path file = new LakeLayout(lake).bronzeDayFile("stocks_daily", day);
                assertEquals(served, BronzeReader.countRows(file), "rows of " + day);
            }
            assertEquals(expectedRows, first.rows());
            assertEquals(0, first.rejects());
            assertTrue(polygon.authorizationHeaders().stream().allMatch(("Bearer " + TestApp.SECRET)::equals),
                    "every request carries the key as a Bearer header");
            assertTrue(polygon.requestLog().stream().noneMatch(line -> line.contains(TestApp.SECRET)));

            long requestsBefore = polygon.requestCount();
            IngestRun second = TestApp.ingest(config, request);

            assertFalse(second.failed());
            assertEquals(0, second.plannedDays());
            assertEquals(tradingDays.size(), second.skippedDays());
            assertEquals(requestsBefore, polygon.requestCount(), "an incremental re-run sends no grouped request");

            // Fetched again (not incremental), the same answers leave every day file as it was, and silver is handed
            // nothing: the files keep their time, which silver and gold go by.
            Map<LocalDate, java.nio.file.attribute.FileTime> stamps = new java.util.TreeMap<>();
            for (LocalDate day : tradingDays) {
                Path file = new LakeLayout(lake).bronzeDayFile("stocks_daily", day);
                java.nio.file.attribute.FileTime stamp = java.nio.file.attribute.FileTime.from(
                        day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
                Files.setLastModifiedTime(file, stamp);
                stamps.put(day, stamp);
            }
            List<Path> handoffs = jsonFiles(lake.resolve("_handoff/silver"));
            IngestRun[] fetchedAgain = new IngestRun[1];
            List<String> plan = io.quantmini.LogCapture.messages(IngestPlanner.class, () -> fetchedAgain[0] =
                    TestApp.ingest(config, new IngestRequest("stocks_daily", request.start(), request.end(), false)));
            IngestRun again = fetchedAgain[0];
            assertTrue(plan.contains("stocks_daily 2024-01-01..2024-02-29: " + tradingDays.size() + " trading days to"
                    + " fetch (" + tradingDays.size() + " of them in bronze, asked again), 0 to patch, 0 already in"
                    + " bronze"), "the plan says the days are asked again: " + plan);
            assertFalse(again.failed(), () -> String.valueOf(again.failureSummary()));
            assertEquals(tradingDays.size(), again.plannedDays());
            assertEquals(tradingDays.size(), again.unchangedDays());
            assertEquals(Map.of(), again.written());
            assertEquals(expectedRows, again.rows());
            for (LocalDate day : tradingDays) {
                assertEquals(stamps.get(day), Files.getLastModifiedTime(new LakeLayout(lake).bronzeDayFile(
                        "stocks_daily", day)), "bronze file of " + day);
            }
            assertNull(again.handoff());
            assertEquals(handoffs, jsonFiles(lake.resolve("_handoff/silver")));
            assertTrue(IngestSummary.of(again).oneLine().contains(" written=0 unchanged=" + tradingDays.size() + " "),
                    IngestSummary.of(again).oneLine());

            // A day file cut short (another tool's crash, a full disk) is fetched again, not counted as in bronze.
            LocalDate cutDay = tradingDays.get(3);
            Path cut = new LakeLayout(lake).bronzeDayFile("stocks_daily", cutDay);
            long rows = BronzeReader.countRows(cut);
            byte[] whole = Files.readAllBytes(cut);
            Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 10));
            IngestRun third = TestApp.ingest(config, request);
            assertFalse(third.failed());
            assertEquals(1, third.plannedDays());
            assertEquals(List.of(cutDay), List.copyOf(third.written().keySet()));
            assertEquals(rows, BronzeReader.countRows(cut));
        }
    }

    @Test
    void followsNextUrlToTheEndOfTheChain() throws Exception {
        LocalDate day = LocalDate.of(2024, 3, 1);
        ScriptedPolygon pages = new ScriptedPolygon((path, query, base) -> {
            String cursor = query.getOrDefault("cursor", "0");
            int page = Integer.parseInt(cursor);
            String next = page < 2 ? ",\"next_url\":\"" + base + GROUPED + day + "?cursor=" + (page + 1) + "\"" : "";
            String body = "{\"status\":\"OK\",\"request_id\":\"r" + page + "\",\"results\":["
                    + bar("P" + page + "A") + "," + bar("P" + page + "B") + "]" + next + "}";
            return ReplayResponse.ok(body.getBytes(StandardCharsets.UTF_8));
        });
        try (ReplayServer polygon = ReplayServer.start(pages, 0)) {
            IngestRun run = TestApp.ingest(TestApp.config(lake, polygon.baseUrl(), Map.of()),
                    new IngestRequest("stocks_daily", day, day, false));

            assertFalse(run.failed(), () -> String.valueOf(run.failureSummary()));
            assertEquals(3, run.requests());
            assertEquals(List.of("GET " + GROUPED + day + "?adjusted=true", "GET " + GROUPED + day + "?cursor=1",
                    "GET " + GROUPED + day + "?cursor=2"), polygon.requestLog());
            List<GenericRecord> rows = BronzeReader.readAll(new LakeLayout(lake).bronzeDayFile("stocks_daily", day));
            assertEquals(List.of("P0A", "P0B", "P1A", "P1B", "P2A", "P2B"),
                    rows.stream().map(r -> r.get("ticker").toString()).sorted().collect(Collectors.toList()));
            Path landingDay = new LakeLayout(lake).landingDay("stocks_daily", day);
            assertEquals(3, jsonFiles(landingDay).size());
            assertEquals(3, Files.readAllLines(landingDay.resolve("_index.jsonl")).size());
        }
    }

    /** Pages 0-2 land, page 3 keeps failing: the day fails, and the index lists the three pages that landed. */
    @Test
    void aChainThatFailsMidwayLeavesItsLandedPagesIndexed() throws Exception {
        LocalDate day = LocalDate.of(2024, 3, 1);
        ScriptedPolygon pages = new ScriptedPolygon((path, query, base) -> {
            int page = Integer.parseInt(query.getOrDefault("cursor", "0"));
            if (page == 3) {
                return ReplayResponse.json(503, "{\"status\":\"ERROR\"}".getBytes(StandardCharsets.UTF_8));
            }
            String body = "{\"status\":\"OK\",\"request_id\":\"r" + page + "\",\"results\":[" + bar("P" + page)
                    + "],\"next_url\":\"" + base + GROUPED + day + "?cursor=" + (page + 1) + "\"}";
            return ReplayResponse.ok(body.getBytes(StandardCharsets.UTF_8));
        });
        try (ReplayServer polygon = ReplayServer.start(pages, 0)) {
            IngestRun run = TestApp.ingest(TestApp.config(lake, polygon.baseUrl(), Map.of()),
                    new IngestRequest("stocks_daily", day, day, false));

            assertTrue(run.failed());
            Path landingDay = new LakeLayout(lake).landingDay("stocks_daily", day);
            List<Path> bodies = jsonFiles(landingDay);
            assertEquals(4, bodies.size(), "three pages and page 3's failed answer: " + bodies);
            assertEquals(1, bodies.stream().filter(f -> f.toString().endsWith(".failed.json")).count());
            List<String> index = Files.readAllLines(landingDay.resolve("_index.jsonl"));
            assertEquals(4, index.size());
            assertTrue(index.get(3).contains("\"status\":503") && index.get(3).contains("\"failure\""), index.get(3));
            assertFalse(Files.exists(new LakeLayout(lake).bronzeDayFile("stocks_daily", day)));
        }
    }

    /**
     * A day fetched again whose chain fails half-way (retries exhausted on its second page) leaves the day's earlier
     * capture whole, byte for byte: the one its bronze file was read from, not a mix of old and new pages. A re-fetch
     * that completes replaces every page.
     */
    @Test
    void aFailedReFetchLeavesTheEarlierCaptureWhole() throws Exception {
        LocalDate day = LocalDate.of(2024, 3, 1);
        java.util.concurrent.atomic.AtomicReference<String> edition =
                new java.util.concurrent.atomic.AtomicReference<>("A");
        java.util.concurrent.atomic.AtomicBoolean secondPageFails = new java.util.concurrent.atomic.AtomicBoolean();
        ScriptedPolygon pages = new ScriptedPolygon((path, query, base) -> {
            int page = Integer.parseInt(query.getOrDefault("cursor", "0"));
            if (page == 1 && secondPageFails.get()) {
                return ReplayResponse.json(503, "{\"status\":\"ERROR\"}".getBytes(StandardCharsets.UTF_8));
            }
            String next = page < 2 ? ",\"next_url\":\"" + base + GROUPED + day + "?cursor=" + (page + 1) + "\"" : "";
            String body = "{\"status\":\"OK\",\"request_id\":\"" + edition.get() + page + "\",\"results\":["
                    + bar(edition.get() + page) + "]" + next + "}";
            return ReplayResponse.ok(body.getBytes(StandardCharsets.UTF_8));
        });
        try (ReplayServer polygon = ReplayServer.start(pages, 0)) {
            QuantMiniConfig config = TestApp.config(lake, polygon.baseUrl(),
                    Map.of("quantmini.polygon.max-retries", "1",
                    "quantmini.polygon.retry-initial-delay-ms", "1"));
            IngestRequest again = new IngestRequest("stocks_daily", day, day, false);
            assertFalse(TestApp.ingest(config, again).failed());
            Path landingDay = new LakeLayout(lake).landingDay("stocks_daily", day);
            Path bronzeDay = new LakeLayout(lake).bronzeDayFile("stocks_daily", day);
            Map<String, String> first = filesAsText(landingDay);
            byte[] bronze = Files.readAllBytes(bronzeDay);
            assertEquals(4, first.size(), "three pages and the index: " + first.keySet());

            edition.set("B");
            secondPageFails.set(true);
            assertTrue(TestApp.ingest(config, again).failed());
            Map<String, String> failedOnce = filesAsText(landingDay);
            Map<String, String> after = new java.util.TreeMap<>(failedOnce);
            List<String> failed = after.keySet().stream().filter(name -> name.endsWith(".failed.json")).toList();
            assertEquals(1, failed.size(), "the second page's failed answer: " + after.keySet());
            assertEquals("{\"status\":\"ERROR\"}", after.remove(failed.get(0)));
            assertTrue(after.remove("_index.jsonl").startsWith(first.get("_index.jsonl")),
                    "the capture's lines as they were, then one more");
            Map<String, String> captures = new java.util.TreeMap<>(first);
            captures.remove("_index.jsonl");
            assertEquals(captures, after, "the earlier capture, whole");
            assertArrayEquals(bronze, Files.readAllBytes(bronzeDay));

            // the chain completes, but its last page cannot be renamed into place (its name is taken by a folder):
            // the pages already renamed get their earlier files back
            secondPageFails.set(false);
            Path lastPage = jsonFiles(landingDay).stream().filter(file -> first.get(file.getFileName().toString())
                    .contains("\"request_id\":\"A2\"")).findFirst().orElseThrow();
            Files.delete(lastPage);
            Files.createDirectories(lastPage.resolve("in-the-way"));
            assertTrue(TestApp.ingest(config, again).failed());
            Map<String, String> restored = filesAsText(landingDay);
            Map<String, String> expected = new java.util.TreeMap<>(failedOnce);
            expected.remove(lastPage.getFileName().toString());
            restored.remove(lastPage.getFileName().toString());
            assertEquals(expected, restored, "no mix of old and new pages");
            Files.delete(lastPage.resolve("in-the-way"));
            Files.delete(lastPage);

            assertFalse(TestApp.ingest(config, again).failed());
            Map<String, String> replaced = filesAsText(landingDay);
            assertEquals(first.keySet(), replaced.keySet(), "the same requests, the failed answer gone");
            assertFalse(replaced.get("_index.jsonl").contains(".failed.json"), "and its index line");
            assertTrue(replaced.entrySet().stream().filter(f -> f.getKey().endsWith(".json"))
                    .allMatch(f -> f.getValue().contains("\"request_id\":\"B")), "every page of the new capture");
            assertEquals(List.of("B0", "B1", "B2"), BronzeReader.readAll(bronzeDay).stream()
                    .map(r -> r.get("ticker").toString()).sorted().toList());
        }
    }

    /**
     * A chain of 24 pages, each answered 429 once before its 200: the folder's index is written a few times (as its
     * lines double, and at the chain's end), not after every failed attempt (24 more writes of a growing file). Each
     * write replaces the file, which a watcher sees as a new file key (inode).
     */
    @Test
    void aChainRetriedOnEveryPageWritesItsIndexAFewTimes() throws Exception {
        LocalDate day = LocalDate.of(2024, 3, 1);
        int pages = 24;
        java.util.Set<String> throttled = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ScriptedPolygon polygon = new ScriptedPolygon((path, query, base) -> {
            String cursor = query.getOrDefault("cursor", "0");
            if (throttled.add(cursor)) {
                return new ReplayResponse(429, Map.of("Retry-After", "0"), "{\"status\":\"ERROR\"}".getBytes(
                        StandardCharsets.UTF_8), 0, false);
            }
            int page = Integer.parseInt(cursor);
            String next = page < pages - 1
                    ? ",\"next_url\":\"" + base + GROUPED + day + "?cursor=" + (page + 1) + "\"" : "";
            return ReplayResponse.ok(("{\"status\":\"OK\",\"request_id\":\"r" + page + "\",\"results\":["
                    + bar("P" + page) + "]" + next + "}").getBytes(StandardCharsets.UTF_8));
        });
        Path index = new LakeLayout(lake).landingDay("stocks_daily", day).resolve("_index.jsonl");
        java.util.Set<Object> versions = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                try {
                    versions.add(Files.readAttributes(index, java.nio.file.attribute.BasicFileAttributes.class)
                            .fileKey());
                } catch (java.io.IOException notYet) {
                    // not written yet, or between a write's rename steps
                }
                java.util.concurrent.locks.LockSupport.parkNanos(200_000); // writes are milliseconds apart at least
            }
        });
        watcher.start();
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            IngestRun run = TestApp.ingest(TestApp.config(lake, server.baseUrl(), Map.of(
                    "quantmini.polygon.retry-initial-delay-ms", "5")),
                    new IngestRequest("stocks_daily", day, day, false));
            assertFalse(run.failed(), run::failureSummary);
            assertEquals(pages, run.retries());
        } finally {
            watching.set(false);
            watcher.join();
        }
        assertEquals(pages, Files.readAllLines(index).size());
        assertTrue(versions.size() <= 12, versions.size() + " index files written");
    }

    /**
     * A day whose landing a stopped run was replacing (its {@code _index.pending.jsonl} is there) is fetched again by
     * an {@code --incremental} run though its bronze file exists, and the file goes once the index is whole again.
     */
    @Test
    void anIncrementalRunFetchesAgainADayWhoseLandingWasBeingReplaced() throws Exception {
        LocalDate day = LocalDate.of(2024, 3, 1);
        ScriptedPolygon pages = new ScriptedPolygon((path, query, base) -> ReplayResponse.ok(("{\"status\":\"OK\","
                + "\"request_id\":\"r\",\"results\":[" + bar("ONE") + "]}").getBytes(StandardCharsets.UTF_8)));
        try (ReplayServer polygon = ReplayServer.start(pages, 0)) {
            QuantMiniConfig config = TestApp.config(lake, polygon.baseUrl(), Map.of());
            IngestRequest incremental = new IngestRequest("stocks_daily", day, day, true);
            assertEquals(1, TestApp.ingest(config, incremental).written().size());
            assertEquals(0, TestApp.ingest(config, incremental).plannedDays(), "in bronze: skipped");

            Path landingDay = new LakeLayout(lake).landingDay("stocks_daily", day);
            Files.copy(landingDay.resolve("_index.jsonl"), landingDay.resolve(LandingStore.PENDING_FILE));
            IngestRun again = TestApp.ingest(config, incremental);
            assertEquals(1, again.plannedDays(), "fetched again");
            assertFalse(again.failed());
            assertFalse(Files.exists(landingDay.resolve(LandingStore.PENDING_FILE)));
        }
    }

    /**
     * A day fetched again whose chain is now shorter (Polygon pages it in two, not three): landing holds the new chain
     * alone, its index two lines, so the folder replays as the day was last fetched. Each line names the page after
     * it ({@code next}), which is how the earlier chain's third page is found.
     */
    @Test
    void aReFetchWithAShorterChainLeavesOnlyItsOwnPages() throws Exception {
        LocalDate day = LocalDate.of(2024, 3, 1);
        java.util.concurrent.atomic.AtomicInteger pagesInChain = new java.util.concurrent.atomic.AtomicInteger(3);
        ScriptedPolygon pages = new ScriptedPolygon((path, query, base) -> {
            int page = Integer.parseInt(query.getOrDefault("cursor", "0"));
            String next = page < pagesInChain.get() - 1
                    ? ",\"next_url\":\"" + base + GROUPED + day + "?cursor=" + (page + 1) + "\"" : "";
            String body = "{\"status\":\"OK\",\"request_id\":\"c" + pagesInChain.get() + "p" + page
                    + "\",\"results\":[" + bar("T" + page) + "]" + next + "}";
            return ReplayResponse.ok(body.getBytes(StandardCharsets.UTF_8));
        });
        try (ReplayServer polygon = ReplayServer.start(pages, 0)) {
            QuantMiniConfig config = TestApp.config(lake, polygon.baseUrl(), Map.of());
            IngestRequest again = new IngestRequest("stocks_daily", day, day, false);
            assertFalse(TestApp.ingest(config, again).failed());
            Path landingDay = new LakeLayout(lake).landingDay("stocks_daily", day);
            assertEquals(3, jsonFiles(landingDay).size());

            pagesInChain.set(2);
            assertFalse(TestApp.ingest(config, again).failed());
            Map<String, String> after = filesAsText(landingDay);
            List<String> index = Files.readAllLines(landingDay.resolve("_index.jsonl"));
            assertEquals(2, index.size(), index.toString());
            assertEquals(3, after.size(), "two pages and the index: " + after.keySet());
            assertTrue(after.entrySet().stream().filter(f -> f.getKey().endsWith(".json"))
                    .allMatch(f -> f.getValue().contains("\"request_id\":\"c2p")), "the new chain's pages only");
            assertTrue(index.get(0).contains("\"next\":\"") != index.get(1).contains("\"next\":\""),
                    "one page names the next, the last none: " + index);
            assertEquals(2, io.quantmini.replay.CapturedResponses.load(lake).size());
            assertEquals(List.of("T0", "T1"), BronzeReader.readAll(new LakeLayout(lake).bronzeDayFile("stocks_daily",
                    day)).stream().map(r -> r.get("ticker").toString()).sorted().toList());
        }
    }

    /**
     * A re-fetch whose second page has a shape the schema does not expect: the earlier capture stays, and the body is
     * kept beside it as {@code <request-id>.failed.json}, the file the error names (found by the QA helper: the
     * error named the old capture, which did not show the problem). A temp a killed re-fetch left in another day's
     * folder is swept by the next run of the dataset, whatever its days.
     */
    @Test
    void anUnreadableReFetchIsKeptBesideTheCaptureAndNamed() throws Exception {
        LocalDate day = LocalDate.of(2024, 3, 1);
        java.util.concurrent.atomic.AtomicBoolean newShape = new java.util.concurrent.atomic.AtomicBoolean();
        ScriptedPolygon pages = new ScriptedPolygon((path, query, base) -> {
            int page = Integer.parseInt(query.getOrDefault("cursor", "0"));
            String next = page < 2 ? ",\"next_url\":\"" + base + GROUPED + path.substring(path.lastIndexOf('/') + 1)
                    + "?cursor=" + (page + 1) + "\"" : "";
            String records = newShape.get() && page == 1 ? "\"data\"" : "\"results\"";
            String body = "{\"status\":\"OK\",\"request_id\":\"r" + page + "\"," + records + ":[" + bar("P" + page)
                    + "]" + next + "}";
            return ReplayResponse.ok(body.getBytes(StandardCharsets.UTF_8));
        });
        try (ReplayServer polygon = ReplayServer.start(pages, 0)) {
            QuantMiniConfig config = TestApp.config(lake, polygon.baseUrl(), Map.of());
            IngestRequest again = new IngestRequest("stocks_daily", day, day, false);
            assertFalse(TestApp.ingest(config, again).failed());
            Path landingDay = new LakeLayout(lake).landingDay("stocks_daily", day);
            Map<String, String> first = filesAsText(landingDay);

            newShape.set(true);
            IngestRun run = TestApp.ingest(config, again);
            assertTrue(run.failed());
            Map<String, String> after = filesAsText(landingDay);
            List<String> unexpected = after.keySet().stream().filter(name -> name.endsWith(".failed.json")).toList();
            assertEquals(1, unexpected.size(), after.keySet().toString());
            assertTrue(after.get(unexpected.get(0)).contains("\"data\""), "the body that did not fit");
            assertTrue(run.failureSummary().contains(unexpected.get(0)), run.failureSummary());
            after.remove(unexpected.get(0));
            String index = after.remove("_index.jsonl");
            assertTrue(index.startsWith(first.remove("_index.jsonl")),
                    "the capture's lines as they were, then one more");
            assertTrue(index.contains("\"file\":\"" + unexpected.get(0) + "\""), index);
            assertEquals(first, after, "the earlier capture, whole");

            newShape.set(false);
            assertFalse(TestApp.ingest(config, again).failed());
            assertFalse(Files.exists(landingDay.resolve(unexpected.get(0))), "gone once a re-fetch of it lands");

            // a killed re-fetch's temp in another day's folder: swept by a run of other days
            Process ended = new ProcessBuilder("true").start();
            ended.waitFor();
            Path left = new LakeLayout(lake).landingDay("stocks_daily", LocalDate.of(2024, 2, 1))
                    .resolve(".x.json" + io.quantmini.lake.AtomicFiles.TEMP_MARKER + ended.pid() + "-0c0c");
            Files.createDirectories(left.getParent());
            Files.write(left, new byte[] {'{'});
            newShape.set(false);
            LocalDate other = LocalDate.of(2024, 3, 4);
            assertFalse(TestApp.ingest(config, new IngestRequest("stocks_daily", other, other, false)).failed());
            assertFalse(Files.exists(left), "swept");
        }
    }

    private static Map<String, String> filesAsText(Path folder) throws Exception {
        Map<String, String> files = new java.util.TreeMap<>();
        try (Stream<Path> all = Files.list(folder)) {
            for (Path file : all.toList()) {
                files.put(file.getFileName().toString(), Files.isDirectory(file) ? "(folder)" : Files.readString(file));
            }
        }
        return files;
    }

    @Test
    void oddSymbolsStayValuesInsideTheirDayFile() throws Exception {
        LocalDate day = LocalDate.of(2024, 3, 1);
        String body = "{\"status\":\"OK\",\"request_id\":\"x\",\"results\":[" + bar("BRK.A") + ","
                + bar("TEST/WS") + "," + bar("O:SPY251219C00650000") + "," + bar("../x") + "]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (ReplayServer polygon = ReplayServer.start((path, query, base) -> ReplayResponse.ok(bytes), 0)) {
            IngestRun run = TestApp.ingest(TestApp.config(lake.resolve("root"), polygon.baseUrl(), Map.of()),
                    new IngestRequest("stocks_daily", day, day, false));

            assertFalse(run.failed(), () -> String.valueOf(run.failureSummary()));
            List<String> tickers = BronzeReader.readAll(new LakeLayout(lake.resolve("root"))
                    .bronzeDayFile("stocks_daily", day))
                    .stream().map(r -> r.get("ticker").toString()).sorted().collect(Collectors.toList());
            assertEquals(List.of("../x", "BRK.A", "O:SPY251219C00650000", "TEST/WS"), tickers);
            try (Stream<Path> all = Files.walk(lake)) {
                assertTrue(all.allMatch(p -> p.equals(lake) || p.startsWith(lake.resolve("root"))),
                        "nothing written outside the data root");
            }
            try (Stream<Path> all = Files.walk(lake.resolve("root"))) {
                assertTrue(all.noneMatch(p -> p.getFileName().toString().contains("BRK")
                        || p.getFileName().toString().equals("x")));
            }
        }
    }

    @Test
    void malformedAndInconsistentRowsGoToRejectsWithReasonsWhileGoodRowsLand() throws Exception {
        LocalDate day = LocalDate.of(2024, 3, 1);
        String body = "{\"status\":\"OK\",\"request_id\":\"x\",\"results\":[" + bar("GOOD") + ","
                + "{\"T\":\"NOCLOSE\",\"v\":1,\"o\":1,\"h\":1,\"l\":1,\"t\":1709326800000},"
                + "{\"T\":\"TEXTPRICE\",\"v\":1,\"o\":\"1.0\",\"c\":1,\"h\":1,\"l\":1,\"t\":1709326800000},"
                + "{\"T\":\"HIGHLOW\",\"v\":1,\"o\":5,\"c\":5,\"h\":4,\"l\":3,\"t\":1709326800000},"
                + "{\"T\":\"NEGVOL\",\"v\":-1,\"o\":5,\"c\":5,\"h\":6,\"l\":4,\"t\":1709326800000},"
                + "{\"T\":\"ZERO\",\"v\":1,\"o\":0,\"c\":5,\"h\":6,\"l\":0,\"t\":1709326800000},"
                + bar("GOOD") + "]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (ReplayServer polygon = ReplayServer.start((path, query, base) -> ReplayResponse.ok(bytes), 0)) {
            IngestRun run = TestApp.ingest(TestApp.config(lake, polygon.baseUrl(), Map.of()),
                    new IngestRequest("stocks_daily", day, day, false));

            assertFalse(run.failed(), () -> String.valueOf(run.failureSummary()));
            assertEquals(1, run.rows());
            assertEquals(6, run.rejects());
            LakeLayout layout = new LakeLayout(lake);
            assertEquals(List.of("GOOD"), BronzeReader.readAll(layout.bronzeDayFile("stocks_daily", day)).stream()
                    .map(r -> r.get("ticker").toString()).collect(Collectors.toList()));
            Map<String, String> ruleByTicker = new java.util.TreeMap<>();
            for (String line : Files.readAllLines(layout.rejectsDayFile("stocks_daily", day))) {
                JsonNode reject = JSON.readTree(line);
                assertTrue(reject.get("landing_file").asText().startsWith("landing/stocks_daily/2024-03-01/"), line);
                assertFalse(reject.get("message").asText().isBlank(), line);
                String ticker = reject.get("record").get("T").asText();
                ruleByTicker.merge(ticker, reject.get("rule").asText(), (a, b) -> a + "," + b);
            }
            assertEquals(Map.of("NOCLOSE", "required", "TEXTPRICE", "type", "HIGHLOW", "ohlc_consistent",
                    "NEGVOL", "non_negative", "ZERO", "positive", "GOOD", "unique_key"), ruleByTicker);
        }
    }

    /**
     * A day whose every bar is rejected fails whole (a schema that does not fit the data, not a day of bad data): its
     * rejects are not written, and the summary counts the day as failed instead of showing a clean rejects=0 alone.
     */
    @Test
    void aDayWhoseEveryBarIsRejectedCountsAsFailedInTheSummary() throws Exception {
        LocalDate bad = LocalDate.of(2024, 3, 4);
        LocalDate good = LocalDate.of(2024, 3, 5);
        String negativeVolumes = "{\"status\":\"OK\",\"request_id\":\"x\",\"results\":["
                + "{\"T\":\"NEGVOL\",\"v\":-1,\"o\":5,\"c\":5,\"h\":6,\"l\":4,\"t\":1709326800000}]}";
        String oneBar = "{\"status\":\"OK\",\"request_id\":\"x\",\"results\":[" + bar("AAA") + "]}";
        ScriptedPolygon polygon = new ScriptedPolygon((path, query, base) -> ReplayResponse.ok(
                oneBar.getBytes(StandardCharsets.UTF_8)))
                .always(bad.toString(), ReplayResponse.ok(negativeVolumes.getBytes(StandardCharsets.UTF_8)));
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            IngestRun run = TestApp.ingest(TestApp.config(lake, server.baseUrl(), Map.of()),
                    new IngestRequest("stocks_daily", bad, good, false));

            assertTrue(run.failed());
            assertEquals(List.of(bad), List.copyOf(run.failures().keySet()));
            assertTrue(run.failures().get(bad).startsWith("the only record rejected (non_negative=1"),
                    run.failures().get(bad));
            assertFalse(Files.exists(new LakeLayout(lake).rejectsDayFile("stocks_daily", bad)));
            assertTrue(IngestSummary.of(run).oneLine().contains(
                    "dates requested=2 skipped=0 written=1 unchanged=0 empty=0 failed=1 not_started=0 rows=1"
                    + " rejects=0 "),
                    IngestSummary.of(run).oneLine());
        }
    }

    @Test
    void aDayWithoutBarsWritesNoFileAndIsNotAnError() throws Exception {
        LocalDate closed = LocalDate.of(2024, 3, 4);
        LocalDate open = LocalDate.of(2024, 3, 5);
        String empty = "{\"queryCount\":0,\"resultsCount\":0,\"adjusted\":true,\"status\":\"OK\","
                + "\"request_id\":\"e\",\"count\":0}";
        ScriptedPolygon polygon = new ScriptedPolygon((path, query, base) -> ReplayResponse.ok(
                ("{\"status\":\"OK\",\"request_id\":\"x\",\"results\":[" + bar("AAA") + "]}")
                .getBytes(StandardCharsets.UTF_8)))
                .always(closed.toString(), ReplayResponse.ok(empty.getBytes(StandardCharsets.UTF_8)));
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            IngestRun run = TestApp.ingest(TestApp.config(lake, server.baseUrl(), Map.of()),
                    new IngestRequest("stocks_daily", closed, open, false));

            assertFalse(run.failed(), () -> String.valueOf(run.failureSummary()));
            assertEquals(List.of(open), List.copyOf(run.written().keySet()));
            assertTrue(IngestSummary.of(run).oneLine().contains("dates requested=2 skipped=0 written=1 unchanged=0"
                    + " empty=1 failed=0 not_started=0 "), IngestSummary.of(run).oneLine());
            assertFalse(Files.exists(new LakeLayout(lake).bronzeDayFile("stocks_daily", closed)));
            assertTrue(Files.exists(new LakeLayout(lake).landingDay("stocks_daily", closed).resolve("_index.jsonl")),
                    "the empty answer is still captured in landing");
        }
    }

    /**
     * A backfill from before Polygon's history meets thousands of days without records: the first few are said one by
     * one, the rest only counted in the summary.
     */
    @Test
    void daysWithoutBarsAreSaidForTheFirstFewOnly() throws Exception {
        String empty = "{\"queryCount\":0,\"resultsCount\":0,\"adjusted\":true,\"status\":\"OK\",\"count\":0}";
        LocalDate first = LocalDate.of(2024, 3, 4);
        LocalDate last = LocalDate.of(2024, 3, 12);
        try (ReplayServer server = ReplayServer.start((path, query, base) -> ReplayResponse.ok(
                empty.getBytes(StandardCharsets.UTF_8)), 0)) {
            IngestRun[] run = new IngestRun[1];
            List<String> said = io.quantmini.LogCapture.messages(BronzeStage.class, () -> run[0] = TestApp.ingest(
                    TestApp.config(lake, server.baseUrl(), Map.of()), new IngestRequest("stocks_daily", first, last,
                            false)));
            assertTrue(IngestSummary.of(run[0]).oneLine().contains("dates requested=7 skipped=0 written=0 unchanged=0"
                    + " empty=7 failed=0 "), IngestSummary.of(run[0]).oneLine());
            List<String> emptyDays = said.stream().filter(line -> line.contains("Polygon reports no records")).toList();
            assertEquals(BronzeStage.EMPTY_DAYS_SAID, emptyDays.size(), said::toString);
            // days are decoded on several threads: the third noticed may be logged before the second
            assertEquals(1, emptyDays.stream().filter(line -> line.endsWith("; any further day without records is"
                    + " counted in the summary, not said")).count(), emptyDays::toString);
        }
    }

    /**
     * The session a request asked for is its {since}..{date}: grouped bars timestamped outside it are kept (the
     * answer's date is the request's) with a warning, and a split executed outside it (an answer that ignored its
     * filter) is rejected, while one executed over the weekend before the session is the session's.
     */
    @Test
    void recordsDatedOutsideTheRequestedDaysWarnForBarsAndAreRejectedForSplits() throws Exception {
        LocalDate monday = LocalDate.of(2024, 3, 4);
        String onMonday = bar("MON").replace("1709326800000", "1709586000000"); // 16:00 New York on 2024-03-04
        String bars = "{\"status\":\"OK\",\"resultsCount\":2,\"results\":[" + bar("FRI") + "," + onMonday + "]}";
        String splits = "{\"status\":\"OK\",\"results\":[" + split("SAT", "2024-03-02") + ","
                + split("MON", "2024-03-04") + "," + split("FRI", "2024-03-01") + ","
                + split("TUE", "2024-03-05") + "]}";
        ScriptedPolygon polygon = new ScriptedPolygon((path, query, base) -> ReplayResponse.ok(
                (path.contains("splits") ? splits : bars).getBytes(StandardCharsets.UTF_8)));
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            QuantMiniConfig config = TestApp.config(lake, server.baseUrl(), Map.of());
            List<String> warned = io.quantmini.LogCapture.warnings(BronzeStage.class, () -> assertFalse(
                    TestApp.ingest(config, new IngestRequest("stocks_daily", monday, monday, false)).failed()));
            assertEquals(List.of("stocks_daily 2024-03-04: 1 record is dated outside the session asked"
                    + " for (the first: field 't' (timestamp) is on 2024-03-01 (New York), outside the session asked"
                    + " for (2024-03-02..2024-03-04)); such records are kept unless another rule rejects them; if"
                    + " Polygon answered for another day, fetch the day again"), warned);
            LakeLayout layout = new LakeLayout(lake);
            assertEquals(2, BronzeReader.countRows(layout.bronzeDayFile("stocks_daily", monday)));

            IngestRun run = TestApp.ingest(config, new IngestRequest("splits", monday, monday, false));
            assertFalse(run.failed(), () -> String.valueOf(run.failureSummary()));
            assertEquals(List.of("MON", "SAT"), BronzeReader.readAll(layout.bronzeDayFile("splits", monday)).stream()
                    .map(r -> r.get("ticker").toString()).toList());
            assertEquals(2, run.rejects());
            List<String> rejected = Files.readAllLines(layout.rejectsDayFile("splits", monday));
            assertEquals(2, rejected.size());
            for (String line : rejected) {
                assertEquals("in_request_window", JSON.readTree(line).get("rule").asText(), line);
            }
        }
    }

    /** A route edited to end its days before the bronze step fails each day saying so (it threw a bare NPE). */
    @Test
    void aRouteWithoutItsBronzeStepFailsEachDayNamingTheStep() throws Exception {
        Path routes = Files.createDirectories(lake.resolve("routes"));
        for (String file : new String[] {"stocks_daily.camel.yaml", "splits.camel.yaml"}) {
            Files.copy(TestApp.ROUTES_DIR.resolve(file), routes.resolve(file));
        }
        Path route = routes.resolve("stocks_daily.camel.yaml");
        String text = Files.readString(route);
        String withoutBronze = text.replaceFirst("\\n( +)- to:\\n +uri: direct:stocks_daily-bronze", "");
        assertTrue(!withoutBronze.equals(text), "the step was there to remove");
        Files.writeString(route, withoutBronze);
        SyntheticMarket market = new SyntheticMarket(
                new SyntheticMarket.Spec(5, LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 5), 7), TestApp.calendar());
        try (ReplayServer polygon = ReplayServer.start(market, 0)) {
            IngestRun run = TestApp.ingest(TestApp.config(lake.resolve("data"), polygon.baseUrl(), Map.of()), routes,
                    new IngestRequest("stocks_daily", LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 3), false));
            assertTrue(run.failed());
            assertEquals(2, run.failures().size());
            assertTrue(run.failureSummary().contains("the route of stocks_daily ended the day without writing bronze"
                    + " (its split's steps must end with the bronze step, `to: direct:stocks_daily-bronze` in the"
                    + " shipped routes/stocks_daily.camel.yaml); the day was landed only"), run.failureSummary());
        }
    }

    private static String split(String ticker, String executed) {
        return "{\"ticker\":\"" + ticker + "\",\"execution_date\":\"" + executed
                + "\",\"split_from\":1,\"split_to\":2}";
    }

    @Test
    void splitsAreADatasetOfTheirOwnDefinedOnlyByYaml() throws Exception {
        SyntheticMarket market = new SyntheticMarket(
                new SyntheticMarket.Spec(60, LocalDate.of(2024, 1, 2), LocalDate.of(2024, 12, 31), 3),
                TestApp.calendar());
        JsonNode served = JSON.readTree(market.respond("/v3/reference/splits", Map.of(), "http://x").body())
                .get("results");
        assertEquals(1, served.size(), "the synthetic market has one split");
        LocalDate executed = LocalDate.parse(served.get(0).get("execution_date").asText());
        try (ReplayServer polygon = ReplayServer.start(market, 0)) {
            IngestRun run = TestApp.ingest(TestApp.config(lake, polygon.baseUrl(), Map.of()),
                    new IngestRequest("splits", executed.minusDays(10), executed.plusDays(10), false));

            assertFalse(run.failed(), () -> String.valueOf(run.failureSummary()));
            List<LocalDate> tradingDays = TestApp.calendar().tradingDays(executed.minusDays(10), executed.plusDays(10));
            assertEquals(tradingDays, List.copyOf(run.written().keySet()), "every trading day is recorded as done");
            assertEquals(1, run.rows(), "one split, on its day");
            for (LocalDate day : tradingDays) {
                assertEquals(day.equals(executed) ? 1 : 0,
                        BronzeReader.countRows(new LakeLayout(lake).bronzeDayFile("splits", day)), day.toString());
            }
            LocalDate since = TestApp.calendar().previousTradingDay(executed).plusDays(1);
            assertTrue(polygon.requestLog().contains("GET /v3/reference/splits?execution_date.gte=" + since
                    + "&execution_date.lte=" + executed + "&limit=1000"), polygon.requestLog().toString());
            GenericRecord split = BronzeReader.readAll(new LakeLayout(lake).bronzeDayFile("splits", executed)).get(0);
            assertEquals(served.get(0).get("ticker").asText(), split.get("ticker").toString());
            assertEquals(served.get(0).get("split_to").asDouble(), ((Number) split.get("split_to")).doubleValue());
        }
    }

    /**
     * A split executed on a Saturday or a holiday: each trading day's request asks for the execution dates since the
     * previous session, so it comes with the next session's file instead of with no request at all.
     */
    @Test
    void aSplitExecutedOnAWeekendOrAHolidayComesWithTheNextSession() throws Exception {
        LocalDate saturday = LocalDate.of(2026, 10, 10);
        LocalDate laborDay = LocalDate.of(2026, 9, 7);
        List<LocalDate> executions = List.of(saturday, laborDay, LocalDate.of(2026, 9, 8));
        io.quantmini.replay.PolygonResponder splits = (path, query, base) -> {
            LocalDate from = LocalDate.parse(query.get("execution_date.gte"));
            LocalDate to = LocalDate.parse(query.get("execution_date.lte"));
            String results = executions.stream().filter(d -> !d.isBefore(from) && !d.isAfter(to))
                    .map(d -> "{\"ticker\":\"T" + d.getDayOfMonth() + "\",\"execution_date\":\"" + d
                            + "\",\"split_from\":1,\"split_to\":2}")
                    .collect(Collectors.joining(","));
            return io.quantmini.replay.ReplayResponse.ok(("{\"status\":\"OK\",\"request_id\":\"r\",\"results\":["
                    + results + "]}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        };
        try (ReplayServer polygon = ReplayServer.start(splits, 0)) {
            IngestRun run = TestApp.ingest(TestApp.config(lake, polygon.baseUrl(), Map.of()),
                    new IngestRequest("splits", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 14), false));
            assertFalse(run.failed(), () -> String.valueOf(run.failureSummary()));
            assertEquals(3, run.rows(), "every split, none asked twice");
            LakeLayout layout = new LakeLayout(lake);
            GenericRecord weekend = BronzeReader.readAll(layout.bronzeDayFile("splits", LocalDate.of(2026, 10, 12)))
                    .get(0);
            assertEquals("T10", weekend.get("ticker").toString());
            assertEquals(saturday, weekend.get("execution_date"), "the Saturday split, in Monday's file");
            List<String> tuesday = BronzeReader.readAll(layout.bronzeDayFile("splits", LocalDate.of(2026, 9, 8)))
                    .stream()
                    .map(r -> r.get("ticker").toString()).sorted().toList();
            assertEquals(List.of("T7", "T8"), tuesday, "Labor Day's split with Tuesday's");
            assertTrue(polygon.requestLog().contains(
                    "GET /v3/reference/splits?execution_date.gte=2026-10-10&execution_date.lte=2026-10-12&limit=1000"),
                    polygon.requestLog().toString());
        }
    }

    static String bar(String ticker) {
        return "{\"T\":\"" + ticker.replace("\\", "\\\\")
                + "\",\"v\":1000.5,\"vw\":10.1,\"o\":10,\"c\":10.2,\"h\":10.5,\"l\":9.8,"
                + "\"t\":1709326800000,\"n\":12}";
    }

    static List<Path> jsonFiles(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
                    .collect(Collectors.toList());
        }
    }

    /**
     * The silver handoff cannot be written (here its folder is a file; a full disk does the same): the run fails with
     * its summary and a reason naming the folder, instead of a stack trace, and the day stays in bronze.
     */
    @Test
    void aHandoffThatCannotBeWrittenFailsTheRunAndKeepsBronze() throws Exception {
        LocalDate day = LocalDate.of(2024, 1, 2);
        SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(5, day, day, 1), TestApp.calendar());
        LakeLayout layout = new LakeLayout(lake);
        Files.createDirectories(layout.handoffFolder("silver").getParent());
        Files.writeString(layout.handoffFolder("silver"), "not a folder");
        try (ReplayServer polygon = ReplayServer.start(market, 0)) {
            IngestRun run = TestApp.ingest(TestApp.config(lake, polygon.baseUrl(), Map.of()),
                    new IngestRequest("stocks_daily", day, day, false));

            assertTrue(run.failed());
            assertTrue(run.failureSummary().startsWith("cannot hand 1 changed day to silver ("
                    + layout.handoffFolder("silver")), run.failureSummary());
            assertEquals(1, run.written().size());
            assertTrue(Files.exists(layout.bronzeDayFile("stocks_daily", day)));
        }
    }

    /** The lake's disk refusing a day's bronze file: the reason names the path and says why, not a Java class. */
    @Test
    void aBronzeFolderThatCannotBeMadeFailsTheDayInWords() throws Exception {
        LocalDate day = LocalDate.of(2024, 1, 2);
        SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(5, day, day, 1), TestApp.calendar());
        Path year = new LakeLayout(lake).bronzeDayFile("stocks_daily", day).getParent().getParent();
        Files.createDirectories(year.getParent());
        Files.writeString(year, "a file where the year's folder belongs");
        try (ReplayServer polygon = ReplayServer.start(market, 0)) {
            IngestRun run = TestApp.ingest(TestApp.config(lake, polygon.baseUrl(), Map.of()),
                    new IngestRequest("stocks_daily", day, day, false));

            assertTrue(run.failed());
            assertTrue(run.failureSummary().contains(year.toString()), run.failureSummary());
            assertFalse(run.failureSummary().contains("Exception"), run.failureSummary());
        }
    }

    /** Page 2 links back to page 1: the day fails at the first repeated page instead of looping for ever. */
    @Test
    void aNextUrlLoopingBackToAnEarlierPageFailsTheDay() throws Exception {
        LocalDate day = LocalDate.of(2024, 3, 1);
        ScriptedPolygon pages = new ScriptedPolygon((path, query, base) -> {
            int page = Integer.parseInt(query.getOrDefault("cursor", "0"));
            String body = "{\"status\":\"OK\",\"request_id\":\"r" + page + "\",\"results\":[" + bar("P" + page)
                    + "],\"next_url\":\"" + base + GROUPED + day + "?cursor=" + (page == 2 ? 1 : page + 1) + "\"}";
            return ReplayResponse.ok(body.getBytes(StandardCharsets.UTF_8));
        });
        try (ReplayServer polygon = ReplayServer.start(pages, 0)) {
            IngestRun run = TestApp.ingest(TestApp.config(lake, polygon.baseUrl(), Map.of()),
                    new IngestRequest("stocks_daily", day, day, false));

            assertTrue(run.failed());
            assertEquals(3, polygon.requestCount(), polygon.requestLog().toString());
            assertTrue(run.failureSummary().contains("asks again for a page this chain already fetched"
                    + " (/v2/aggs/grouped/locale/us/market/stocks/2024-03-01?cursor=1)"), run.failureSummary());
            assertFalse(Files.exists(new LakeLayout(lake).bronzeDayFile("stocks_daily", day)));
        }
    }

    /**
     * A next_url naming page 1 again in another form ({@code ?adjusted=true&}) is the same landing file: followed, it
     * replaced page 1's capture with page 2's. It fails the day as a loop, and page 1's capture stays as received.
     */
    @Test
    void aNextUrlNamingAnEarlierPageInAnotherFormFailsTheDay() throws Exception {
        LocalDate day = LocalDate.of(2024, 3, 1);
        ScriptedPolygon pages = new ScriptedPolygon((path, query, base) -> ReplayResponse.ok(("{\"status\":\"OK\","
                + "\"results\":[" + bar("PAGE1") + "],\"next_url\":\"" + base + GROUPED + day + "?adjusted=true&\"}")
                .getBytes(StandardCharsets.UTF_8)));
        try (ReplayServer polygon = ReplayServer.start(pages, 0)) {
            IngestRun run = TestApp.ingest(TestApp.config(lake, polygon.baseUrl(), Map.of()),
                    new IngestRequest("stocks_daily", day, day, false));

            assertTrue(run.failed());
            assertEquals(1, polygon.requestCount(), polygon.requestLog().toString());
            assertTrue(run.failureSummary().contains("asks again for a page this chain already fetched"),
                    run.failureSummary());
            List<Path> landed = jsonFiles(new LakeLayout(lake).landingDay("stocks_daily", day));
            assertEquals(1, landed.size(), landed.toString());
            assertTrue(Files.readString(landed.get(0)).contains("PAGE1"));
        }
    }

    /**
     * A next_url on another server, or on the same host over another scheme, is not this request's data: the day
     * fails naming both origins, before anything is asked of that server.
     */
    @Test
    void aNextUrlToAnotherServerIsNotFollowed() throws Exception {
        LocalDate day = LocalDate.of(2024, 3, 1);
        try (ReplayServer foreign = ReplayServer.start(new ScriptedPolygon((path, query, base) -> ReplayResponse.ok(
                ("{\"status\":\"OK\",\"results\":[" + bar("FOREIGN") + "]}").getBytes(StandardCharsets.UTF_8))), 0)) {
            String foreignBase = foreign.baseUrl().replaceAll("/+$", "");
            for (String elsewhere : List.of(foreignBase, foreignBase.replace("http://", "https://"))) {
                ScriptedPolygon pages = new ScriptedPolygon((path, query, base) -> ReplayResponse.ok(
                        ("{\"status\":\"OK\",\"results\":[" + bar("HOME") + "],\"next_url\":\"" + elsewhere + GROUPED
                        + day + "?cursor=2\"}")
                        .getBytes(StandardCharsets.UTF_8)));
                try (ReplayServer polygon = ReplayServer.start(pages, 0)) {
                    IngestRun run = TestApp.ingest(TestApp.config(lake, polygon.baseUrl(), Map.of()),
                            new IngestRequest("stocks_daily", day, day, false));

                    assertTrue(run.failed());
                    assertTrue(run.failureSummary()
                            .contains("points at another server (" + elsewhere + ", not http://"),
                            run.failureSummary());
                    assertFalse(Files.exists(new LakeLayout(lake).bronzeDayFile("stocks_daily", day)));
                }
            }
            assertEquals(0, foreign.requestCount(), foreign.requestLog().toString());
        }
    }

    /** A next_url with a user name (user:pw@host): the client refuses it every time, so the day fails at once. */
    @Test
    void aNextUrlWithAUserNameFailsTheDayWithoutRetries() throws Exception {
        LocalDate day = LocalDate.of(2024, 3, 1);
        ScriptedPolygon pages = new ScriptedPolygon((path, query, base) -> ReplayResponse.ok(("{\"status\":\"OK\","
                + "\"results\":[" + bar("HOME") + "],\"next_url\":\"" + base.replace("http://", "http://evil:pw@")
                + GROUPED + day + "?cursor=2\"}").getBytes(StandardCharsets.UTF_8)));
        try (ReplayServer polygon = ReplayServer.start(pages, 0)) {
            IngestRun run = TestApp.ingest(TestApp.config(lake, polygon.baseUrl(), Map.of()),
                    new IngestRequest("stocks_daily", day, day, false));

            assertTrue(run.failed());
            assertEquals(0, run.retries());
            assertTrue(run.failureSummary().contains("carries a user name: not followed"), run.failureSummary());
            assertEquals(1, polygon.requestCount());
        }
    }

    /**
     * A next_url may quote the API key (Polygon's do when a client sent it as apiKey=): the page lands with the key
     * redacted, the next request goes without it, and a next_url that is not a URL fails its day without quoting it.
     */
    @Test
    void aNextUrlQuotingTheKeyLandsRedactedAndAMalformedOneFailsWithoutQuotingIt() throws Exception {
        LocalDate good = LocalDate.of(2024, 3, 1);
        LocalDate malformed = LocalDate.of(2024, 3, 4);
        ScriptedPolygon pages = new ScriptedPolygon((path, query, base) -> {
            int page = Integer.parseInt(query.getOrDefault("cursor", "0"));
            String next = path.endsWith(malformed.toString()) ? base + "/v2/x?cursor=a b&apiKey=" + TestApp.SECRET
                    : base + GROUPED + good + "?cursor=1&apiKey=" + TestApp.SECRET;
            String body = "{\"status\":\"OK\",\"request_id\":\"r" + page + "\",\"results\":[" + bar("P" + page)
                    + "]" + (page == 0 ? ",\"next_url\":\"" + next + "\"" : "") + "}";
            return ReplayResponse.ok(body.getBytes(StandardCharsets.UTF_8));
        });
        try (ReplayServer polygon = ReplayServer.start(pages, 0)) {
            IngestRun run = TestApp.ingest(TestApp.config(lake, polygon.baseUrl(), Map.of()),
                    new IngestRequest("stocks_daily", good, malformed, false));

            assertEquals(List.of(malformed), run.failures().keySet().stream().sorted().toList());
            assertTrue(run.failureSummary().contains("next_url of " + GROUPED + malformed + " is not a valid URL"),
                    run.failureSummary());
            assertFalse(run.failureSummary().contains(TestApp.SECRET), run.failureSummary());
            assertTrue(polygon.requestLog().contains("GET " + GROUPED + good + "?cursor=1"),
                    polygon.requestLog().toString());
            assertEquals(2, BronzeReader.readAll(new LakeLayout(lake).bronzeDayFile("stocks_daily", good)).size());
            List<Path> landed = jsonFiles(new LakeLayout(lake).landingDay("stocks_daily", good));
            assertEquals(2, landed.size());
            String pages0and1 = Files.readString(landed.get(0)) + Files.readString(landed.get(1));
            assertTrue(pages0and1.contains("cursor=1&apiKey=" + ApiKey.REDACTED), pages0and1);
            assertFalse(pages0and1.contains(TestApp.SECRET), pages0and1);
        }
    }
}
