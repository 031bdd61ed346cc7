package io.quantmini.cli;

import io.quantmini.calendar.NyseCalendar;
import io.quantmini.config.ConfigException;
import io.quantmini.replay.CapturedResponses;
import io.quantmini.replay.PolygonResponder;
import io.quantmini.replay.ReplayServer;
import io.quantmini.replay.SyntheticMarket;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code quantmini replay}: a fake Polygon on 127.0.0.1 for tests and the demo. */
@Command(name = "replay", mixinStandardHelpOptions = true, subcommands = ReplayCommand.ServeCommand.class,
        description = "Serve recorded or synthetic Polygon responses on 127.0.0.1 (point POLYGON_BASE_URL at it).")
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: serve");
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Serve recorded or synthetic Polygon responses on 127.0.0.1 until stopped.",
                "--dir serves a landing folder or captured fixtures; --synthetic (with --start and --end) a"
                        + " generated market.",
                "Like Polygon, answers in gzip a request whose Accept-Encoding allows it."})
    public static final class ServeCommand implements Callable<Integer> {

        static final int DEFAULT_PORT = 8089;

        @Spec
        CommandSpec spec;

        @Option(names = "--dir", paramLabel = "DIR",
                description = "A landing folder (data root, landing/ or one dataset) or a captured fixtures folder"
                        + " (with INDEX.md).")
        Path dir;

        @Option(names = "--synthetic", description = "Serve a deterministic synthetic US stock market.")
        boolean synthetic;

        @Option(names = "--tickers", paramLabel = "N", description = "Synthetic: number of tickers (default: 100).")
        Integer tickers;

        @Option(names = "--start", paramLabel = "DATE",
                description = "Synthetic: first day, yyyy-mm-dd (required with --synthetic).")
        LocalDate start;

        @Option(names = "--end", paramLabel = "DATE",
                description = "Synthetic: last day, yyyy-mm-dd (required with --synthetic).")
        LocalDate end;

        @Option(names = "--seed", paramLabel = "S", description = "Synthetic: random seed (default: 42).")
        Long seed;

        @Option(names = "--calendar", paramLabel = "CSV",
                description = "Synthetic: NYSE ad hoc closures file (default:"
                        + " <project>/config/calendar/nyse-closures.csv).")
        Path calendar;

        @Option(names = "--port", paramLabel = "P", defaultValue = "" + DEFAULT_PORT,
                description = "Port on 127.0.0.1, 0 for any free port (default: ${DEFAULT-VALUE}).")
        int port;

        @Override
        public Integer call() {
            if (port < 0 || port > 65_535) {
                throw usage("--port must be between 0 and 65535: " + port);
            }
            Source source = synthetic ? syntheticMarket() : recorded();
            try (ReplayServer server = ReplayServer.start(source.responder(), port)) {
                PrintWriter out = spec.commandLine().getOut();
                out.println("Replaying " + source.description() + " on " + server.baseUrl());
                out.flush();
                new CountDownLatch(1).await(); // until the process is stopped (or this thread interrupted)
            } catch (BindException e) {
                // the state of the machine, not the command line: one line, no usage text
                throw new ConfigException("--port " + port + ": " + e.getMessage()
                        + " (another server is on it; --port 0 takes any free port)");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }

        private Source recorded() {
            if (dir == null) {
                throw usage("Give --dir DIR (a landing or fixtures folder) or --synthetic");
            }
            if (tickers != null || start != null || end != null || seed != null) {
                throw usage("--tickers, --start, --end and --seed only apply with --synthetic");
            }
            if (!Files.isDirectory(dir)) {
                throw new ConfigException("--dir " + dir
                        + (Files.exists(dir) ? " is not a directory" : " does not exist"));
            }
            // what the folder holds, not the command line: one line naming the file (and index line), no usage text
            try {
                CapturedResponses responses = CapturedResponses.load(dir);
                return new Source(responses, responses.description());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--dir: " + e.getMessage(), e);
            } catch (UncheckedIOException e) {
                // not chained: the one-line report would show the file system's bare path instead of this
                throw new ConfigException("--dir: " + e.getMessage() + ": " + e.getCause());
            }
        }

        private Source syntheticMarket() {
            if (dir != null) {
                throw usage("Use either --dir or --synthetic, not both");
            }
            if (start == null || end == null) {
                throw usage("--synthetic needs --start and --end");
            }
            if (start.isAfter(end)) {
                throw usage("--start " + start + " is after --end " + end);
            }
            int count = tickers == null ? 100 : tickers;
            if (count < 1 || count > SyntheticMarket.Spec.MAX_TICKERS) {
                throw usage(tickersRefused(count));
            }
            if (calendar == null) {
                calendar = NyseCalendar.closuresFile(LakeOptions.home().resolve("config"));
            }
            if (!Files.isRegularFile(calendar)) {
                throw usage("--calendar " + calendar + (Files.isDirectory(calendar) ? " is a folder, not the"
                        + " closures file" : Files.exists(calendar) ? " is not a regular file" : " does not exist"));
            }
            try {
                SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(count, start, end,
                        seed == null ? 42 : seed), NyseCalendar.load(calendar));
                if (market.tradingDays().isEmpty()) {
                    throw usage("--start " + start + " .. --end " + end + " holds no NYSE trading day: the market"
                            + " would have no bars");
                }
                return new Source(market, market.description());
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }

        private ParameterException usage(String message) {
            return new ParameterException(spec.commandLine(), message);
        }

        private record Source(PolygonResponder responder, String description) {
        }
    }

    /** The words for a synthetic market's ticker count out of range ({@code demo}, {@code replay serve}). */
    static String tickersRefused(int count) {
        return String.format(Locale.ROOT, "--tickers must be between 1 and %,d (the synthetic market's names are"
                + " four letters), got %d", SyntheticMarket.Spec.MAX_TICKERS, count);
    }
}
