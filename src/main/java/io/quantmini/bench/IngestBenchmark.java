package io.quantmini.bench;

import io.quantmini.app.QuantMiniCamel;
import io.quantmini.calendar.NyseCalendar;
import io.quantmini.config.QuantMiniConfig;
import io.quantmini.ingest.IngestRequest;
import io.quantmini.ingest.IngestRun;
import io.quantmini.ingest.IngestSummary;
import io.quantmini.lake.FileTrees;
import io.quantmini.lake.LakeLayout;
import io.quantmini.landing.LandingStore;
import io.quantmini.replay.CapturedResponses;
import io.quantmini.replay.ReplayServer;
import io.quantmini.replay.SyntheticMarket;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code scripts/bench ingest [tickers] [trading-days] [max-concurrent]}: the whole stocks_daily path
 * (local synthetic Polygon -> HTTP -> landing -> bronze) on a market of 10,000 tickers x 250 trading days
 * by default, into a temp lake that is deleted afterwards. Prints requests, rows/s, bytes, stage times, peak heap.
 * Runs twice by default (fourth argument): cold, as a one-shot command sees it, then again in the same process.
 */
public final class IngestBenchmark {

    public static void main(String[] args) throws Exception {
        int tickers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 250;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Path configDir = ProjectConfig.dir();
        Path routesDir = configDir.resolveSibling("routes");
        NyseCalendar calendar = NyseCalendar.load(NyseCalendar.closuresFile(configDir));
        LocalDate start = LocalDate.of(2023, 1, 3);
        List<LocalDate> tradingDays = calendar.tradingDays(start, start.plusYears(6));
        LocalDate end = tradingDays.get(days - 1);

        long setupStarted = System.nanoTime();
        Path capture = Files.createTempDirectory("quantmini-bench-capture-");
        Path lake = Files.createTempDirectory("quantmini-bench-");
        captureMarket(new SyntheticMarket(new SyntheticMarket.Spec(tickers, start, end, 1), calendar), capture);
        try (ReplayServer server = ReplayServer.start(CapturedResponses.load(capture), 0)) {
            System.out.printf(Locale.ROOT,
                    "market: %,d tickers x %d trading days (%s..%s), captured to %s in %.1f s (not timed)%n",
                    tickers, days, start, end, capture, (System.nanoTime() - setupStarted) / 1e9);
            askForEveryDayOnce(server, calendar.tradingDays(start, end));
            QuantMiniConfig config = QuantMiniConfig.load(configDir, Map.of(), Map.of(
                    QuantMiniConfig.DATA_ROOT, lake.toString(),
                    QuantMiniConfig.BASE_URL, server.baseUrl(),
                    QuantMiniConfig.MAX_CONCURRENT, String.valueOf(concurrency),
                    QuantMiniConfig.REQUESTS_PER_SECOND, "100000"));
            System.out.printf(Locale.ROOT, "%n== run 1 of %d: cold JVM, Camel start-up included (what a one-shot"
                    + " `data ingest` sees)%n", runs);
            Window cold = Window.open();
            IngestRun first = new IngestRun(new IngestRequest("stocks_daily", start, end, false));
            try (QuantMiniCamel app = QuantMiniCamel.create(config, routesDir, false, Clock.systemUTC()).start()) {
                app.ingest(first);
                cold.report(first, lake);
                for (int r = 2; r <= runs; r++) {
                    System.out.printf(Locale.ROOT, "%n== run %d of %d: the same days again in the same process, into"
                            + " an emptied lake (what the long-lived daemon sees after its first run)%n", r, runs);
                    // new days, as the daemon's are: into the earlier run's files, bronze would find them unchanged
                    FileTrees.delete(lake.resolve("landing"));
                    FileTrees.delete(lake.resolve("bronze"));
                    Window warm = Window.open();
                    IngestRun again = new IngestRun(new IngestRequest("stocks_daily", start, end, false));
                    app.ingest(again);
                    warm.report(again, lake);
                }
            }
        } finally {
            FileTrees.delete(lake);
            FileTrees.delete(capture);
        }
    }

    /** What a timed run is measured against: CPU of the process, of each thread and of the JVM's own threads. */
    private record Window(double loadBefore, Map<Long, long[]> threadCpu, Map<String, Double> vmCpu, long processCpu) {

        static Window open() {
            System.gc();
            JvmFigures.resetHeapPeaks();
            return new Window(JvmFigures.loadAverage(), threadCpuNanos(), JvmFigures.vmThreadCpuSeconds(),
                    JvmFigures.processCpuNanos());
        }

