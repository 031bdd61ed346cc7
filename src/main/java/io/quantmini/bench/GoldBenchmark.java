package io.quantmini.bench;

import io.quantmini.bronze.BronzeDayWriter;
import io.quantmini.bronze.DatasetSchema;
import io.quantmini.gold.GoldResult;
import io.quantmini.gold.QlibGoldStage;
import io.quantmini.gold.SplitFactors;
import io.quantmini.lake.DayFiles;
import io.quantmini.lake.FileTrees;
import io.quantmini.lake.LakeLayout;
import io.quantmini.landing.LandingPage;
import io.quantmini.parallel.ParallelFor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static io.quantmini.bench.BenchBars.round4;
import static io.quantmini.bench.BenchBars.ticker;

/**
 * Times the gold stage on a bronze lake of N symbols x D weekdays (built once with {@link BronzeDayWriter},
 * or reused): R full builds (8 fields), then R one-day appends, each of a further new day. Reports wall and
 * process CPU seconds of each run (the machine may be shared), and the background removal of the
 * replaced gold separately.
 *
 * <pre>
 * scripts/bench gold [--lake /path] [--symbols 10000] [--days 1260] [--runs 3]
 *      [--threads N (default: all cores)]
 * </pre>
 * Symbols list and delist at random (about a quarter do not span the whole range) and skip ~1% of days.
 */
public final class GoldBenchmark {

    private static final String DATASET = "stocks_daily";
    private static final LocalDate FIRST = LocalDate.of(2019, 1, 2);

    public static void main(String[] args) throws Exception {
        Path lakeRoot = null;
        int symbols = 10_000;
        int days = 1_260;
        int runs = 3;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--lake" -> lakeRoot = Paths.get(args[++i]);
                case "--symbols" -> symbols = Integer.parseInt(args[++i]);
                case "--days" -> days = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        // A lake the benchmark makes for itself (~0.7 GB) goes when it ends; one given with --lake stays.
        boolean ownLake = lakeRoot == null;
        if (ownLake) {
            lakeRoot = Files.createTempDirectory("gold-bench");
        }
        try {
            run(lakeRoot, symbols, days, runs, threads);
        } finally {
            if (ownLake) {
                QlibGoldStage.awaitCleanup();
                FileTrees.delete(lakeRoot);
            }
        }
    }

    private static void run(Path lakeRoot, int symbols, int days, int runs, int threads) throws Exception {
        LakeLayout lake = new LakeLayout(lakeRoot);
        List<LocalDate> dates = weekdays(days + runs);
        Market market = new Market(symbols, dates.size(), 42);
        BronzeDayWriter writer = new BronzeDayWriter(lake, DatasetSchema.load(ProjectConfig.datasetSchema(DATASET)));
        long t0 = System.nanoTime();
        int made = ensureBronze(lake, writer, market, dates.subList(0, days), threads);
        // Days a previous benchmark appended (with any --runs) would make this run's appends "past days".
        for (LocalDate later : DayFiles.list(lake.bronzeDataset(DATASET))
                .tailMap(dates.get(days - 1), false).keySet()) {
            Files.deleteIfExists(lake.bronzeDayFile(DATASET, later));
        }
        System.out.printf(Locale.ROOT, "bronze: %d symbols x %d days at %s (%d day files written in %.1f s)%n",
                symbols, days, lakeRoot, made, (System.nanoTime() - t0) / 1e9);

        QlibGoldStage stage = new QlibGoldStage(lake, DATASET, SplitFactors.NONE, threads);
        double[] full = new double[runs];
        double[] fullCpu = new double[runs];
        double[] cleanup = new double[runs];
        double[] cleanupCpu = new double[runs];
        GoldResult last = null;
        for (int r = 0; r < runs; r++) {
            System.gc();
            double load = JvmFigures.loadAverage();
            long cpu0 = JvmFigures.processCpuNanos();
            last = stage.run(true, false);
            full[r] = last.seconds();
            fullCpu[r] = (JvmFigures.processCpuNanos() - cpu0) / 1e9;
            long w1 = System.nanoTime();
            long cpu1 = JvmFigures.processCpuNanos();
            QlibGoldStage.awaitCleanup();
            cleanup[r] = (System.nanoTime() - w1) / 1e9;
            cleanupCpu[r] = (JvmFigures.processCpuNanos() - cpu1) / 1e9;
            System.out.printf(Locale.ROOT, "full   #%d: %.2f s wall, %.2f s CPU until gold/qlib is the new one, %,d"
                            + " symbols, %d days, %,d bytes written; the gold before the one replaced removed in the"
                            + " background: %.2f s more wall, %.2f s CPU (load before %.2f)%n",
                    r + 1, last.seconds(), fullCpu[r], last.symbolsWritten(),
                    last.calendarDays(), last.bytesWritten(), cleanup[r], cleanupCpu[r], load);
        }
        double[] append = new double[runs];
        double[] appendCpu = new double[runs];
        for (int r = 0; r < runs; r++) {
            LocalDate day = dates.get(days + r);
            writer.write(day, List.of(page(lake, market, dates.indexOf(day), day)));
            System.gc();
            double load = JvmFigures.loadAverage();
            long cpu0 = JvmFigures.processCpuNanos();
            GoldResult result = stage.run(false, false);
            append[r] = result.seconds();
            appendCpu[r] = (JvmFigures.processCpuNanos() - cpu0) / 1e9;
            long calendarAndLists = Files.size(lake.goldQlib().resolve("calendars/day.txt"))
                    + Files.size(lake.goldQlib().resolve("instruments/all.txt"))
                    + Files.size(lake.goldQlib().resolve("_manifest.json"));
            System.out.printf(Locale.ROOT, "append #%d (%s): %.2f s wall, %.2f s CPU, mode %s, %,d symbols appended,"
                            + " %,d new, %,d bytes written (of which calendar+instruments+manifest %,d; bins %,d = %.2f"
                            + " floats per appended symbol-field) (load before %.2f)%n",
                    r + 1, day, result.seconds(), appendCpu[r],
                    result.mode(), result.symbolsAppended(), result.symbolsWritten(), result.bytesWritten(),
                    calendarAndLists, result.bytesWritten() - calendarAndLists,
                    (result.bytesWritten() - calendarAndLists) / 4.0 / Math.max(1, result.symbolsAppended()) / 8, load);
        }
        System.out.printf(Locale.ROOT,
                "full build:  wall best %.2f s, median %.2f s; CPU best %.2f s, median %.2f s (goal <= 15 s)%n",
                best(full), median(full), best(fullCpu), median(fullCpu));
        System.out.printf(Locale.ROOT, "  + background removal of the gold before the one replaced: wall best %.2f s,"
                + " median %.2f s; CPU best %.2f s, median %.2f s%n",
                best(cleanup), median(cleanup), best(cleanupCpu), median(cleanupCpu));
        System.out.printf(Locale.ROOT,
                "day append:  wall best %.2f s, median %.2f s; CPU best %.2f s, median %.2f s (goal <= 3 s)%n",
                best(append), median(append), best(appendCpu), median(appendCpu));
        System.out.printf(Locale.ROOT, "gold size after full build: %,d bytes%n",
                last == null ? 0 : last.bytesWritten());
    }

