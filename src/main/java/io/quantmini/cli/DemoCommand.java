package io.quantmini.cli;

import io.quantmini.app.QuantMiniCamel;
import io.quantmini.bronze.BronzeReader;
import io.quantmini.bronze.BronzeSplits;
import io.quantmini.calendar.NyseCalendar;
import io.quantmini.config.QuantMiniConfig;
import io.quantmini.ingest.IngestPlanner;
import io.quantmini.ingest.IngestRequest;
import io.quantmini.ingest.IngestRun;
import io.quantmini.ingest.IngestSummary;
import io.quantmini.lake.DayFiles;
import io.quantmini.lake.LakeLayout;
import io.quantmini.lake.RunLock;
import io.quantmini.replay.ReplayServer;
import io.quantmini.replay.SyntheticMarket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true, resourceBundle = "io.quantmini.cli.DemoCommand",
        description = {"Build a demo lake from a synthetic market (no key, no network).",
            "Ingests it from an in-process replay server into ./demo-lake (or --data-root),",
            "then builds its silver features and gold Qlib provider."})
public final class DemoCommand implements Callable<Integer> {

    static final String DATASET = "stocks_daily";

    @Spec
    CommandSpec spec;

    @Mixin
    LakeOptions lake;

    @Mixin
    RoutesOption routes;

    @Option(names = "--tickers", defaultValue = "50", paramLabel = "N",
            description = "Symbols in the synthetic market (default ${DEFAULT-VALUE}).")
    int tickers;

    @Option(names = "--start", defaultValue = "2024-01-02", paramLabel = "YYYY-MM-DD",
            description = "First day (default ${DEFAULT-VALUE}).")
    LocalDate start;

