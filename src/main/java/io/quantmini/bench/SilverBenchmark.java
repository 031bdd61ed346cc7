package io.quantmini.bench;

import io.quantmini.bronze.BronzeDayWriter;
import io.quantmini.bronze.DatasetSchema;
import io.quantmini.calendar.NyseCalendar;
import io.quantmini.lake.FileTrees;
import io.quantmini.lake.LakeLayout;
import io.quantmini.landing.LandingPage;
import io.quantmini.replay.ReplayResponse;
import io.quantmini.replay.SyntheticMarket;
import io.quantmini.silver.ComputeTimes;
import io.quantmini.silver.HeldDays;
import io.quantmini.silver.SilverResult;
import io.quantmini.silver.SilverStage;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Bronze → silver throughput: builds a bronze lake of N symbols × D trading days from {@link SyntheticMarket}'s
 * grouped-daily bodies (through {@link BronzeDayWriter}, untimed), times a full silver build, then adds day D+1 to
 * bronze and times the incremental run.
 *
 * <pre>
 * scripts/bench silver [--tickers 10000] [--days 1260] [--config config] [--keep]
 *      [--lake DIR]
 * </pre>
 * {@code --lake DIR} keeps the lake in DIR and reuses its bronze days on the next run with the same arguments
 * (the bronze setup of 10,000 × 1,260 takes minutes); day D+1 is removed first so the incremental run stays one day.
 */
public final class SilverBenchmark {

    private static final String DATASET = "stocks_daily";

    private SilverBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tickers = 10_000;
        int days = 1_260;
        Path config = ProjectConfig.dir();
        boolean keep = false;
        Path lakeDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tickers" -> tickers = Integer.parseInt(args[++i]);
                case "--days" -> days = Integer.parseInt(args[++i]);
                case "--config" -> config = Path.of(args[++i]);
                case "--keep" -> keep = true;
                case "--lake" -> lakeDir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        NyseCalendar calendar = NyseCalendar.load(NyseCalendar.closuresFile(config));
        LocalDate start = LocalDate.of(2019, 1, 2);
        List<LocalDate> tradingDays = calendar.tradingDays(start, start.plusYears(days / 200 + 2)).subList(0, days + 1);
        SyntheticMarket market = new SyntheticMarket(
                new SyntheticMarket.Spec(tickers, start, tradingDays.get(days), 7), calendar);
        Path root = lakeDir != null ? Files.createDirectories(lakeDir) : Files.createTempDirectory("silver-bench");
        keep |= lakeDir != null;
        LakeLayout lake = new LakeLayout(root);
        BronzeDayWriter bronze = new BronzeDayWriter(lake,
                DatasetSchema.load(config.resolve("datasets").resolve(DATASET + ".yaml")));
        System.out.printf(Locale.ROOT, "bench: %,d tickers x %,d days (%s..%s), %d cores, max heap %,d MB, lake %s%n",
                tickers, days, tradingDays.get(0), tradingDays.get(days - 1),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, root);

        long t0 = System.nanoTime();
        Files.deleteIfExists(lake.bronzeDayFile(DATASET, tradingDays.get(days)));
        Files.deleteIfExists(lake.silverDayFile(DATASET, tradingDays.get(days)));
        // removed on purpose: else the full build warns that a day silver held has vanished
        Files.deleteIfExists(HeldDays.fileIn(lake.silverDataset(DATASET)));
        long bronzeRows = IntStream.range(0, days).parallel()
                .filter(i -> !Files.exists(lake.bronzeDayFile(DATASET, tradingDays.get(i))))
                .mapToLong(i -> writeBronze(market, bronze, lake, tradingDays.get(i))).sum();
        System.out.printf(Locale.ROOT, "bronze: %,d rows written in %.1f s (setup, not timed below)%n",
                bronzeRows, seconds(t0));

        SilverStage stage = new SilverStage(lake, DATASET);
        report("full build", () -> stage.run(null, null, true));
        System.out.printf(Locale.ROOT, "silver: %,d bytes in %,d files; bronze: %,d bytes%n",
                FileTrees.bytes(lake.silverDataset(DATASET)), count(lake.silverDataset(DATASET)),
                FileTrees.bytes(lake.bronzeDataset(DATASET)));
        writeBronze(market, bronze, lake, tradingDays.get(days));
        report("incremental (+1 day)", () -> stage.run(null, null, false));
        report("re-run, nothing new", () -> stage.run(null, null, false));

        if (keep) {
            System.out.println("lake kept at " + root);
        } else {
            FileTrees.delete(root);
        }
    }

    private interface Run {
        SilverResult run() throws IOException;
    }

    private static void report(String label, Run run) throws IOException {
        System.gc();
        JvmFigures.resetHeapPeaks();
        long cpu0 = JvmFigures.processCpuNanos();
        long t0 = System.nanoTime();
        SilverResult r = run.run();
        double wall = seconds(t0);
        double cpu = (JvmFigures.processCpuNanos() - cpu0) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %d days, %,d rows, %,d symbols in %.2f s -> %s rows/s"
                        + " | read %.2f s, compute %.2f s (%s rows/s), write %.2f s (%s rows/s)"
                        + " | cpu %.1f s (read %.1f, compute %.1f, write %.1f), peak heap %,d MB, load %.2f%n",
                label, r.daysWritten(), r.rows(), r.symbols(), wall, rate(r.rows(), wall),
                r.readSeconds(), r.computeSeconds(), rate(r.rows(), r.computeSeconds()), r.writeSeconds(),
                rate(r.rows(), r.writeSeconds()), cpu, r.readCpu(), r.computeCpu(), r.writeCpu(),
                JvmFigures.peakHeapBytes() >> 20, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        ComputeTimes compute = r.computeTimes();
        if (r.computeSeconds() > 0) {
            System.out.printf(Locale.ROOT, "  compute phase: features %.2f thread-s, copy into day columns %.2f"
                            + " thread-s, waiting for the day columns' allocation %.2f s%n",
                    compute.featuresCpu(), compute.copyCpu(), compute.tablesSeconds());
        }
    }

    /** Rows per second, or "-" for a phase that did not run (a re-run with nothing new). */
    private static String rate(long rows, double seconds) {
        return rows == 0 || seconds <= 0 ? "-" : String.format(Locale.ROOT, "%,.0f", rows / seconds);
    }

    private static long writeBronze(SyntheticMarket market, BronzeDayWriter bronze, LakeLayout lake, LocalDate date) {
        ReplayResponse response = market.respond(SyntheticMarket.GROUPED_DAILY + date, Map.of("adjusted", "true"),
                "http://127.0.0.1");
        Path landing = lake.landingDay(DATASET, date).resolve("bench.json");
        try {
            return bronze.write(date, List.of(new LandingPage("bench-" + date, landing, response.body()))).rows();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }



    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