    private static int ensureBronze(LakeLayout lake, BronzeDayWriter writer, Market market, List<LocalDate> dates,
                                    int threads) throws IOException {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < dates.size(); i++) {
            if (!Files.exists(lake.bronzeDayFile(DATASET, dates.get(i)))) {
                missing.add(i);
            }
        }
        ParallelFor.forEach(missing.size(), threads, j -> {
            int day = missing.get(j);
            writer.write(dates.get(day), List.of(page(lake, market, day, dates.get(day))));
        });
        return missing.size();
    }

    private static LandingPage page(LakeLayout lake, Market market, int day, LocalDate date) {
        Path landing = lake.landingDay(DATASET, date).resolve("bench.json");
        return new LandingPage("bench-" + date, landing, market.groupedDaily(day));
    }

    private static List<LocalDate> weekdays(int count) {
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate d = FIRST; dates.size() < count; d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                dates.add(d);
            }
        }
        return dates;
    }

    private static double best(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Deterministic bars: per symbol a listing window and a price level; per (symbol, day) a seeded draw. */
    private static final class Market {
        private final int symbols;
        private final long seed;
        private final int[] first;
        private final int[] last;
        private final double[] level;

        Market(int symbols, int days, long seed) {
            this.symbols = symbols;
            this.seed = seed;
            this.first = new int[symbols];
            this.last = new int[symbols];
            this.level = new double[symbols];
            SplittableRandom random = new SplittableRandom(seed);
            for (int s = 0; s < symbols; s++) {
                first[s] = random.nextInt(8) == 0 ? random.nextInt(days) : 0;
                last[s] = random.nextInt(8) == 0 ? first[s] + random.nextInt(days - first[s]) : Integer.MAX_VALUE;
                level[s] = 5 + random.nextDouble() * 300;
            }
        }

        byte[] groupedDaily(int day) {
            StringBuilder json = new StringBuilder(symbols * 150).append("{\"adjusted\":true,\"results\":[");
            boolean firstBar = true;
            for (int s = 0; s < symbols; s++) {
                SplittableRandom random = new SplittableRandom(seed * 1_000_003L + (long) s * 100_003L + day);
                if (day < first[s] || day > last[s] || random.nextInt(100) == 0) {
                    continue;
                }
                double close = level[s] * (0.8 + 0.4 * random.nextDouble());
                double open = close * (0.97 + 0.06 * random.nextDouble());
                double high = Math.max(open, close) * (1 + 0.02 * random.nextDouble());
                double low = Math.min(open, close) * (1 - 0.02 * random.nextDouble());
                json.append(firstBar ? "" : ",").append("{\"T\":\"").append(ticker(s))
                        .append("\",\"v\":").append(random.nextInt(20_000_000))
                        .append(",\"vw\":").append(round4((high + low) / 2))
                        .append(",\"o\":").append(round4(open)).append(",\"c\":").append(round4(close))
                        .append(",\"h\":").append(round4(high)).append(",\"l\":").append(round4(low))
                        .append(",\"t\":1704229200000,\"n\":").append(random.nextInt(50_000)).append('}');
                firstBar = false;
            }
            return json.append("],\"status\":\"OK\"}").toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
