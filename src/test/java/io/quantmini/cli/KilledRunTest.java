package io.quantmini.cli;

import io.quantmini.ingest.TestApp;
import io.quantmini.replay.ReplayServer;
import io.quantmini.replay.SyntheticMarket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A command killed with SIGKILL in the middle of its work, then run again with the commands after it, leaves the
 * same lake as commands that were never killed: landing, bronze, rejects, silver and gold, byte for byte (but the
 * times and file stamps they record), with no temp file anywhere. Each command runs in its own JVM and is killed at a
 * point seen on disk, so that the kill lands mid-write whatever the machine's speed.
 */
class KilledRunTest {

    private static final LocalDate FIRST = LocalDate.of(2024, 1, 2);
    private static final LocalDate FIRST_BUILD_END = LocalDate.of(2024, 4, 30);
    private static final LocalDate LAST = LocalDate.of(2024, 5, 3);
    /** A first build of the lake (steps 0-3), then three more days through every layer (steps 4-7). */
    private static final List<List<String>> STEPS = List.of(
            ingest("stocks_daily", FIRST_BUILD_END), ingest("splits", FIRST_BUILD_END),
            List.of("transform", "features"), List.of("convert", "qlib"),
            ingest("stocks_daily", LAST), ingest("splits", LAST),
            List.of("transform", "features"), List.of("convert", "qlib"));
    private static final int FIRST_BUILD_STEPS = 4;

    @TempDir
    static Path temp;
    private static ReplayServer polygon;
    /** Copies of the lake after each step of an uninterrupted run: {@code lakeAfter[i]} has steps 0..i done. */
    private static Path[] lakeAfter;

