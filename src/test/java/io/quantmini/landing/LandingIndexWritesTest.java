package io.quantmini.landing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantmini.lake.LakeLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The landing index of a day folder stays one line per request, and a long chain does not rewrite it per page. */
class LandingIndexWritesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate DAY = LocalDate.of(2024, 3, 15);

    private static void land(LandingStore store, int page) throws IOException {
        store.stage("options_contracts", DAY, "/v3/reference/options/contracts", Map.of("cursor", "c" + page), 200,
                ("{\"status\":\"OK\",\"page\":" + page + "}").getBytes(StandardCharsets.UTF_8),
                Instant.ofEpochSecond(page)).commit();
    }

    /** Pages 0 … count−1 of one chain (cursors c0, c1, …). */
    private static void landPages(LandingStore store, int count) throws IOException {
        for (int page = 0; page < count; page++) {
            land(store, page);
        }
    }

    private static List<String> indexedCursors(Path index) throws IOException {
        List<String> cursors = new ArrayList<>();
        for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
            cursors.add(JSON.readTree(line).path("query").path("cursor").asText());
        }
        return cursors;
    }

    @Test
    void aChainOfAThousandPagesWritesItsIndexAFewTimesNotOncePerPage(@TempDir Path root) throws IOException {
        LakeLayout lake = new LakeLayout(root);
        LandingStore store = new LandingStore(lake);
        landPages(store, 1000);
        store.closeIndex("options_contracts", DAY);
        Path index = lake.landingDay("options_contracts", DAY).resolve(LandingStore.INDEX_FILE);
        List<String> cursors = indexedCursors(index);
        assertEquals(1000, cursors.size());
        for (int page = 0; page < 1000; page++) {
            assertEquals("c" + page, cursors.get(page));
        }
        // written when the lines doubled (1, 2, 4, ..., 512) and at the end of the chain
        assertEquals(11, store.indexWrites.get());
    }

    @Test
    void aRefetchedPageReplacesItsLineAndAFolderWithHistoryIsWrittenOnceAtTheChainsEnd(@TempDir Path root)
            throws IOException {
        LakeLayout lake = new LakeLayout(root);
        LandingStore first = new LandingStore(lake);
        landPages(first, 100);
        first.closeIndex("options_contracts", DAY);

        LandingStore rerun = new LandingStore(lake);
        land(rerun, 7);
        land(rerun, 100);
        land(rerun, 101);
        Path index = lake.landingDay("options_contracts", DAY).resolve(LandingStore.INDEX_FILE);
        assertEquals(100, Files.readAllLines(index).size(), "not rewritten before the chain ends");
        rerun.closeIndex("options_contracts", DAY);
        assertEquals(1, rerun.indexWrites.get());
        List<String> cursors = indexedCursors(index);
        assertEquals(102, cursors.size());
        assertEquals(List.of("c7", "c100", "c101"), cursors.subList(99, 102), "the newer capture of c7 moves last");
        assertEquals(1, cursors.stream().filter("c7"::equals).count());
    }

    /** Killed mid-chain: the index holds the lines as of its last doubling; the re-run of the day completes it. */
    @Test
    void aRunKilledMidChainLeavesAShortIndexThatTheRerunCompletes(@TempDir Path root) throws IOException {
        LakeLayout lake = new LakeLayout(root);
        LandingStore killed = new LandingStore(lake);
        landPages(killed, 5);
        Path index = lake.landingDay("options_contracts", DAY).resolve(LandingStore.INDEX_FILE);
        assertEquals(List.of("c0", "c1", "c2", "c3"), indexedCursors(index));

        LandingStore rerun = new LandingStore(lake);
        landPages(rerun, 5);
        rerun.closeIndex("options_contracts", DAY);
        assertEquals(List.of("c0", "c1", "c2", "c3", "c4"), indexedCursors(index));
    }

    @Test
    void anUnreadableIndexLineIsNamedWithItsFile(@TempDir Path root) throws IOException {
        LakeLayout lake = new LakeLayout(root);
        Path folder = lake.landingDay("options_contracts", DAY);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(LandingStore.INDEX_FILE), "{\"request_id\":\"x\"}\n{not json\n");
        IOException e = assertThrows(IOException.class, () -> land(new LandingStore(lake), 1));
        assertTrue(e.getMessage().contains(folder.resolve(LandingStore.INDEX_FILE).toString()), e.getMessage());
    }

    /** One value holding {@code &} and {@code =} is not two parameters: both requests keep their own capture. */
    @Test
    void aValueThatLooksLikeTwoParametersHasItsOwnId() {
        String ambiguous = LandingStore.requestId("/v3/reference/tickers", Map.of("search", "AT&type=CS"));
        String twoParameters = LandingStore.requestId("/v3/reference/tickers",
                Map.of("search", "AT", "type", "CS"));
        assertNotEquals(ambiguous, twoParameters);
        // a query without those characters keeps the id earlier versions gave its captures
        assertEquals("bc23a305b6ea77e084069893",
                LandingStore.requestId("/v2/x", Map.of("adjusted", "true")));
    }

    /**
     * Landing states that leave a failed answer out of step with the index (found by the QA helper), which replay
     * serves without it instead of refusing the lake: a run killed after a retry's failed answer replaced the last
     * one but before the index had its line; and two runs on one folder, where one retires a failed answer that the
     * other's index, read before, names again.
     */
    @Test
    void aFailedAnswerOutOfStepWithTheIndexIsNotServedAndTheLakeStillLoads(@TempDir Path root) throws Exception {
        LakeLayout lake = new LakeLayout(root);
        LocalDate day = LocalDate.of(2024, 1, 2);
        String path = "/v3/reference/x";
        byte[] ok = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
        LandingStore first = new LandingStore(lake);
        first.stage("d", day, path, Map.of("cursor", "0"), 200, ok, Instant.now()).commit();
        first.saveFailed("d", day, path, Map.of("cursor", "1"), 503, Map.of(),
                "busy".getBytes(StandardCharsets.UTF_8),
                Instant.now(), "HTTP 503");
        first.saveFailed("d", day, path, Map.of("cursor", "2"), 503, Map.of(),
                "busy".getBytes(StandardCharsets.UTF_8),
                Instant.now(), "HTTP 503");
        first.closeIndex("d", day);

        LandingStore killed = new LandingStore(lake); // its index is never written: killed
        killed.stage("d", day, path, Map.of("cursor", "1"), 200, "{\"status\":\"OK\",\"re".getBytes(
                StandardCharsets.UTF_8), Instant.now()).keepAsFailed("cut short");
        LandingStore a = new LandingStore(lake);
        LandingStore b = new LandingStore(lake);
        b.stage("d", day, path, Map.of("cursor", "0"), 200, ok, Instant.now()).commit(); // b reads the index now
        a.stage("d", day, path, Map.of("cursor", "2"), 200, ok, Instant.now()).commit(); // retires cursor=2's
        a.closeIndex("d", day);
        b.closeIndex("d", day); // names cursor=2's failed answer again

        io.quantmini.replay.CapturedResponses replay = io.quantmini.replay.CapturedResponses.load(root);
        assertEquals(2, replay.size(), "cursor=0 and cursor=2 captured; cursor=1's failed answer not served");
        assertEquals(200, replay.respond(path, Map.of("cursor", "2"), "http://127.0.0.1:1").status());
        assertEquals(404, replay.respond(path, Map.of("cursor", "1"), "http://127.0.0.1:1").status());
    }

    private static final String CHAIN_PATH = "/v3/x";

    private static String idOf(String cursor) {
        return LandingStore.requestId(CHAIN_PATH, Map.of("cursor", cursor));
    }

    /** A page of {@code cursor}, followed by {@code next} (null: the last). */
    private static LandingStore.StagedPage page(LandingStore store, String cursor, String next, String edition)
            throws IOException {
        LandingStore.StagedPage page = store.stage("d", DAY, CHAIN_PATH, Map.of("cursor", cursor),
                200, ("{\"status\":\"OK\",\"edition\":\"" + edition + cursor + "\"}").getBytes(StandardCharsets.UTF_8),
                Instant.now());
        page.precedes(next == null ? null : idOf(next));
        return page;
    }

    /** Lands a first chain of {@code cursors}, each page followed by the next, and ends it (its index written). */
    private static void landChain(LandingStore store, String edition, String... cursors) throws IOException {
        for (int i = 0; i < cursors.length; i++) {
            page(store, cursors[i], i + 1 < cursors.length ? cursors[i + 1] : null, edition).commit();
        }
        store.closeIndex("d", DAY);
    }

    /** What replay answers for the chain's page of {@code cursor}. */
    private static io.quantmini.replay.ReplayResponse served(io.quantmini.replay.CapturedResponses replay,
                                                            String cursor) {
        return replay.respond(CHAIN_PATH, Map.of("cursor", cursor), "http://127.0.0.1:1");
    }

    /**
     * Completed re-fetches that are shorter than the earlier chain (found by the QA helper): the earlier chain's tail
     * goes even where it ended on a failed answer, but not a page another chain of the folder still reaches.
     */
    @Test
    void aShorterReFetchRetiresItsEarlierTailButNoPageOfAnotherChain(@TempDir Path root) throws IOException {
        LakeLayout lake = new LakeLayout(root);
        LocalDate day = LocalDate.of(2024, 3, 15);
        LandingStore first = new LandingStore(lake);
        page(first, "a", "b", "v1").commit(); // chain a -> b -> c, whose c failed for good
        page(first, "b", "c", "v1").commit();
        first.saveFailed("d", day, CHAIN_PATH, Map.of("cursor", "c"), 503, Map.of(),
                "busy".getBytes(StandardCharsets.UTF_8),
                Instant.now(), "HTTP 503");
        page(first, "x", "shared", "v1").commit(); // chains x -> shared and y -> shared
        page(first, "y", "shared", "v1").commit();
        page(first, "shared", null, "v1").commit();
        first.closeIndex("d", day);

        LandingStore again = new LandingStore(lake);
        again.commitAll(List.of(page(again, "a", null, "v2")));
        again.commitAll(List.of(page(again, "x", null, "v2")));
        again.closeIndex("d", day);

        io.quantmini.replay.CapturedResponses replay = io.quantmini.replay.CapturedResponses.load(root);
        List<String> left = new ArrayList<>();
        try (var files = Files.list(lake.landingDay("d", day))) {
            files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted().forEach(left::add);
        }
        assertEquals(List.of(idOf("a"), idOf("shared"), idOf("x"), idOf("y")).stream().map(id -> id + ".json").sorted()
                .toList(), left, "b and c's failed answer gone; shared stays, y still reaches it");
        assertEquals(200, served(replay, "shared").status());
        assertEquals(4, Files.readAllLines(lake.landingDay("d", day).resolve("_index.jsonl")).size());
    }

    /**
     * Two processes landing in one folder at once (two stores: two sets of index views; the folder's file lock keeps
     * their writes apart): no line is lost, and a page one retired is not named again by the other's index.
     */
    @Test
    void twoRunsInOneFolderKeepEachOthersLinesAndNameNoRetiredFile(@TempDir Path root) throws Exception {
        LakeLayout lake = new LakeLayout(root);
        LocalDate day = LocalDate.of(2024, 3, 15);
        List<Thread> runs = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (String run : List.of("A", "B")) {
            LandingStore store = new LandingStore(lake);
            runs.add(new Thread(() -> {
                try {
                    for (int i = 0; i < 200; i++) {
                        store.save("d", day, CHAIN_PATH, Map.of("cursor", run + i), 200,
                                "{}".getBytes(StandardCharsets.UTF_8), Instant.now());
                    }
                } catch (Throwable t) {
                    errors.add(t);
                }
            }));
        }
        runs.forEach(Thread::start);
        for (Thread run : runs) {
            run.join();
        }
        assertEquals(List.of(), errors);
        assertEquals(400, Files.readAllLines(lake.landingDay("d", day).resolve("_index.jsonl")).size());

        LandingStore setUp = new LandingStore(lake);
        for (int i = 0; i < 10; i++) { // enough lines that the first run's index write waits for its chain's end
            page(setUp, "other" + i, null, "o").commit();
        }
        page(setUp, "a", "b", "v1").commit();
        page(setUp, "b", "c", "v1").commit();
        page(setUp, "c", null, "v1").commit();
        setUp.closeIndex("d", day);
        // the same answers for a and b (two runs that fetch different ones at once leave whichever came last)
        LandingStore daemon = new LandingStore(lake);
        daemon.commitAll(List.of(page(daemon, "a", "b", "v2"), page(daemon, "b", "c", "v2"), page(daemon, "c", null,
                "v2")));
        LandingStore operator = new LandingStore(lake);
        operator.commitAll(List.of(page(operator, "a", "b", "v2"), page(operator, "b", null, "v2")));
        operator.closeIndex("d", day); // retires c
        daemon.closeIndex("d", day);   // its line of c is left out: the file is gone
        io.quantmini.replay.CapturedResponses.load(root); // no line names a missing file
        assertFalse(Files.readString(lake.landingDay("d", day).resolve("_index.jsonl"))
                .contains("\"file\":\"" + idOf("c") + ".json\""));
    }

    /** An index write waits while another process holds the dataset's lock file: read and rename are one's alone. */
    @Test
    void anIndexWriteWaitsForAnotherProcessHoldingTheDatasetsLock(@TempDir Path root) throws Exception {
        LakeLayout lake = new LakeLayout(root);
        LocalDate day = LocalDate.of(2024, 3, 15);
        Path lockFile = lake.landingDay("d", day).getParent().resolve(LandingStore.LOCK_FILE);
        Files.createDirectories(lockFile.getParent());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classPath, HoldLock.class.getName(), lockFile.toString(), "1500").redirectErrorStream(true).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("locked", out.readLine());
            long started = System.nanoTime();
            new LandingStore(lake).save("d", day, CHAIN_PATH, Map.of("cursor", "0"), 200,
                    "{}".getBytes(StandardCharsets.UTF_8), Instant.now());
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(waitedMillis >= 500, "the write went ahead after " + waitedMillis + " ms");
        } finally {
            other.waitFor();
        }
        assertEquals(1, Files.readAllLines(lake.landingDay("d", day).resolve("_index.jsonl")).size());
    }

    /**
     * A run stopped after a re-fetch's pages replaced the earlier ones but before the index had their lines: the
     * lines it wrote ahead ({@link LandingStore#PENDING_FILE}) are taken for the pages whose new bodies are on disk,
     * and the page of the earlier chain it was retiring is left out, by replay and by the next run landing in the
     * folder (which deletes it). The file stays until the day's bronze is written: the planner fetches the day again.
     * Without it, replay refused the whole lake (a body differing from its index line), for good.
     */
    @Test
    void aRunStoppedBetweenAReFetchsRenamesAndItsIndexLeavesALandingThatReplays(@TempDir Path root) throws Exception {
        LakeLayout lake = new LakeLayout(root);
        LocalDate day = LocalDate.of(2024, 3, 15);
        Path folder = lake.landingDay("d", day);
        LandingStore first = new LandingStore(lake);
        landChain(first, "v1", "a", "b", "c");

        LandingStore stopped = new LandingStore(lake);
        stopped.afterRenames = () -> {
            throw new IllegalStateException("stopped");
        };
        List<LandingStore.StagedPage> refetched = List.of(page(stopped, "a", "b", "v2"),
                page(stopped, "b", null, "v2")); // now two pages: c is the earlier chain's
        assertThrows(IllegalStateException.class, () -> stopped.commitAll(refetched));
        assertTrue(LandingStore.commitInterrupted(folder));
        assertTrue(Files.readString(folder.resolve(idOf("a") + ".json")).contains("v2a"), "renamed in");

        io.quantmini.replay.CapturedResponses replay = io.quantmini.replay.CapturedResponses.load(root);
        assertArrayEquals(Files.readAllBytes(folder.resolve(idOf("b") + ".json")),
                served(replay, "b").body());
        assertEquals(404, served(replay, "c").status());

        LandingStore next = new LandingStore(lake); // a later run lands another request of the folder
        page(next, "z", null, "v1").commit();
        next.closeIndex("d", day);
        assertFalse(Files.exists(folder.resolve(idOf("c") + ".json")), "the earlier chain's tail goes");
        assertEquals(3, Files.readAllLines(folder.resolve("_index.jsonl")).size());
        io.quantmini.replay.CapturedResponses.load(root); // every line matches its body
        assertTrue(LandingStore.commitInterrupted(folder), "until the day's bronze is written");
        LandingStore.bronzeWritten(folder, List.of(first.stage("d", day, CHAIN_PATH, Map.of("cursor", "a"), 200,
                "{}".getBytes(StandardCharsets.UTF_8), Instant.now()).page()));
        assertTrue(LandingStore.commitInterrupted(folder), "bronze from other pages (another run's) leaves it");
        LandingStore.bronzeWritten(folder, refetched.stream().map(LandingStore.StagedPage::page).toList());
        assertFalse(LandingStore.commitInterrupted(folder));
        // the index itself now has the re-fetched pages' lines, which the next run took from the pending file
        io.quantmini.replay.CapturedResponses replayed = io.quantmini.replay.CapturedResponses.load(root);
        assertArrayEquals(Files.readAllBytes(folder.resolve(idOf("a") + ".json")),
                served(replayed, "a").body());
    }

    /**
     * A re-fetch whose renames fail (a page's name is taken by a folder) puts the earlier pages back, index and all,
     * and removes its write-ahead file, which would otherwise have the planner fetch the day again as if stopped.
     */
    @Test
    void aReFetchWhoseRenamesFailLeavesTheEarlierChainAsItWas(@TempDir Path root) throws Exception {
        LakeLayout lake = new LakeLayout(root);
        LocalDate day = LocalDate.of(2024, 3, 15);
        Path folder = lake.landingDay("d", day);
        LandingStore first = new LandingStore(lake);
        landChain(first, "v1", "a", "b", "c");
        byte[] indexBefore = Files.readAllBytes(folder.resolve(LandingStore.INDEX_FILE));
        Files.createDirectories(folder.resolve(idOf("n") + ".json").resolve("in-the-way"));

        LandingStore failing = new LandingStore(lake);
        List<LandingStore.StagedPage> shorter = List.of(page(failing, "a", "n", "v2"), page(failing, "n", null, "v2"));
        assertThrows(IOException.class, () -> failing.commitAll(shorter));

        assertFalse(LandingStore.commitInterrupted(folder), "no write-ahead file left");
        assertTrue(Files.readString(folder.resolve(idOf("a") + ".json")).contains("v1a"), "a put back");
        assertArrayEquals(indexBefore, Files.readAllBytes(folder.resolve(LandingStore.INDEX_FILE)));
        LandingStore next = new LandingStore(lake); // a later run landing in the folder retires nothing
        page(next, "z", null, "v1").commit();
        next.closeIndex("d", day);
        io.quantmini.replay.CapturedResponses replay = io.quantmini.replay.CapturedResponses.load(root);
        for (String cursor : List.of("a", "b", "c", "z")) {
            assertEquals(200, served(replay, cursor).status(),
                    cursor);
        }
    }

    /**
     * A first fetch landing page by page while another run re-fetches the same day and commits its whole chain (found
     * by the kill-test helper: the first run's next index write named its own bodies for files that held the other
     * run's, and replay refused the folder): each line describes the body in its file, whoever wrote it.
     */
    @Test
    void aChainLandingWhileAnotherRunReplacesItsPagesKeepsTheLinesOfTheBodiesThere(@TempDir Path root)
            throws Exception {
        LakeLayout lake = new LakeLayout(root);
        Path folder = lake.landingDay("d", DAY);
        LandingStore firstFetch = new LandingStore(lake);
        page(firstFetch, "a", "b", "v1").commit();
        page(firstFetch, "b", "c", "v1").commit();
        page(firstFetch, "c", "d", "v1").commit(); // its line waits for the next index write

        LandingStore refetch = new LandingStore(lake);
        List<LandingStore.StagedPage> refetched = List.of(page(refetch, "a", "b", "v2"), page(refetch, "b", "c", "v2"),
                page(refetch, "c", null, "v2"));
        refetch.commitAll(refetched);
        refetch.closeIndex("d", DAY);
        LandingStore.bronzeWritten(folder, refetched.stream().map(LandingStore.StagedPage::page).toList());

        page(firstFetch, "d", null, "v1").commit();
        firstFetch.closeIndex("d", DAY);

        io.quantmini.replay.CapturedResponses replay = io.quantmini.replay.CapturedResponses.load(root);
        for (String cursor : List.of("a", "b", "c", "d")) {
            assertArrayEquals(Files.readAllBytes(folder.resolve(idOf(cursor) + ".json")),
                    served(replay, cursor).body(), cursor);
        }
        assertTrue(Files.readString(folder.resolve(idOf("c") + ".json")).contains("v2c"));
        assertEquals(4, Files.readAllLines(folder.resolve(LandingStore.INDEX_FILE)).size());
    }

    /** A body dropped before it landed (cut short) takes the day folder it created with it, and only that one. */
    @Test
    void aDiscardedBodyRemovesTheFolderItCreatedOnly(@TempDir Path root) throws IOException {
        LakeLayout lake = new LakeLayout(root);
        LandingStore store = new LandingStore(lake);
        page(store, "a", null, "v1").discard();
        assertFalse(Files.exists(lake.landingDay("d", DAY)));

        page(store, "a", null, "v1").commit();
        page(store, "b", null, "v1").discard();
        assertEquals(List.of(idOf("a") + ".json"), jsonFiles(lake.landingDay("d", DAY)));
    }

    /**
     * Threads landing pages of several requests in one new day folder (split patches: every per-ticker chain whose
     * stale days end that day), each dropping its page: a drop took the folder from under a thread that had made it
     * but not yet written its temp file into it, and that thread's run stopped as if the disk had refused a write.
     */
    @Test
    void aDiscardedBodyLeavesTheFolderToOtherThreadsStagingIntoIt(@TempDir Path root) throws Exception {
        LandingStore store = new LandingStore(new LakeLayout(root));
        int threads = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.concurrent.atomic.AtomicInteger landed = new java.util.concurrent.atomic.AtomicInteger();
        try {
            for (int round = 0; round < 150; round++) {
                LocalDate day = DAY.plusDays(round); // a new folder each round
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
                List<java.util.concurrent.Future<?>> tasks = new java.util.ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String path = "/v2/aggs/ticker/T" + t + "/range/1/day/2024-01-02/" + day;
                    tasks.add(pool.submit(() -> {
                        start.await();
                        for (int k = 0; k < 3; k++) {
                            store.stage("by_ticker", day, path, Map.of("k", "" + k), 200, new byte[4096],
                                    java.time.Instant.EPOCH).discard();
                            landed.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> task : tasks) {
                    task.get(); // a stage that failed fails the test with its exception
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(150 * threads * 3, landed.get());
        try (java.util.stream.Stream<Path> left = Files.list(root.resolve("landing").resolve("by_ticker"))) {
            assertEquals(List.of(), left.toList(), "every folder went with the last page dropped in it");
        }
    }

    /** Blank lines in an index (an operator's edit) are no requests: the next write leaves them out. */
    @Test
    void blankLinesInAnIndexAreSkipped(@TempDir Path root) throws IOException {
        LakeLayout lake = new LakeLayout(root);
        LandingStore first = new LandingStore(lake);
        page(first, "a", null, "v1").commit();
        first.closeIndex("d", DAY);
        Path index = lake.landingDay("d", DAY).resolve(LandingStore.INDEX_FILE);
        Files.writeString(index, "\n" + Files.readString(index) + "  \n\n");

        LandingStore next = new LandingStore(lake);
        page(next, "b", null, "v1").commit();
        next.closeIndex("d", DAY);
        List<String> lines = Files.readAllLines(index);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains(idOf("a")) && lines.get(1).contains(idOf("b")), lines.toString());
    }

    private static List<String> jsonFiles(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted().toList();
        }
    }

    /**
     * A shortening re-fetch stopped after its renames, twice, then the day fetched again to the end (found by the
     * kill-test helper: the re-run wrote the retired page's line back while deleting its file, so replay refused the
     * day; and a second stop forgot the first one's retirement, so the page stayed for good).
     */
    @Test
    void shorteningReFetchesStoppedTwiceThenCompletedLeaveTheShortChainOnly(@TempDir Path root) throws Exception {
        LakeLayout lake = new LakeLayout(root);
        LocalDate day = LocalDate.of(2024, 3, 15);
        Path folder = lake.landingDay("d", day);
        LandingStore first = new LandingStore(lake);
        landChain(first, "v1", "a", "b");
        for (String edition : List.of("v2", "v3")) {
            LandingStore stopped = new LandingStore(lake);
            stopped.afterRenames = () -> {
                throw new IllegalStateException("stopped");
            };
            List<LandingStore.StagedPage> shorter = List.of(page(stopped, "a", null, edition));
            assertThrows(IllegalStateException.class, () -> stopped.commitAll(shorter));
            io.quantmini.replay.CapturedResponses.load(root);
        }
        LandingStore rerun = new LandingStore(lake);
        List<LandingStore.StagedPage> shorter = List.of(page(rerun, "a", null, "v4"));
        rerun.commitAll(shorter);
        rerun.closeIndex("d", day);
        LandingStore.bronzeWritten(folder, shorter.stream().map(LandingStore.StagedPage::page).toList());

        io.quantmini.replay.CapturedResponses.load(root); // no line names a missing file
        List<String> left = new ArrayList<>();
        try (var files = Files.list(folder)) {
            files.map(f -> f.getFileName().toString()).sorted().forEach(left::add);
        }
        assertEquals(List.of(idOf("a") + ".json", "_index.jsonl"), left);
    }
}