    @Option(names = "--end", defaultValue = "2024-04-30", paramLabel = "YYYY-MM-DD",
            description = "Last day (default ${DEFAULT-VALUE}).")
    LocalDate end;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
            description = "Random seed of the synthetic market (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (lake.dataRoot == null) {
            lake.dataRoot = "demo-lake";
        }
        if (tickers < 1 || tickers > SyntheticMarket.Spec.MAX_TICKERS) {
            throw new ParameterException(spec.commandLine(), ReplayCommand.tickersRefused(tickers));
        }
        if (start.isAfter(end)) {
            throw new ParameterException(spec.commandLine(), "--start " + start + " is after --end " + end);
        }
        if (start.isBefore(IngestCommand.EARLIEST_START)) {
            throw new ParameterException(spec.commandLine(), "--start " + start + " is before "
                    + IngestCommand.EARLIEST_START + ", where `data ingest` starts too");
        }
        NyseCalendar calendar = NyseCalendar.load(NyseCalendar.closuresFile(lake.configDir()));
        LocalDate lastFinal = IngestPlanner.lastFinalDay(LocalDateTime.now(NyseCalendar.ZONE)); // as ingest has it
        LocalDate last = end.isAfter(lastFinal) ? lastFinal : end;
        if (start.isAfter(last) || calendar.tradingDays(start, last).isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--start " + start + " .. --end " + end
                    + " holds no NYSE trading day that is over: the demo would ingest nothing");
        }
        // the settings and routes are checked before the market is served (its address completes the settings)
        QuantMiniCamel.requireRoutesFolder(routes.routesDir());
        LakeLayout target = new LakeLayout(lake.load(Map.of(QuantMiniConfig.BASE_URL, "http://127.0.0.1:1"))
                .checkedDataRoot()); // not made yet: Camel's start makes it
        String market = String.format(Locale.ROOT, "--tickers %d --start %s --end %s --seed %d", tickers, start, end,
                seed);
        List<String> datasets = List.of(BronzeSplits.DATASET, DATASET);
        DemoMarketRecord.check(target, market, datasets); // before the lock file: another lake is left as it was
        return build(calendar, target, market, datasets);
    }

    /** Serves the market, ingests it, builds silver and gold, and prints where the lake is. */
    private int build(NyseCalendar calendar, LakeLayout target, String options, List<String> datasets)
            throws Exception {
        SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(tickers, start, end, seed), calendar);
        PrintWriter out = spec.commandLine().getOut();
        try (ReplayServer server = ReplayServer.start(market, 0)) {
            // The server is in this process: Polygon's rate limit does not apply to it.
            QuantMiniConfig config = lake.load(Map.of(QuantMiniConfig.BASE_URL, server.baseUrl(),
                    QuantMiniConfig.REQUESTS_PER_SECOND, "10000"));
            // held to the end: a second demo on this lake waits, then finds the first one's market recorded
            RunLock demo = null;
            try {
                try (QuantMiniCamel app = QuantMiniCamel.create(config, routes.routesDir(), false, Clock.systemUTC())
                        .start()) {
                    // Camel took the routes and schemas, and made the lake's folder: a demo refused before that
                    // leaves no lake, nor a claim on one
                    demo = RunLock.acquire(target.demoLock(), "demo");
                    DemoMarketRecord.claim(target, options, datasets);
                    out.printf(Locale.ROOT, "demo: synthetic market of %d tickers, %s..%s, served at %s%n", tickers,
                            start, end, server.baseUrl());
                    out.flush();
                    if (!ingested(app, out)) {
                        return QuantMini.EXIT_FAILED;
                    }
                }
                buildSilverAndGold(config, out);
            } finally {
                if (demo != null) {
                    demo.close();
                }
            }
        }
        return 0;
    }

    /** As the schedule does: splits first (gold's factor, and the check that keeps bars on one share basis). */
    private boolean ingested(QuantMiniCamel app, PrintWriter out) {
        for (String dataset : List.of(BronzeSplits.DATASET, DATASET)) {
            IngestRun run = new IngestRun(new IngestRequest(dataset, start, end, true));
            IngestStopOnSignal stop = new IngestStopOnSignal(run);
            stop.cuts(app);
            try {
                app.ingest(run);
                out.println(IngestSummary.of(run).oneLine());
                if (run.failed()) {
                    QuantMini.printError(spec.commandLine().getErr(), "demo ingest failed: " + run.failureSummary());
                    return false;
                }
            } finally {
                out.flush();
                stop.reported();
            }
        }
        return true;
    }

    /** Silver and gold from the lake's bronze, then where the lake is and what it holds. */
    private void buildSilverAndGold(QuantMiniConfig config, PrintWriter out) throws Exception {
        LakeLayout layout = new LakeLayout(config.dataRoot());
        try (ShutdownHook notice = StopNotice.register("demo", spec.commandLine().getErr())) {
            out.println(TransformCommand.Features.summary(DATASET,
                    TransformCommand.Features.run(layout, DATASET, null, null, false)));
            out.println("gold " + DATASET + ": " + ConvertCommand.Qlib.run(layout, DATASET, false, true).oneLine());
        }
        out.println("lake: " + layout.root());
        out.println("qlib: qlib.init(provider_uri=" + pythonString(layout.goldQlib().toString())
                + ", region=\"us\")");
        out.println("bronze rows per month, read back from " + layout.bronzeDataset(DATASET) + ":");
        rowsPerMonth(layout.bronzeDataset(DATASET)).forEach((month, rows) ->
                out.printf(Locale.ROOT, "  %s  %,d%n", month, rows));
    }

    static Map<String, Long> rowsPerMonth(Path datasetFolder) throws IOException {
        Map<String, Long> rows = new TreeMap<>();
        for (Map.Entry<LocalDate, Path> day : DayFiles.list(datasetFolder).entrySet()) {
            rows.merge(YearMonth.from(day.getKey()).toString(), BronzeReader.countRows(day.getValue()), Long::sum);
        }
        return rows;
    }

    /** {@code text} as a Python string literal a user can paste: backslashes and quotes escaped. */
    static String pythonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