    @BeforeAll
    static void uninterruptedRun() throws Exception {
        SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(30, FIRST, LAST, 5), TestApp.calendar());
        // slow enough answers that a kill lands with days in flight
        polygon = ReplayServer.start((path, query, base) -> market.respond(path, query, base).withDelay(20), 0);
        lakeAfter = new Path[STEPS.size()];
        Path lake = temp.resolve("uninterrupted");
        for (int step = 0; step < STEPS.size(); step++) {
            assertEquals(0, finish(step, lake), () -> output(lake));
            lakeAfter[step] = temp.resolve("after-step-" + step);
            TestApp.copyTree(lake, lakeAfter[step]);
        }
    }

    @AfterAll
    static void stopPolygon() {
        polygon.close();
    }

    @Test
    void anIngestKilledWithDaysInBronze() throws Exception {
        killedAndRunAgain(0, lake -> count(lake.resolve("bronze/stocks_daily"), ".parquet") >= 10
                && temps(lake) > 0);
    }

    /**
     * A day of splits is a file of a few hundred bytes, in flight for microseconds: the kill waits for a temp file (of
     * landing or bronze) for a while, and otherwise lands between writes, a third of the days in.
     */
    @Test
    void aSplitsIngestKilledWithDaysInBronze() throws Exception {
        killedAndRunAgain(1, lake -> {
            long days = count(lake.resolve("bronze/splits"), ".parquet");
            return days >= 10 && (temps(lake) > 0 || days >= 30);
        });
    }

    @Test
    void featuresKilledWithSilverHalfWritten() throws Exception {
        killedAndRunAgain(2, lake -> count(lake.resolve("silver/stocks_daily"), ".parquet") >= 1
                && temps(lake.resolve("silver")) > 0);
    }

    @Test
    void aFirstQlibBuildKilledHalfWritten() throws Exception {
        killedAndRunAgain(3, lake -> count(lake.resolve("gold"), ".day.bin") >= 20);
    }

    /** Gold appends new days in place, marked: the run after the kill builds a new generation in full. */
    @Test
    void aQlibAppendKilledInPlace() throws Exception {
        killedAndRunAgain(7, lake -> Files.exists(lake.resolve("gold/qlib/.in-place-run")), 1);
    }

    /**
     * {@code quantmini run} takes the silver handoff one-shot ingests leave, and killed once in silver and once in gold
     * (its first build), then started again, ends with the lake the one-shot commands build (but the daemon's lock
     * file): no handoff is lost to a kill.
     */
    @Test
    void aDaemonKilledInSilverThenInGold() throws Exception {
        Path lake = temp.resolve("daemon");
        TestApp.copyTree(lakeAfter[1], lake); // both datasets ingested: silver's handoff waits
        Path config = TestApp.copyOfConfig(temp.resolve("daemon-config"));
        TestApp.edit(config.resolve("quantmini.properties"), "quantmini.schedule.cron=0 0 6 ? * MON-FRI",
                "quantmini.schedule.cron=0 0 0 1 1 ? 2099"); // no scheduled ingest: the handoff alone
        for (Predicate<Path> midWork : List.<Predicate<Path>>of(
                killed -> temps(killed.resolve("silver")) > 0,
                killed -> count(killed.resolve("gold"), ".day.bin") >= 20)) {
            Process daemon = start(List.of("run"), lake, config);
            assertTrue(awaitWhileAlive(daemon, () -> midWork.test(lake)),
                    () -> "the daemon did not reach the kill point: " + output(lake));
            daemon.destroyForcibly();
            assertTrue(daemon.waitFor(30, TimeUnit.SECONDS));
        }
        Process daemon = start(List.of("run"), lake, config);
        assertTrue(awaitWhileAlive(daemon, () -> handedOffAndDone(lake) && sleep(3000) && handedOffAndDone(lake)),
                () -> "silver and gold not done within a minute: " + output(lake));
        daemon.destroy(); // SIGTERM: the daemon's own stop
        assertTrue(daemon.waitFor(30, TimeUnit.SECONDS));
        assertEquals(143, daemon.exitValue(), () -> output(lake)); // a clean stop (the systemd unit says so too)
        Files.delete(lake.resolve(".quantmini-run.lock")); // one-shot commands take none
        assertSameLake(lakeAfter[FIRST_BUILD_STEPS - 1], lake);
        assertEquals(0, generations(lake) - generations(lakeAfter[FIRST_BUILD_STEPS - 1]), "gold generations");
    }

    private static List<String> ingest(String dataset, LocalDate end) {
        return List.of("data", "ingest", "-t", dataset, "-s", FIRST.toString(), "-e", end.toString(), "--incremental");
    }

    /**
     * Steps before {@code killed} done, {@code killed} killed once {@code midWork} holds, then it and the rest of its
     * phase (the first build, or the later days), which must leave the lake the uninterrupted run had then.
     */
    private void killedAndRunAgain(int killed, Predicate<Path> midWork) throws Exception {
        killedAndRunAgain(killed, midWork, 0);
    }

    /** ... and with {@code retired} gold generations more than the uninterrupted run (kept a day for readers). */
    private void killedAndRunAgain(int killed, Predicate<Path> midWork, int retired) throws Exception {
        Path lake = temp.resolve("killed-at-step-" + killed);
        if (killed > 0) {
            TestApp.copyTree(lakeAfter[killed - 1], lake);
        } else {
            Files.createDirectories(lake);
        }
        Process process = start(STEPS.get(killed), lake, TestApp.CONFIG_DIR);
        assertTrue(awaitWhileAlive(process, () -> midWork.test(lake)),
                () -> "step " + killed + " did not reach the kill point: " + output(lake));
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        int phaseEnd = killed < FIRST_BUILD_STEPS ? FIRST_BUILD_STEPS - 1 : STEPS.size() - 1;
        for (int step = killed; step <= phaseEnd; step++) {
            int again = step;
            assertEquals(0, finish(step, lake), () -> "step " + again + " after the kill: " + output(lake));
        }
        assertSameLake(lakeAfter[phaseEnd], lake);
        assertEquals(generations(lakeAfter[phaseEnd]) + retired, generations(lake), "gold generations");
    }

    private static void assertSameLake(Path uninterrupted, Path lake) throws IOException {
        Map<String, String> expected = contents(uninterrupted);
        Map<String, String> actual = contents(lake);
        assertEquals(List.of(), missing(expected, actual), "files of the uninterrupted run missing");
        assertEquals(List.of(), missing(actual, expected), "files the uninterrupted run has not (a temp file?)");
        for (String file : expected.keySet()) {
            assertEquals(expected.get(file), actual.get(file), file);
        }
    }

    /** Waits up to a minute for {@code condition} while {@code process} runs; whether it came about. */
    private static boolean awaitWhileAlive(Process process, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (process.isAlive() && System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** No handoff waits for silver or gold, and gold has been built. */
    private static boolean handedOffAndDone(Path lake) {
        return Files.exists(lake.resolve("gold/qlib")) && count(lake.resolve("_handoff/silver"), ".json") == 0
                && count(lake.resolve("_handoff/gold"), ".json") == 0;
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long generations(Path lake) throws IOException {
        try (Stream<Path> gold = Files.list(lake.resolve("gold"))) {
            return gold.filter(folder -> folder.getFileName().toString().startsWith(".qlib-gen-")).count();
        }
    }

    /** The files of {@code from} not in {@code in}: the first ten, then how many more (a whole tree can be left). */
    private static List<String> missing(Map<String, String> from, Map<String, String> in) {
        List<String> files = from.keySet().stream().filter(file -> !in.containsKey(file)).toList();
        return files.size() <= 10 ? files : Stream.concat(files.stream().limit(10),
                Stream.of("... and " + (files.size() - 10) + " more")).toList();
    }

    private static int finish(int step, Path lake) throws Exception {
        Process process = start(STEPS.get(step), lake, TestApp.CONFIG_DIR);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), () -> "step " + step + " did not end: " + output(lake));
        return process.exitValue();
    }

    /** One command in a child JVM, its output appended to the lake's sibling log. */
    private static Process start(List<String> arguments, Path lake, Path config) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), QuantMini.class.getName()));
        command.addAll(arguments);
        command.addAll(List.of("--data-root", lake.toString(), "--config-dir", config.toString()));
        if (List.of("data", "run").contains(arguments.get(0))) {
            command.addAll(List.of("--routes-dir", TestApp.ROUTES_DIR.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logOf(lake).toFile()));
        builder.environment().put("POLYGON_BASE_URL", polygon.baseUrl());
        builder.environment().remove("POLYGON_API_KEY");
        builder.environment().remove("DATA_ROOT");
        return builder.start();
    }

    private static Path logOf(Path lake) {
        return lake.resolveSibling(lake.getFileName() + ".log");
    }

    private static String output(Path lake) {
        try {
            return Files.readString(logOf(lake), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Files being written: a kill now leaves them behind for the next run to sweep. */
    private static long temps(Path folder) {
        return count(folder, name -> name.contains(".tmp-"));
    }

    private static long count(Path folder, String suffix) {
        return count(folder, name -> name.endsWith(suffix));
    }

    private static long count(Path folder, Predicate<String> name) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> name.test(f.getFileName().toString())).count();
        } catch (IOException | UncheckedIOException e) {
            return 0; // a temp file renamed while the walk passed it: look again
        }
    }

    /**
     * Every file of the lake by relative path, its bytes as text with what differs between two uninterrupted runs
     * masked: receive times, file stamps (size, times, inode) and the name of gold's current generation. Silver's
     * cache of bronze tickers and gold's earlier generations are left out ({@link #generations} counts them).
     */
    private static Map<String, String> contents(Path root) throws IOException {
        Path gold = root.resolve("gold/qlib").toRealPath();
        Map<String, String> byPath = new TreeMap<>();
        try (Stream<Path> files = Stream.concat(Files.walk(root), Files.walk(gold))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.startsWith(gold) ? "gold/qlib/" + gold.relativize(file)
                        : root.relativize(file).toString();
                if (!Files.isRegularFile(file) || name.startsWith("gold/.qlib-gen-")
                        || name.contains("/_bronze_tickers/")) {
                    continue;
                }
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
                        .replaceAll("\"received_at\":\"[^\"]*\"", "")
                        .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<time>")
                        .replaceAll("\\d+@\\d+(:\\d+)?#\\(dev=[0-9a-f]+,ino=\\d+\\)", "<stamp>");
                byPath.put(name, text);
            }
        }
        return byPath;
    }
}