        void report(IngestRun run, Path lake) throws IOException {
            Map<String, double[]> groups = cpuByThreadGroupSince(threadCpu);
            StringBuilder vmThreads = new StringBuilder();
            JvmFigures.vmThreadCpuSeconds().forEach((kind, cpu) -> vmThreads.append(String.format(Locale.ROOT,
                    ", %s %.1f s", kind, cpu - vmCpu.getOrDefault(kind, 0.0))));
            double seconds = run.elapsed().toNanos() / 1e9;
            double cpuSeconds = (JvmFigures.processCpuNanos() - processCpu) / 1e9;
            double serverSeconds = groups.entrySet().stream().filter(g -> isReplayServer(g.getKey()))
                    .mapToDouble(g -> g.getValue()[0]).sum();
            double pipelineSeconds = cpuSeconds - serverSeconds;
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.println(IngestSummary.of(run).oneLine());
            System.out.printf(Locale.ROOT,
                    "end-to-end: %,.0f rows/s (%,d rows in %.2f s, %d requests, %d failed days)%n",
                    run.rows() / seconds, run.rows(), seconds, run.requests(), run.failures().size());
            System.out.printf(Locale.ROOT, "cpu: %.2f s of process CPU, of which the in-process replay server (the"
                            + " benchmark's Polygon) %.2f s; load average %.1f before, %.1f after%n",
                    cpuSeconds, serverSeconds, loadBefore, JvmFigures.loadAverage());
            System.out.printf(Locale.ROOT, "pipeline cpu (fetch, landing, bronze, JVM; replay server excluded): %.2f s"
                            + " -> %,.0f rows per CPU-second; on %d uncontended cores ~%,.0f rows/s%n",
                    pipelineSeconds, run.rows() / pipelineSeconds, cores, cores * run.rows() / pipelineSeconds);
            StringBuilder byGroup = new StringBuilder();
            groups.entrySet().stream().filter(g -> g.getValue()[0] > 0.05)
                    .sorted((x, y) -> Double.compare(y.getValue()[0], x.getValue()[0]))
                    .forEach(g -> byGroup.append(String.format(Locale.ROOT, "%n  %6.1f s  (kernel %4.1f s)  %s",
                            g.getValue()[0], g.getValue()[1], g.getKey())));
            double threadSeconds = groups.values().stream().mapToDouble(g -> g[0]).sum();
            System.out.printf(Locale.ROOT, "cpu by thread group during the run:%s%n"
                            + "  %6.1f s  rest: JVM threads%s, threads that ended%n",
                    byGroup, cpuSeconds - threadSeconds, vmThreads);
            System.out.printf(Locale.ROOT, "bronze write (validate+sort+Parquet; records are decoded as pages land),"
                    + " summed over days: %.2f s%n", run.bronzeTime().toNanos() / 1e9);
            System.out.printf(Locale.ROOT, "bytes written: landing %,d, bronze %,d%n",
                    FileTrees.bytes(lake.resolve("landing")), FileTrees.bytes(lake.resolve("bronze")));
            System.out.printf(Locale.ROOT, "peak heap: %,d MB (max heap %,d MB)%n", JvmFigures.peakHeapBytes() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    /**
     * Renders every day of the market once, into a landing-format capture, so the timed run measures our
     * ingest against a replay server that only reads files, not the synthetic generator.
     */
    static void captureMarket(SyntheticMarket market, Path capture) throws IOException {
        LandingStore store = new LandingStore(new LakeLayout(capture));
        for (LocalDate day : market.tradingDays()) {
            Map<String, String> query = Map.of("adjusted", "true");
            byte[] body = market.respond(SyntheticMarket.GROUPED_DAILY + day, query, "http://127.0.0.1").body();
            store.save("stocks_daily", day, SyntheticMarket.GROUPED_DAILY + day, query, 200, body,
                    java.time.Instant.EPOCH);
        }
    }

    /**
     * Asks the fake Polygon for every day once, in gzip as our client asks, before the clock starts: it compresses
     * each body then and serves the timed run from what it kept, as Polygon's servers compress on their own cores.
     * Our client still inflates every body in the timed run, as it does against Polygon.
     */
    private static void askForEveryDayOnce(ReplayServer server, List<LocalDate> days)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long wireBytes = 0;
        for (LocalDate day : days) {
            URI uri = URI.create(server.baseUrl() + SyntheticMarket.GROUPED_DAILY + day + "?adjusted=true");
            HttpRequest request = HttpRequest.newBuilder(uri).header("Accept-Encoding", "gzip").build();
            wireBytes += client.send(request, HttpResponse.BodyHandlers.ofByteArray()).body().length;
        }
        System.out.printf(Locale.ROOT,
                "fake Polygon: %d days compressed once, %,d bytes of gzip, in %.1f s (not timed)%n",
                server.gzipCompressions(), wireBytes, (System.nanoTime() - started) / 1e9);
    }

    /** CPU and user-mode nanoseconds of every live thread, by thread id. */
    static Map<Long, long[]> threadCpuNanos() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, long[]> cpu = new java.util.HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            cpu.put(id, new long[] {Math.max(0, threads.getThreadCpuTime(id)),
                    Math.max(0, threads.getThreadUserTime(id))});
        }
        return cpu;
    }

    /**
     * CPU seconds used since {@code before} was taken, by live thread group (name with digits removed, e.g.
     * "Camel (camel-#) thread ## - Split"): {total, kernel part (socket and file I/O, page faults)}.
     */
    static Map<String, double[]> cpuByThreadGroupSince(Map<Long, long[]> before) {
        Map<String, double[]> seconds = new java.util.TreeMap<>();
        threadCpuNanos().forEach((id, now) -> {
            long[] then = before.getOrDefault(id, new long[2]);
            java.lang.management.ThreadInfo thread = ManagementFactory.getThreadMXBean().getThreadInfo(id);
            if (thread != null) { // null: the thread ended meanwhile
                String group = thread.getThreadName().replaceAll("[0-9]+", "#");
                double[] sum = seconds.computeIfAbsent(group, g -> new double[2]);
                sum[0] += (now[0] - then[0]) / 1e9;
                sum[1] += ((now[0] - then[0]) - (now[1] - then[1])) / 1e9;
            }
        });
        return seconds;
    }

    /** The replay server's threads: its handlers and the JDK HTTP server's dispatcher. */
    private static boolean isReplayServer(String threadGroup) {
        return threadGroup.startsWith("replay-http-") || threadGroup.equals("HTTP-Dispatcher");
    }
}
