package io.quantmini.cli;

import io.quantmini.ingest.TestApp;
import io.quantmini.lake.LakeLayout;
import io.quantmini.replay.ReplayServer;
import io.quantmini.replay.SyntheticMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM (or Ctrl-C) during `data ingest`, or the demo's: no new day starts, the days in flight land whole, the
 * summary says so.
 */
class IngestStopTest {

    @TempDir
    Path temp;

    @Test
    void aSignalStopsTheRunAfterItsDaysInFlightAndTheSummaryCountsTheRest() throws Exception {
        LocalDate first = LocalDate.of(2024, 1, 2);
        LocalDate last = LocalDate.of(2024, 3, 28);
        SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(20, first, last, 5), TestApp.calendar());
        Path lake = temp.resolve("lake");
        try (ReplayServer server = ReplayServer.start((path, query, base) -> market.respond(path, query, base)
                .withDelay(200), 0)) {
            Process ingest = startIngest(first, last, lake, server);
            Path bronze = new LakeLayout(lake).bronzeDataset("stocks_daily");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (parquetFiles(bronze).size() < 2 && ingest.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            ingest.destroy(); // SIGTERM
            assertTrue(ingest.waitFor(30, TimeUnit.SECONDS), "stopped within the shutdown timeout");
            String out = Files.readString(temp.resolve("out.txt"), StandardCharsets.UTF_8);
            String err = Files.readString(temp.resolve("err.txt"), StandardCharsets.UTF_8);
            assertEquals(143, ingest.exitValue(), err);
            int written = parquetFiles(bronze).size();
            int tradingDays = 61;
            assertTrue(written >= 2 && written < tradingDays, written + " days written of " + tradingDays);
            assertTrue(out.contains("stocks_daily: dates requested=" + tradingDays + " skipped=0 written=" + written
                    + " unchanged=0 empty=0 failed=0 not_started=" + (tradingDays - written) + " "),
                    "the days not started are not failed ones: " + out);
            assertTrue(err.contains("quantmini: ingest failed: run stopped: a signal asked the process to stop (an"
                    + " --incremental re-run fetches the days it left) (" + (tradingDays - written)
                    + " days not started)"),
                    err);
            assertTrue(err.lines().filter(line -> line.contains("run stopped")).count() <= 2,
                    "not a line per day: " + err);
            try (Stream<Path> files = Files.walk(lake)) {
                assertEquals(List.of(), files.filter(f -> f.getFileName().toString().contains(".tmp-")).toList(),
                        "the days in flight landed whole");
            }
        }
    }

