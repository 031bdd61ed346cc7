package io.quantmini.cli;

import io.quantmini.app.IngestEndpoints;
import io.quantmini.app.QuantMiniCamel;
import io.quantmini.bronze.DatasetSchema;
import io.quantmini.config.ConfigException;
import io.quantmini.config.QuantMiniConfig;
import io.quantmini.ingest.IngestRequest;
import io.quantmini.ingest.IngestRun;
import io.quantmini.ingest.IngestSummary;
import io.quantmini.lake.LakeLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Fetch a dataset from Polygon into landing and bronze for a date range.")
public final class IngestCommand implements Callable<Integer> {

    /** No earlier start: before this, a typo (0001 for 2001) would plan hundreds of thousands of days. */
    static final LocalDate EARLIEST_START = LocalDate.of(1990, 1, 1);

    @Spec
    CommandSpec spec;

    @Mixin
    LakeOptions lake;

    @Mixin
    RoutesOption routes;

    @Option(names = {"-t", "--type"}, required = true, paramLabel = "DATASET",
            description = "Dataset to ingest, e.g. stocks_daily (it needs a schema config/datasets/<dataset>.yaml"
                    + " and a route from direct:ingest-<dataset>, e.g. in routes/<dataset>.camel.yaml).")
    String dataset;

    @Option(names = {"-s", "--start"}, required = true, paramLabel = "YYYY-MM-DD",
            description = "First date (1990-01-01 or later).")
    LocalDate start;

    @Option(names = {"-e", "--end"}, required = true, paramLabel = "YYYY-MM-DD", description = "Last date (inclusive).")
    LocalDate end;

    @Option(names = "--incremental", description = "Skip dates whose bronze file already exists, except days whose"
            + " bars a split reported since made stale: those are brought onto the new share basis.")
    boolean incremental;

    @Option(names = "--max-concurrent", paramLabel = "N",
            description = "Days fetched at once, 1 to 1000 (default: the setting"
                    + " quantmini.polygon.max-concurrent, 50 as shipped).")
    Integer maxConcurrent;

    @Override
    public Integer call() throws IOException {
        if (!dataset.matches("[A-Za-z0-9_-]+")) {
            throw new ParameterException(spec.commandLine(), "--type '" + dataset + "' is not a dataset name (letters,"
                    + " digits, _ and -, as its config/datasets/<name>.yaml)");
        }
        if (start.isAfter(end)) {
            throw new ParameterException(spec.commandLine(), "--start " + start + " is after --end " + end);
        }
        if (start.isBefore(EARLIEST_START)) {
            throw new ParameterException(spec.commandLine(), "--start " + start + " is before " + EARLIEST_START
                    + ": Polygon's US stock history is far shorter, and a range that long is millions of requests");
        }
        Map<String, String> overrides = new HashMap<>();
        if (maxConcurrent != null) {
            if (maxConcurrent < 1 || maxConcurrent > QuantMiniConfig.MAX_MAX_CONCURRENT) {
                throw new ParameterException(spec.commandLine(), "--max-concurrent must be from 1 to "
                        + QuantMiniConfig.MAX_MAX_CONCURRENT + ", got " + maxConcurrent);
            }
            overrides.put(QuantMiniConfig.MAX_CONCURRENT, String.valueOf(maxConcurrent));
        }
        QuantMiniConfig config = lake.load(overrides);
        requireSchema(config.configDir().resolve("datasets"));
        requireRoute(routes.routesDir());
        DemoMarketRecord.refuseDemoLake(new LakeLayout(config.dataRoot()), "`data ingest`");
        config.requireApiKeyForBaseUrl();
        PrintWriter out = spec.commandLine().getOut();
        IngestRun run = new IngestRun(new IngestRequest(dataset, start, end, incremental));
        IngestStopOnSignal stop = new IngestStopOnSignal(run);
        try {
            try (QuantMiniCamel app = QuantMiniCamel.create(config, routes.routesDir(), false, Clock.systemUTC())
                    .start();
                 ProgressLine progress = new ProgressLine(run, System.err, 5)) {
                stop.cuts(app);
                app.ingest(run);
            }
            IngestSummary summary = IngestSummary.of(run);
            out.println(summary.oneLine());
            out.println("lake: " + config.dataRoot().toAbsolutePath().normalize());
            if (summary.datesRequested() == 0 && summary.datesSkipped() == 0 && !run.failed()) {
                // "dates requested=0" alone reads as up to date: a weekend, a holiday, a mistyped year?
                spec.commandLine().getErr().println("quantmini: --start " + start + " --end " + end + " holds no NYSE"
                        + " trading day that is over: nothing to fetch");
                spec.commandLine().getErr().flush();
            }
            if (run.failed()) {
                QuantMini.printError(spec.commandLine().getErr(), "ingest failed: " + run.failureSummary());
                return 1;
            }
            return 0;
        } finally {
            out.flush();
            stop.reported();
        }
    }

    /** An unknown dataset is named before anything else (such as a missing key) is asked of the user. */
    private void requireSchema(Path datasetsDir) {
        String unknown = DatasetSchema.whyUnknown(datasetsDir, dataset);
        if (unknown != null) {
            throw new ConfigException(unknown + " (a dataset needs its schema there and a route consuming "
                    + QuantMiniCamel.ingestUri(dataset) + " in routes/)");
        }
    }

    /** A dataset no route ingests is named before the missing key too, and before Camel starts. */
    private void requireRoute(Path routesDir) {
        if (!IngestEndpoints.named(routesDir, dataset)) {
            throw IngestEndpoints.noRoute(routesDir, dataset);
        }
    }
}
