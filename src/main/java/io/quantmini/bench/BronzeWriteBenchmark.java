package io.quantmini.bench;

import io.quantmini.bronze.BronzeDayWriter;
import io.quantmini.bronze.DatasetSchema;
import io.quantmini.lake.FileTrees;
import io.quantmini.lake.LakeLayout;
import io.quantmini.landing.LandingPage;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.quantmini.bench.BenchBars.round4;
import static io.quantmini.bench.BenchBars.ticker;

/**
 * Measures the JSON -> Parquet stage: N days x M tickers of synthetic grouped-daily responses, written
 * with {@link BronzeDayWriter} into a temporary data root. The JSON is generated before the clock starts
 * (a few distinct days, reused with new dates), so only decoding, validating and writing are timed, in a second
 * pass after an untimed warm-up pass of the same size.
 *
 * <pre>
 * scripts/bench bronze [--days 250] [--tickers 10000] [--threads 2]
 *      [--schema config/datasets/stocks_daily.yaml] [--keep]
 * </pre>
 */
public final class BronzeWriteBenchmark {

    private static final int DISTINCT_BODIES = 8;
    /** CPU time of the writing threads: wall time alone misleads when other processes share the cores. */
    private static final AtomicLong cpuNanos = new AtomicLong();

    public static void main(String[] args) throws Exception {
        int days = 250;
        int tickers = 10_000;
        int threads = 2;
        Path schemaFile = ProjectConfig.datasetSchema("stocks_daily");
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--days" -> days = Integer.parseInt(args[++i]);
                case "--tickers" -> tickers = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--schema" -> schemaFile = Paths.get(args[++i]);
                case "--keep" -> keep = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        DatasetSchema schema = DatasetSchema.load(schemaFile);
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < DISTINCT_BODIES; i++) {
            bodies.add(groupedDaily(tickers, new Random(42 + i)));
        }
        System.out.printf(Locale.ROOT, "input: %d days x %d tickers, %.1f KB JSON per day, %d thread(s), %d cores;"
                        + " timed: the second of two passes%n",
                days, tickers, bodies.get(0).length / 1024.0, threads, Runtime.getRuntime().availableProcessors());

        Path warmRoot = Files.createTempDirectory("bronze-bench-warmup");
        // A full warm-up pass first: Parquet's per-file code runs once per file and column, so the JIT is still
        // compiling it well into a first pass; the timed pass is the stage's steady state (the cold, one-shot cost
        // shows in `scripts/bench ingest`'s first run).
        run(new BronzeDayWriter(new LakeLayout(warmRoot), schema), bodies, days, threads);
        FileTrees.delete(warmRoot);

        Path root = Files.createTempDirectory("bronze-bench");
        System.gc();
        JvmFigures.resetHeapPeaks();
        long gcCountBefore = gcCount();
        long gcTimeBefore = gcTimeMillis();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        cpuNanos.set(0);
        java.util.Map<String, Double> vmCpuBefore = JvmFigures.vmThreadCpuSeconds();
        long processCpuBefore = JvmFigures.processCpuNanos();
        long t0 = System.nanoTime();
        long rows = run(new BronzeDayWriter(new LakeLayout(root), schema), bodies, days, threads);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double processCpu = (JvmFigures.processCpuNanos() - processCpuBefore) / 1e9;
        StringBuilder vmCpu = new StringBuilder();
        JvmFigures.vmThreadCpuSeconds().forEach((kind, cpu) -> vmCpu.append(String.format(Locale.ROOT, ", %s %.2f s",
                kind, cpu - vmCpuBefore.getOrDefault(kind, 0.0))));
        long bytes = FileTrees.bytes(new LakeLayout(root).bronzeDataset(schema.name())); // the day files only

        double cpuSeconds = cpuNanos.get() / 1e9;
        System.out.printf(Locale.ROOT, "rows: %,d in %.2f s wall -> %,.0f rows/s (JSON -> Parquet)%n", rows, seconds,
                rows / seconds);
        System.out.printf(Locale.ROOT, "cpu: %.2f s in writer threads -> %,.0f rows per CPU-second; %d such threads on"
                        + " uncontended cores -> ~%,.0f rows/s (load average %.2f before, %.2f after)%n",
                cpuSeconds, rows / cpuSeconds, threads, threads * rows / cpuSeconds, loadBefore,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "process cpu during the timed run: %.2f s (JVM threads%s)%n", processCpu, vmCpu);
        System.out.printf(Locale.ROOT, "parquet written: %,d bytes (%.1f MB, %.1f bytes/row) in %d files%n",
                bytes, bytes / 1e6, (double) bytes / rows, days);
        System.out.printf(Locale.ROOT, "peak heap: %.1f MB (max %.0f MB); GC: %d collections, %d ms%n",
                JvmFigures.peakHeapBytes() / 1e6, Runtime.getRuntime().maxMemory() / 1e6, gcCount() - gcCountBefore,
                gcTimeMillis() - gcTimeBefore);
        if (keep) {
            System.out.println("lake kept at " + root);
        } else {
            FileTrees.delete(root);
        }
    }

    /** Writes {@code days} weekdays from 2024-01-02 on, spread over a fixed pool; returns rows written. */
    private static long run(BronzeDayWriter writer, List<byte[]> bodies, int days, int threads) throws Exception {
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2024, 1, 2); dates.size() < days; d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                dates.add(d);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<Long>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                    long rows = 0;
                    for (int i = next.getAndIncrement(); i < dates.size(); i = next.getAndIncrement()) {
                        LocalDate date = dates.get(i);
                        Path landing = Paths.get("landing", "stocks_daily", date.toString(), "bench-" + i + ".json");
                        LandingPage page = new LandingPage("bench-" + i, landing, bodies.get(i % bodies.size()));
                        rows += writer.write(date, List.of(page)).rows();
                    }
                    cpuNanos.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0);
                    return rows;
                }));
            }
            long rows = 0;
            for (Future<Long> worker : workers) {
                rows += worker.get();
            }
            return rows;
        } finally {
            pool.shutdown();
        }
    }

    /** A grouped-daily response shaped like Polygon's: valid, consistent bars for {@code tickers} symbols. */
    static byte[] groupedDaily(int tickers, Random random) {
        StringBuilder json = new StringBuilder(tickers * 140);
        json.append("{\"queryCount\":").append(tickers).append(",\"resultsCount\":").append(tickers)
                .append(",\"adjusted\":true,\"results\":[");
        for (int i = 0; i < tickers; i++) {
            double open = 5 + random.nextDouble() * 300;
            double close = open * (0.95 + random.nextDouble() * 0.1);
            double high = Math.max(open, close) * (1 + random.nextDouble() * 0.03);
            double low = Math.min(open, close) * (1 - random.nextDouble() * 0.03);
            json.append(i == 0 ? "" : ",").append("{\"T\":\"").append(ticker(i)).append('"')
                    .append(",\"v\":").append(random.nextInt(5_000_000)).append('.').append(random.nextInt(10))
                    .append(",\"vw\":").append(round4(low + (high - low) * random.nextDouble()))
                    .append(",\"o\":").append(round4(open))
                    .append(",\"c\":").append(round4(close))
                    .append(",\"h\":").append(round4(high))
                    .append(",\"l\":").append(round4(low))
                    .append(",\"t\":").append(1704229200000L)
                    .append(",\"n\":").append(random.nextInt(100_000));
            if (i % 50 == 0) {
                json.append(",\"otc\":true");
            }
            json.append('}');
        }
        json.append("],\"status\":\"OK\",\"request_id\":\"bench\",\"count\":").append(tickers).append('}');
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcTimeMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }
}