    /** The demo's ingest stops as `data ingest` does: it went on for ~25 s, until Camel's shutdown cut it. */
    @Test
    void aSignalStopsTheDemosIngestWithItsSummary() throws Exception {
        Path lake = temp.resolve("demo-lake");
        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), QuantMini.class.getName(), "demo", "--tickers", "20",
                "--start", "1990-01-02", "--end", "2024-04-30", "--data-root", lake.toString(),
                "--config-dir", "config", "--routes-dir", "routes")
                .redirectOutput(temp.resolve("out.txt").toFile()).redirectError(temp.resolve("err.txt").toFile());
        Process demo = command.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Path landing = lake.resolve("landing");
        while (landedBodies(landing) < 20 && demo.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50); // into the splits' 8,648 days
        }
        long signalled = System.nanoTime();
        demo.destroy(); // SIGTERM
        assertTrue(demo.waitFor(30, TimeUnit.SECONDS), "stopped");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - signalled);
        String out = Files.readString(temp.resolve("out.txt"), StandardCharsets.UTF_8);
        String err = Files.readString(temp.resolve("err.txt"), StandardCharsets.UTF_8);
        assertEquals(143, demo.exitValue(), err);
        assertTrue(seconds < 10, "stopped in " + seconds + " s: " + err);
        assertTrue(out.contains("splits: dates requested=8648 skipped=0 written="), out);
        assertTrue(!out.contains("stocks_daily:"), "the bars were not started: " + out);
        assertTrue(err.contains("quantmini: demo ingest failed: run stopped: a signal asked the process to stop"), err);
    }

    /**
     * A server that stops answering (here from the third day on): the day in flight is not waited for past a short
     * grace, nor retried, so the stop takes seconds instead of the request deadline, and the summary still comes out.
     */
    @Test
    void aSignalCutsARequestTheServerStalls() throws Exception {
        String err = signalledOnTheThirdDay(answer -> answer.withDelay(300_000), (asked, errors) -> asked >= 3, 20);
        assertTrue(err.contains("quantmini: ingest failed: run stopped: a signal asked the process to stop"), err);
    }

    /**
     * A signal while a day waits out a retry back-off (here a 503 asking for 50 s): the wait is given up at once and
     * the request is not asked again. Camel's delayed redelivery, used before, held the stop for the whole back-off.
     */
    @Test
    void aSignalCutsARetryBackOffShort() throws Exception {
        String err = signalledOnTheThirdDay(answer -> new io.quantmini.replay.ReplayResponse(503,
                        java.util.Map.of("Retry-After", "50"),
                        "{\"status\":\"ERROR\"}".getBytes(StandardCharsets.UTF_8),
                        0, false), (asked, errors) -> errors.contains("retry 1/"), 10);
        assertTrue(err.contains("stocks_daily 2024-01-04: HTTP 503"), err);
        assertTrue(err.contains("quantmini: ingest failed: run stopped: a signal asked the process to stop"), err);
        // the day in its back-off is named once, without the stop's reason again
        assertTrue(err.contains("(18 days not started; 1 day stopped while waiting to send a request: 2024-01-04)"),
                "the day in its back-off was asked: " + err);
        assertEquals(1, err.lines().filter(l -> l.startsWith("quantmini: ingest failed: ")).findFirst().orElseThrow()
                .split("a signal asked the process to stop", -1).length - 1, "the stop's reason once: " + err);
        // a retry is routine (INFO); a day the stop failed is said once, as a WARN, not as one ERROR per day
        List<String> lines = err.lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains(" INFO ") && l.contains("; retry 1/6 in ")), err);
        assertTrue(lines.stream().anyMatch(l -> l.contains(" WARN ") && l.contains("stocks_daily 2024-01-04 failed: the"
                + " run stopped while this day waited")
                && l.endsWith("(so did any other day waiting to send a request)")), err);
        assertTrue(lines.stream().noneMatch(l -> l.contains(" ERROR ")), err);
    }

    /**
     * An ingest of January, one day at a time, from a server that answers the first two requests from a synthetic
     * market and the rest with {@code third} applied to the market's answer; SIGTERM once {@code signalWhen} holds
     * (requests asked so far, stderr so far). The stop must take under {@code maxSeconds}, exit 143 with the two days
     * written, and not ask the third request again. Returns stderr.
     */
    private String signalledOnTheThirdDay(java.util.function.UnaryOperator<io.quantmini.replay.ReplayResponse> third,
                                          java.util.function.BiPredicate<Integer, String> signalWhen, int maxSeconds)
            throws Exception {
        LocalDate first = LocalDate.of(2024, 1, 2);
        LocalDate last = LocalDate.of(2024, 1, 31);
        SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(20, first, last, 5), TestApp.calendar());
        Path lake = temp.resolve("lake");
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        try (ReplayServer server = ReplayServer.start((path, query, base) -> asked.incrementAndGet() <= 2
                ? market.respond(path, query, base) : third.apply(market.respond(path, query, base)), 0)) {
            Process ingest = startIngest(first, last, lake, server);
            Path errFile = temp.resolve("err.txt");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!signalWhen.test(asked.get(), Files.readString(errFile, StandardCharsets.UTF_8)) && ingest.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long signalled = System.nanoTime();
            ingest.destroy(); // SIGTERM
            assertTrue(ingest.waitFor(30, TimeUnit.SECONDS), "stopped");
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - signalled);
            String out = Files.readString(temp.resolve("out.txt"), StandardCharsets.UTF_8);
            String err = Files.readString(errFile, StandardCharsets.UTF_8);
            assertEquals(143, ingest.exitValue(), err);
            assertTrue(seconds < maxSeconds, "stopped in " + seconds + " s, not held up: " + err);
            assertEquals(2, parquetFiles(new LakeLayout(lake).bronzeDataset("stocks_daily")).size());
            assertTrue(out.contains("stocks_daily: dates requested=21 skipped=0 written=2 unchanged=0 empty=0 failed=1"
                    + " not_started=18 "), out);
            assertTrue(out.contains(" requests=3 retries=0 "), "no retry was sent, so none is counted: " + out);
            assertEquals(3, asked.get(), "the third request was not asked again");
            return err;
        }
    }

    /** `data ingest` of first..last, one day at a time, in a child JVM, its output in out.txt and err.txt. */
    private Process startIngest(LocalDate first, LocalDate last, Path lake, ReplayServer server)
            throws java.io.IOException {
        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), QuantMini.class.getName(), "data", "ingest",
                "-t", "stocks_daily", "-s", first.toString(), "-e", last.toString(), "--max-concurrent", "1",
                "--data-root", lake.toString(), "--config-dir", "config", "--routes-dir", "routes")
                .redirectOutput(temp.resolve("out.txt").toFile()).redirectError(temp.resolve("err.txt").toFile());
        command.environment().put("POLYGON_BASE_URL", server.baseUrl());
        command.environment().remove("POLYGON_API_KEY");
        return command.start();
    }

    private static long landedBodies(Path landing) throws java.io.IOException {
        if (!Files.isDirectory(landing)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(landing)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
        } catch (java.io.UncheckedIOException e) {
            return 0; // a temp file renamed while the walk passed it: look again
        }
    }

    private static List<Path> parquetFiles(Path bronze) throws java.io.IOException {
        if (!Files.isDirectory(bronze)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(bronze)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList();
        }
    }
}
