package io.quantmini.cli;

import io.quantmini.ingest.ScriptedPolygon;
import io.quantmini.ingest.TestApp;
import io.quantmini.lake.LakeLayout;
import io.quantmini.lake.RunLock;
import io.quantmini.replay.ReplayResponse;
import io.quantmini.replay.ReplayServer;
import io.quantmini.replay.SyntheticMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantMiniCliTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = QuantMini.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** {@code data ingest} of stocks_daily, 2024-01-02 to 2024-01-03, into temp/lake, with these options. */
    private int ingestTwoDays(String... options) {
        List<String> args = new ArrayList<>(List.of("data", "ingest", "-t", "stocks_daily", "-s", "2024-01-02",
                "-e", "2024-01-03"));
        args.addAll(List.of(options));
        args.addAll(List.of("--data-root", temp.resolve("lake").toString()));
        return run(args.toArray(String[]::new));
    }

    /** A key pasted into an argument is masked in picocli's usage error too, as in every other error line. */
    @Test
    void aUsageErrorDoesNotRepeatTheKey() {
        String key = "cli-usage-key-0123456789abcdef";
        io.quantmini.config.ApiKey.of(key); // as POLYGON_API_KEY is read before the arguments
        assertEquals(2, run("data", "ingest", "-t", "stocks_daily", "-s", key, "-e", "2024-01-02"));
        assertTrue(err.toString().contains("'REDACTED' is not a date (YYYY-MM-DD)"), err.toString());
        assertFalse(err.toString().contains(key), err.toString());
    }

    /** The example's placeholder, left in credentials.yaml, is refused by name: it is not a secret to mask. */
    @Test
    void thePlaceholderKeyIsNamedInTheError() throws Exception {
        Path config = io.quantmini.ingest.TestApp.copyOfConfig(temp.resolve("config-placeholder"));
        Files.writeString(config.resolve("credentials.yaml"), "polygon_api_key: your-polygon-api-key\n");
        assertEquals(2, ingestTwoDays("--config-dir", config.toString()));
        assertTrue(err.toString().contains("the example's placeholder 'your-polygon-api-key'"), err.toString());
    }

    /** A copy of the project's config/ with the base URL pointed at a loopback fake. */
    private Path configFor(String baseUrl) throws Exception {
        Path config = TestApp.copyOfConfig(temp.resolve("config"));
        Path properties = config.resolve("quantmini.properties");
        Files.writeString(properties, Files.readString(properties)
                .replace("https://api.polygon.io", baseUrl)
                .replace("retry-initial-delay-ms=500", "retry-initial-delay-ms=10")
                .replace("max-retries=6", "max-retries=2"));
        return config;
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : new String[][]{{"--help"}, {"data", "--help"}, {"data", "ingest", "--help"},
                {"replay", "serve", "--help"}, {"demo", "--help"}, {"run", "--help"},
                {"transform", "features", "--help"}, {"convert", "qlib", "--help"}}) {
            out.getBuffer().setLength(0);
            assertEquals(0, run(args), String.join(" ", args));
            assertTrue(out.toString().contains("Usage:"), out.toString());
        }
    }

    /**
     * --config-dir names every file read from it: the key's credentials.yaml is read from the folder given, not from
     * the checkout's config/, so a copy made to keep settings out of the checkout needs its own.
     */
    @Test
    void configDirHelpNamesTheCredentialsFileReadFromIt() {
        assertEquals(0, run("data", "ingest", "--help"));
        String help = out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains("--config-dir=DIR Folder holding quantmini.properties, datasets/, calendar/ and the"
                + " key's credentials.yaml"), help);
    }

    /**
     * --data-root's default is the configured lake (DATA_ROOT, else quantmini.data-root) on every command but demo,
     * whose lake is ./demo-lake unless given: each help states its own, and only demo's names the demo lake.
     */
    @Test
    void dataRootHelpStatesEachCommandsOwnDefault() {
        for (String[] args : new String[][]{{"data", "ingest", "--help"}, {"run", "--help"},
                {"transform", "features", "--help"}, {"convert", "qlib", "--help"}}) {
            out.getBuffer().setLength(0);
            assertEquals(0, run(args), String.join(" ", args));
            String help = out.toString().replaceAll("\\s+", " ");
            assertTrue(help.contains("--data-root=PATH The lake's root folder (default: DATA_ROOT, else"
                    + " quantmini.data-root, which is ./data as shipped)."), help);
            assertFalse(help.contains("demo-lake"), help);
        }
        out.getBuffer().setLength(0);
        assertEquals(0, run("demo", "--help"));
        String help = out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains("--data-root=PATH The lake's root folder (default: ./demo-lake, whatever DATA_ROOT"
                + " and quantmini.data-root say)."), help);
    }

    /** replay serve --synthetic refuses to start without --start and --end: their help says so before the error. */
    @Test
    void replayServeHelpSaysStartAndEndAreRequiredWithSynthetic() {
        assertEquals(0, run("replay", "serve", "--help"));
        String help = out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains("--start=DATE Synthetic: first day, yyyy-mm-dd (required with --synthetic)."), help);
        assertTrue(help.contains("--end=DATE Synthetic: last day, yyyy-mm-dd (required with --synthetic)."), help);
        err.getBuffer().setLength(0);
        assertEquals(2, run("replay", "serve", "--synthetic", "--start", "2024-01-02"));
        assertTrue(err.toString().startsWith("--synthetic needs --start and --end"), err.toString());
    }

    /**
     * picocli wraps a description after any '.', so a setting or file name at a line's end came out cut in two
     * ('quantmini.' then 'polygon.max-concurrent' on the next line): a name copied from the help must be whole.
     */
    @Test
    void noHelpCutsADottedNameAcrossLines() {
        for (String[] args : new String[][]{{"--help"}, {"data", "ingest", "--help"}, {"replay", "serve", "--help"},
                {"demo", "--help"}, {"run", "--help"}, {"transform", "features", "--help"},
                {"convert", "qlib", "--help"}}) {
            out.getBuffer().setLength(0);
            assertEquals(0, run(args), String.join(" ", args));
            // a continuation line (indented) that goes on in lower case after a line that ended with a '.'
            java.util.regex.Matcher cut = java.util.regex.Pattern.compile("\\w\\.\\R {8,}[a-z]")
                    .matcher(out.toString());
            assertFalse(cut.find(), String.join(" ", args) + ": a name cut at " + (cut.find(0) ? cut.group() : "")
                    + "\n" + out);
        }
    }

    /** --max-concurrent has the bound of quantmini.polygon.max-concurrent, and is named when past it. */
    @Test
    void maxConcurrentPastItsBoundIsRefusedByName() {
        assertEquals(2, ingestTwoDays("--max-concurrent", "1001"));
        assertTrue(err.toString().startsWith("--max-concurrent must be from 1 to 1000, got 1001"), err.toString());
        assertTrue(Files.notExists(temp.resolve("lake")), "refused before anything was made");
    }

    /** picocli read any script's digits: '５０' was taken as 50 days at once, a '٧' as a seed of 7. */
    @Test
    void aNumericOptionInDigitsOtherThanZeroToNineIsRefusedByName() {
        String[][] cases = {
            {"data", "ingest", "-t", "stocks_daily", "-s", "2024-01-02", "-e", "2024-01-03", "--max-concurrent",
                "\uFF15\uFF10"},
            {"demo", "--tickers", "\u0665"},
            {"demo", "--seed", "\u0667"},
            {"replay", "serve", "--synthetic", "--port", "\u096E\u0966\u096E\u0966"}};
        for (String[] args : cases) {
            err.getBuffer().setLength(0);
            String option = args[args.length - 2];
            assertEquals(2, run(args), String.join(" ", args));
            assertTrue(err.toString().startsWith("Invalid value for option '" + option + "': '" + args[args.length - 1]
                    + "' is not a whole number in the digits 0-9"), err.toString());
        }
        err.getBuffer().setLength(0);
        assertEquals(2, run("demo", "--seed", "99999999999999999999"));
        assertTrue(err.toString().startsWith("Invalid value for option '--seed': '99999999999999999999' is too large"),
                err.toString());
    }

    @Test
    void badArgumentsExitTwoWithAReason() throws Exception {
        assertEquals(2, run("data", "ingest", "-t", "stocks_daily", "-s", "2024-13-01", "-e", "2024-01-31"));
        assertTrue(err.toString().contains("--start")
                && err.toString().contains("'2024-13-01' is not a date (YYYY-MM-DD)")
                && !err.toString().contains("java."), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("data", "ingest", "-t", "stocks_daily", "-s", "0001-01-01", "-e", "9999-12-31"));
        assertTrue(err.toString().contains("--start 0001-01-01 is before 1990-01-01"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("demo", "--start", "1900-01-01", "--data-root", temp.resolve("early").toString()));
        assertTrue(err.toString().contains("--start 1900-01-01 is before 1990-01-01, where `data ingest` starts too"),
                err.toString());
        assertTrue(Files.notExists(temp.resolve("early")), "refused before anything was made");
        err.getBuffer().setLength(0);
        assertEquals(2, run("data", "ingest", "-s", "2024-01-01", "-e", "2024-01-31"));
        assertTrue(err.toString().contains("--type"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("data", "ingest", "-t", "../config/x", "-s", "2024-01-01", "-e", "2024-01-31"));
        assertTrue(err.toString().contains("--type '../config/x' is not a dataset name"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("data", "ingest", "-t", "stocks_daily", "-s", "2024-02-01", "-e", "2024-01-31"));
        assertTrue(err.toString().contains("after --end"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("data", "ingest", "-t", "stocks_daily", "-s", "2024-01-01", "-e", "2024-01-31",
                "--max-concurrent", "0"));
        err.getBuffer().setLength(0);
        if (System.getenv("POLYGON_API_KEY") == null && !Files.exists(TestApp.CONFIG_DIR.resolve("credentials.yaml"))) {
            assertEquals(2, run("data", "ingest", "-t", "stocks_daily", "-s", "2024-01-01", "-e", "2024-01-31",
                    "--data-root", temp.resolve("lake").toString()));
            assertTrue(err.toString().contains("no Polygon API key for https://api.polygon.io"), err.toString());
            err.getBuffer().setLength(0);
        }
        // an unknown dataset is named first, with or without a key at hand
        String replay = configFor("http://127.0.0.1:9").toString();
        for (String configDir : new String[] {replay, TestApp.CONFIG_DIR.toString()}) {
            assertEquals(2, run("data", "ingest", "-t", "no_such_dataset", "-s", "2024-01-01", "-e", "2024-01-31",
                    "--data-root", temp.resolve("lake").toString(), "--config-dir", configDir));
            assertTrue(err.toString().startsWith("quantmini: unknown dataset 'no_such_dataset': no schema ")
                    && err.toString().contains("no_such_dataset.yaml"), err.toString());
            err.getBuffer().setLength(0);
        }
        // a schema without a route
        Files.writeString(Path.of(replay, "datasets", "no_route.yaml"),
                Files.readString(Path.of(replay, "datasets", "stocks_daily.yaml"))
                        .replace("dataset: stocks_daily", "dataset: no_route")
                        .replace("ticker_bars:", "# ticker_bars:"));
        assertEquals(2, run("data", "ingest", "-t", "no_route", "-s", "2024-01-01", "-e", "2024-01-31",
                "--data-root", temp.resolve("lake").toString(), "--config-dir", replay, "--routes-dir", "routes"));
        assertTrue(err.toString().contains("routes/no_route.camel.yaml (in " + TestApp.ROUTES_DIR.toAbsolutePath()
                + ")?"), "the folder as every route error names it: " + err);
        err.getBuffer().setLength(0);
        // its route file there, consuming a misspelled endpoint: the endpoints the route files name show the typo
        Path routes = temp.resolve("routes-typo");
        TestApp.copyTree(TestApp.ROUTES_DIR, routes);
        Files.writeString(routes.resolve("no_route.camel.yaml"), Files.readString(routes.resolve("splits.camel.yaml"))
                .replace("splits", "no_route").replace("direct:ingest-no_route", "direct:ingest-no_rout"));
        assertEquals(2, run("data", "ingest", "-t", "no_route", "-s", "2024-01-01", "-e", "2024-01-31",
                "--data-root", temp.resolve("lake").toString(), "--config-dir", replay, "--routes-dir",
                routes.toString()));
        assertTrue(err.toString().contains("? The route files there name direct:ingest-news (news.camel.yaml),"
                + " direct:ingest-no_rout (no_route.camel.yaml), direct:ingest-splits (splits.camel.yaml),"
                + " direct:ingest-stocks_daily (stocks_daily.camel.yaml)"),
                err.toString());
        err.getBuffer().setLength(0);
        // a schema no route ingests (the per-ticker bars), against the real Polygon without a key: the route first
        if (System.getenv("POLYGON_API_KEY") == null && !Files.exists(TestApp.CONFIG_DIR.resolve("credentials.yaml"))) {
            assertEquals(2, run("data", "ingest", "-t", "stocks_daily_by_ticker", "-s", "2024-01-01",
                    "-e", "2024-01-31", "--data-root", temp.resolve("lake").toString(),
                    "--config-dir", TestApp.CONFIG_DIR.toString()));
            assertTrue(err.toString().startsWith("quantmini: no route consumes direct:ingest-stocks_daily_by_ticker"),
                    err.toString());
            err.getBuffer().setLength(0);
        }
        assertEquals(2, run("data", "ingest", "-t", "stocks_daily", "-s", "2024-01-01", "-e", "2024-01-31",
                "--config-dir", temp.resolve("missing").toString()));
        assertTrue(err.toString().contains("quantmini.properties"), err.toString());
        // transform and convert run without Camel: they do not offer --routes-dir, so nobody expects it to change them
        for (String[] command : new String[][] {{"transform", "features"}, {"convert", "qlib"}}) {
            err.getBuffer().setLength(0);
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command),
                    java.util.stream.Stream.of("--routes-dir", "routes")).toArray(String[]::new);
            assertEquals(2, run(args));
            assertTrue(err.toString().contains("Unknown options: '--routes-dir'"), err.toString());
        }
    }

    /**
     * A dataset whose name begins another's: the route file of splits, which names direct:ingest-splits, was taken as
     * consuming direct:ingest-split, so Camel started and the lake was made before the run was refused.
     */
    @Test
    void aDatasetNamedAsThePrefixOfARoutedOneHasNoRoute() throws Exception {
        Path config = configFor("http://127.0.0.1:9");
        Files.writeString(config.resolve("datasets/split.yaml"), Files.readString(config.resolve(
                "datasets/splits.yaml")).replace("dataset: splits", "dataset: split"));
        Path root = temp.resolve("lake");
        assertEquals(2, run("data", "ingest", "-t", "split", "-s", "2024-01-02", "-e", "2024-01-03",
                "--config-dir", config.toString(), "--data-root", root.toString()), err.toString());
        assertEquals("quantmini: no route consumes direct:ingest-split: is there a routes/split.camel.yaml (in "
                + TestApp.ROUTES_DIR.toAbsolutePath() + ")? The route files there name direct:ingest-news"
                + " (news.camel.yaml), direct:ingest-splits (splits.camel.yaml), direct:ingest-stocks_daily"
                + " (stocks_daily.camel.yaml)", err.toString().strip());
        assertTrue(Files.notExists(root), "refused before Camel started and made the lake");
    }

    /** A route without its dataset schema stops the run at once (exit 2), before any request or retry. */
    @Test
    void aDatasetWithoutItsSchemaExitsTwoNamingTheFile() throws Exception {
        Path config = configFor("http://127.0.0.1:9");
        Path routes = Files.createDirectories(temp.resolve("routes"));
        Files.writeString(routes.resolve("no_schema.camel.yaml"),
                Files.readString(TestApp.ROUTES_DIR.resolve("splits.camel.yaml")).replace("splits", "no_schema"));
        for (boolean incremental : new boolean[] {false, true}) {
            err.getBuffer().setLength(0);
            List<String> args = new java.util.ArrayList<>(List.of("data", "ingest", "-t", "no_schema",
                    "-s", "2024-01-02", "-e", "2024-01-03", "--routes-dir", routes.toString(),
                    "--data-root", temp.resolve("lake").toString(), "--config-dir", config.toString()));
            if (incremental) {
                args.add("--incremental");
            }
            assertEquals(2, run(args.toArray(String[]::new)), err.toString());
            assertTrue(err.toString().contains("unknown dataset 'no_schema': no schema ")
                    && err.toString().contains("no_schema.yaml"), err.toString());
        }
    }

    @Test
    void ingestPrintsASummaryAndExitsZero() throws Exception {
        SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(10, LocalDate.of(2024, 1, 2),
                LocalDate.of(2024, 1, 31), 2), TestApp.calendar());
        try (ReplayServer server = ReplayServer.start(market, 0)) {
            int exit = run("data", "ingest", "-t", "stocks_daily", "-s", "2024-01-01", "-e", "2024-01-31",
                    "--incremental", "--max-concurrent", "4", "--config-dir", configFor(server.baseUrl()).toString(),
                    "--data-root", temp.resolve("lake").toString());
            assertEquals(0, exit, err.toString());
            assertTrue(out.toString().contains("dates requested=21 skipped=0 written=21"), out.toString());
        }
    }

    @Test
    void failedDayExitsOneWithAOneLineReason() throws Exception {
        SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(10, LocalDate.of(2024, 1, 2),
                LocalDate.of(2024, 1, 31), 2), TestApp.calendar());
        ScriptedPolygon polygon = new ScriptedPolygon(market)
                .always("2024-01-03", ReplayResponse.json(503,
                        "{\"status\":\"ERROR\"}".getBytes(StandardCharsets.UTF_8)));
        try (ReplayServer server = ReplayServer.start(polygon, 0)) {
            int exit = run("data", "ingest", "-t", "stocks_daily", "-s", "2024-01-02", "-e", "2024-01-04",
                    "--config-dir", configFor(server.baseUrl()).toString(), "--data-root",
                    temp.resolve("lake").toString());
            assertEquals(1, exit);
            assertTrue(err.toString().contains("quantmini: ingest failed: stocks_daily 2024-01-03: HTTP 503"),
                    err.toString());
            assertTrue(out.toString().contains("written=2"), out.toString());
        }
    }

    @Test
    void demoIngestsTheSyntheticMarketAndReportsRowsPerMonth() throws Exception {
        int exit = run("demo", "--data-root", temp.resolve("demo").toString(), "--tickers", "12",
                "--start", "2024-01-02", "--end", "2024-02-29");
        assertEquals(0, exit, err.toString());
        // the rows per month, read back from the Parquet, add up to the rows the ingest wrote
        java.util.regex.Matcher month = java.util.regex.Pattern.compile("(?m)^\\s+(2024-0[12])\\s+([\\d,]+)$")
                .matcher(out.toString());
        List<String> months = new java.util.ArrayList<>();
        long monthRows = 0;
        while (month.find()) {
            months.add(month.group(1));
            monthRows += Long.parseLong(month.group(2).replace(",", ""));
        }
        assertEquals(List.of("2024-01", "2024-02"), months, out.toString());
        java.util.regex.Matcher ingested = java.util.regex.Pattern.compile("stocks_daily:"
                + " dates requested=\\d+ .* rows=(\\d+) ")
                .matcher(out.toString());
        assertTrue(ingested.find(), out.toString());
        assertEquals(Long.parseLong(ingested.group(1)), monthRows, out.toString());
        assertTrue(Files.isDirectory(temp.resolve("demo/bronze/stocks_daily/year=2024/month=02")));
        assertTrue(Files.exists(temp.resolve("demo/silver/stocks_daily/year=2024/month=02/2024-02-29.parquet")));
        assertTrue(Files.exists(temp.resolve("demo/gold/qlib/calendars/day.txt")));
        assertTrue(out.toString().contains("qlib.init(provider_uri="), out.toString());
        assertTrue(out.toString().contains("gold stocks_daily: mode=full symbols written=12 "), out.toString());
        // the schedule's order: the market's split is in bronze before the bars
        assertTrue(out.toString().indexOf("splits: dates requested=") < out.toString().indexOf("stocks_daily: dates"),
                out.toString());
        assertTrue(out.toString().contains("splits: dates requested=41 skipped=0 written=41 unchanged=0 empty=0"
                + " failed=0 not_started=0 rows=1 "),
                out.toString());

        out.getBuffer().setLength(0);
        assertEquals(0, run("demo", "--data-root", temp.resolve("demo").toString(), "--tickers", "12",
                "--start", "2024-01-02", "--end", "2024-02-29"), err.toString());
        assertTrue(out.toString().contains("splits: dates requested=0 skipped=41 "),
                "days without splits are done too: "
                + out);
        assertTrue(out.toString().contains("stocks_daily: dates requested=0 skipped=41 "), out.toString());

        // the lake's bronze also holds splits, which are not daily bars: gold of them would replace the provider
        Path instruments = temp.resolve("demo/gold/qlib/instruments/all.txt");
        String provider = Files.readString(instruments);
        for (String command : new String[] {"transform features", "convert qlib"}) {
            err.getBuffer().setLength(0);
            String[] args = (command + " -t splits --data-root " + temp.resolve("demo")).split(" ");
            assertEquals(2, run(args), command + ": " + out);
            assertTrue(err.toString().contains("splits is not a dataset of daily bars: its schema ")
                    && err.toString().contains("has no open, high, low, close, volume, vwap columns"), err.toString());
            err.getBuffer().setLength(0);
            args = (command + " -t nope --data-root " + temp.resolve("demo")).split(" ");
            assertEquals(2, run(args), command + ": " + out);
            assertTrue(err.toString().contains("unknown dataset 'nope': no schema "), err.toString());
        }
        assertEquals(provider, Files.readString(instruments));
        assertEquals(12, provider.lines().count(), provider);

        // Features, once added, stay until asked to go: a plain daily convert must not delete them.
        Path kmid = temp.resolve("demo/gold/qlib/features/aaaa/kmid.day.bin");
        String root = temp.resolve("demo").toString();
        assertTrue(Files.exists(kmid), "the demo's gold has the features");
        assertEquals(0, run("convert", "qlib", "--full", "--data-root", root), err.toString());
        assertTrue(Files.exists(kmid), "kept by a convert that did not say");
        assertEquals(0, run("convert", "qlib", "--no-with-features", "--data-root", root), err.toString());
        assertFalse(Files.exists(kmid));
        assertEquals(0, run("convert", "qlib", "--full", "--data-root", root), err.toString());
        assertFalse(Files.exists(kmid), "not added by a convert that did not say");
        assertEquals(0, run("convert", "qlib", "--with-features", "--data-root", root), err.toString());
        assertTrue(Files.exists(kmid));

        // A day file copied under a Saturday's name would add a day to every series and to Qlib's calendar: refused.
        Path friday = temp.resolve("demo/bronze/stocks_daily/year=2024/month=02/2024-02-16.parquet");
        Path saturday = friday.resolveSibling("2024-02-17.parquet");
        Files.copy(friday, saturday);
        String calendar = Files.readString(temp.resolve("demo/gold/qlib/calendars/day.txt"));
        for (String command : new String[] {"transform features", "convert qlib"}) {
            err.getBuffer().setLength(0);
            assertEquals(1, run((command + " --data-root " + root).split(" ")), command + ": " + out);
            assertTrue(err.toString().contains(saturday + " is dated 2024-02-17, a Saturday, when no market trades"),
                    err.toString());
        }
        assertFalse(Files.exists(temp.resolve("demo/silver/stocks_daily/year=2024/month=02/2024-02-17.parquet")));
        assertEquals(calendar, Files.readString(temp.resolve("demo/gold/qlib/calendars/day.txt")));
        // The same copy under a weekday holiday's name (Presidents' Day): its footer says whose rows it holds.
        Files.delete(saturday);
        Path holiday = friday.resolveSibling("2024-02-19.parquet");
        Files.copy(friday, holiday);
        for (String command : new String[] {"transform features", "convert qlib --no-with-features"}) {
            err.getBuffer().setLength(0);
            assertEquals(1, run((command + " --data-root " + root).split(" ")), command + ": " + out);
            assertTrue(err.toString().contains(holiday + ": it holds the rows of 2024-02-16 (its footer's"
                    + " quantmini.date), not those of 2024-02-19: a copy under a wrong name; remove it"),
                    err.toString());
        }
        assertFalse(Files.exists(temp.resolve("demo/silver/stocks_daily/year=2024/month=02/2024-02-19.parquet")));
        assertEquals(calendar, Files.readString(temp.resolve("demo/gold/qlib/calendars/day.txt")));
    }

    /**
     * A demo lake holds one synthetic market, and every option makes another (a later --end moves its events): a demo
     * with other options into it, which ingested only the days the lake lacked from the other market, is refused, as
     * is a lake the demo did not build. The lake is left as it was.
     */
    @Test
    void demoRefusesALakeOfAnotherMarket() throws IOException {
        Path lake = smallDemoLake();
        assertEquals(0, run("demo", "--data-root", lake.toString(), "--tickers", "5", "--start", "2024-01-02",
                "--end", "2024-01-12"), "the same market again: " + err);
        assertTrue(out.toString().contains("stocks_daily: dates requested=0 skipped=9 "), out.toString());
        Map<Path, String> files = filesUnder(lake);

        err.getBuffer().setLength(0);
        out.getBuffer().setLength(0);
        assertEquals(2, run("demo", "--data-root", lake.toString(), "--tickers", "5", "--start", "2024-01-02",
                "--end", "2024-01-19"));
        assertTrue(err.toString().contains(lake + " holds the demo market of --tickers 5 --start 2024-01-02 --end"
                + " 2024-01-12 --seed 42; that of --tickers 5 --start 2024-01-02 --end 2024-01-19 --seed 42 is another"
                + " market"), err.toString());
        assertFalse(out.toString().contains("served at"), out.toString());
        assertEquals(files, filesUnder(lake));

        Files.delete(lake.resolve("_demo_market")); // a lake the demo did not build
        files = filesUnder(lake);
        err.getBuffer().setLength(0);
        assertEquals(2, run("demo", "--data-root", lake.toString(), "--tickers", "5", "--start", "2024-01-02",
                "--end", "2024-01-12"));
        assertTrue(err.toString().contains(lake + " holds a lake the demo did not build ("
                + lake.resolve("landing/splits") + " is not empty"), err.toString());
        assertEquals(files, filesUnder(lake));
        Path other = temp.resolve("other");
        Files.createDirectories(other.resolve("bronze/stocks_daily/year=2024"));
        assertEquals(2, run("demo", "--data-root", other.toString(), "--tickers", "5", "--start", "2024-01-02",
                "--end", "2024-01-12"));
        assertEquals(List.of(other.resolve("bronze")), Files.list(other).toList(), "no lock file in another lake");

        // a demo stopped before it fetched a day holds no market yet: another demo takes its place
        Path stopped = Files.createDirectories(temp.resolve("stopped"));
        Files.writeString(stopped.resolve("_demo_market"),
                "--tickers 9 --start 2015-01-02 --end 2024-06-28 --seed 42\n");
        assertEquals(0, run("demo", "--data-root", stopped.toString(), "--tickers", "5", "--start", "2024-01-02",
                "--end", "2024-01-12"), err.toString());
        assertEquals("--tickers 5 --start 2024-01-02 --end 2024-01-12 --seed 42\n",
                Files.readString(stopped.resolve("_demo_market")));
    }

    /**
     * A demo lake holds a synthetic market: an ingest or a daemon on it would add another market's days (Polygon's, or
     * a replay's) that the demo's days do not join. Both are refused, naming the lake, before anything is fetched.
     */
    @Test
    void ingestAndRunRefuseADemoLake() throws IOException {
        Path lake = Files.createDirectories(temp.resolve("demo"));
        Files.writeString(lake.resolve("_demo_market"), "--tickers 5 --start 2024-01-02 --end 2024-01-12 --seed 42\n");
        Map<Path, String> files = filesUnder(lake);
        String[][] commands = {
            {"data", "ingest", "-t", "stocks_daily", "-s", "2024-01-02", "-e", "2024-01-05", "--data-root",
                lake.toString()},
            {"run", "--data-root", lake.toString()},
        };
        for (String[] command : commands) {
            err.getBuffer().setLength(0);
            assertEquals(2, run(command), String.join(" ", command) + ": " + err);
            assertTrue(err.toString().contains(lake + " is a demo lake (its _demo_market holds the synthetic market of"
                    + " --tickers 5 --start 2024-01-02 --end 2024-01-12 --seed 42): `" + command[0]), err.toString());
            assertTrue(err.toString().contains("give another data root"), err.toString());
            assertEquals(files, filesUnder(lake), String.join(" ", command));
        }
    }

    /**
     * Two demos on one lake take turns from the check of the lake's market to the end: the second finds the first one's
     * market recorded. Before, both passed the check on a fresh lake and ingested two markets into it.
     */
    @Test
    void aSecondDemoWaitsForTheFirstAndFindsItsMarket() throws Exception {
        Path lake = temp.resolve("demo");
        LakeLayout layout = new LakeLayout(lake);
        AtomicInteger exit = new AtomicInteger(-1);
        Thread second;
        try (RunLock first = RunLock.acquire(layout.demoLock(), "test")) { // the first demo, still going
            second = new Thread(() -> exit.set(run("demo", "--data-root", lake.toString(), "--tickers", "5",
                    "--start", "2024-01-02", "--end", "2024-01-19")));
            second.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (second.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(Thread.State.WAITING, second.getState(), "the second demo waits for the lock");
            assertFalse(Files.exists(layout.demoMarket()), "it has not claimed the lake");
            // what the first one recorded and fetched meanwhile
            Files.writeString(layout.demoMarket(), "--tickers 5 --start 2024-01-02 --end 2024-01-12 --seed 42\n");
            Files.createDirectories(layout.landingDataset("splits").resolve("2024-01-02"));
        }
        second.join(TimeUnit.SECONDS.toMillis(60));
        assertEquals(2, exit.get(), err.toString());
        assertTrue(err.toString().contains(lake + " holds the demo market of --tickers 5 --start 2024-01-02 --end"
                + " 2024-01-12 --seed 42"), err.toString());
        assertFalse(out.toString().contains("served at"), out.toString());
    }

    /** The demo's bad arguments and settings: exit 2 with the reason, before any market is served or lake made. */
    @Test
    void demoRefusesBadArgumentsBeforeServing() throws IOException {
        Path file = Files.writeString(temp.resolve("a-file"), "x");
        String[][] cases = {
            {"--start 2024-03-01 --end 2024-02-01", "--start 2024-03-01 is after --end 2024-02-01"},
            {"--start 2024-03-02 --end 2024-03-03", "holds no NYSE trading day that is over"},
            {"--start 2099-01-02 --end 2099-01-30", "holds no NYSE trading day that is over"},
            {"--tickers 0", "--tickers must be between 1 and 456,976 (the synthetic market's names are four letters),"
                    + " got 0"},
            {"--tickers 100000000", "--tickers must be between 1 and 456,976"},
            {"--routes-dir ", "--routes-dir is empty: give a folder"},
            {"--data-root " + file, "a file where a folder belongs"},
            {"--routes-dir " + temp.resolve("no-routes"), "routes folder not found"}};
        for (String[] bad : cases) {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            String args = "demo " + bad[0]
                    + (bad[0].contains("--data-root") ? "" : " --data-root " + temp.resolve("d"));
            assertEquals(2, run(args.split(" ", -1)), args + ": " + err);
            assertTrue(err.toString().contains(bad[1]), args + ": " + err);
            assertFalse(out.toString().contains("served at"), args + ": " + out);
        }
        assertFalse(Files.exists(temp.resolve("d")), "no lake made");
    }

    /** A five-ticker demo lake of 2024-01-02..12, built by {@code demo} in {@code temp/demo}. */
    private Path smallDemoLake() {
        Path lake = temp.resolve("demo");
        assertEquals(0, run("demo", "--data-root", lake.toString(), "--tickers", "5", "--start", "2024-01-02",
                "--end", "2024-01-12"), err.toString());
        return lake;
    }

    /**
     * A bronze folder whose every day file is gone (a disk not mounted, a copy under way) is refused like a missing
     * one: building from it deleted every silver day and emptied Qlib's provider, and said "days written=0", exit 0.
     */
    @Test
    void transformAndConvertRefuseABronzeFolderWithoutDays() throws IOException {
        Path lake = smallDemoLake();
        Map<Path, String> silverAndGold = filesUnder(lake.resolve("silver"), lake.resolve("gold"));
        assertEquals(9, silverAndGold.keySet().stream().filter(f -> f.toString().endsWith(".parquet")).count());
        Files.move(lake.resolve("bronze/stocks_daily/year=2024"), temp.resolve("aside"));

        for (String command : new String[] {"transform features", "convert qlib"}) {
            err.getBuffer().setLength(0);
            assertEquals(2, run((command + " --data-root " + lake).split(" ")), command + ": " + out);
            assertTrue(err.toString().contains("no bronze day files for stocks_daily in "
                    + lake.resolve("bronze/stocks_daily") + ": nothing to compute from, and silver and gold are left"
                    + " as they are"), command + ": " + err);
        }
        assertEquals(silverAndGold, filesUnder(lake.resolve("silver"), lake.resolve("gold")));
    }

    /**
     * A bronze month folder replaced by a file is refused as a bronze folder without days is (exit 2, silver and gold
     * as they were), naming the file: before, the stage failed with exit 1, which says a run went wrong, not the lake.
     */
    @Test
    void transformAndConvertRefuseABronzeMonthThatIsNotAFolder() throws IOException {
        Path lake = smallDemoLake();
        Map<Path, String> silverAndGold = filesUnder(lake.resolve("silver"), lake.resolve("gold"));
        Path month = lake.resolve("bronze/stocks_daily/year=2024/month=01");
        Files.move(month, temp.resolve("aside"));
        Files.writeString(month, "");

        for (String command : new String[] {"transform features", "convert qlib"}) {
            err.getBuffer().setLength(0);
            assertEquals(2, run((command + " --data-root " + lake).split(" ")), command + ": " + err);
            assertTrue(err.toString().contains(month + ": named as a partition folder, but not a folder"),
                    command + ": " + err);
        }
        assertEquals(silverAndGold, filesUnder(lake.resolve("silver"), lake.resolve("gold")));
    }

    /**
     * The last bronze day removed by hand: transform says it removed its silver day, and the next gold run drops it
     * from Qlib's calendar. Before, the summary said "days written=0" and no handoff told gold, which kept the day.
     */
    @Test
    void aLastBronzeDayRemovedLeavesSilverAndThenGold() throws IOException {
        Path lake = smallDemoLake();
        Path calendar = lake.resolve("gold/qlib/calendars/day.txt");
        assertEquals("2024-01-12", Files.readAllLines(calendar).get(8));
        Files.delete(lake.resolve("bronze/stocks_daily/year=2024/month=01/2024-01-12.parquet"));

        out.getBuffer().setLength(0);
        assertEquals(0, run("transform", "features", "--data-root", lake.toString()), err.toString());
        assertTrue(out.toString().contains("silver stocks_daily: days written=0 removed=1 rows=0 "), out.toString());
        assertFalse(Files.exists(lake.resolve("silver/stocks_daily/year=2024/month=01/2024-01-12.parquet")));
        assertEquals(1, new io.quantmini.lake.Handoffs(new io.quantmini.lake.LakeLayout(lake), java.time.Clock
                .systemUTC()).pending(io.quantmini.lake.Handoffs.GOLD).size(), "gold is handed the change");

        assertEquals(0, run("convert", "qlib", "--data-root", lake.toString()), err.toString());
        List<String> days = Files.readAllLines(calendar);
        assertEquals(8, days.size(), days.toString());
        assertEquals("2024-01-11", days.get(7));
    }

    /** A trading day bronze lacks is said on stderr by both stages that build across it; the run still succeeds. */
    @Test
    void transformAndConvertWarnOfATradingDayBronzeLacks() throws IOException {
        Path lake = smallDemoLake();
        assertFalse(err.toString().contains("warning"), err.toString());
        Files.delete(lake.resolve("bronze/stocks_daily/year=2024/month=01/2024-01-09.parquet"));

        for (String command : new String[] {"transform features", "convert qlib"}) {
            err.getBuffer().setLength(0);
            assertEquals(0, run((command + " --data-root " + lake).split(" ")), command + ": " + err);
            assertTrue(err.toString().contains("quantmini: warning: bronze stocks_daily lacks 1 NYSE trading day"
                    + " between its first and last day: 2024-01-09;"), command + ": " + err);
        }
        List<String> calendar = Files.readAllLines(lake.resolve("gold/qlib/calendars/day.txt"));
        assertEquals(List.of("2024-01-08", "2024-01-10"), calendar.subList(4, 6), "built as the bronze days are");
        assertFalse(err.toString().contains("bronze splits lacks"), err.toString());

        // a lake from before the splits dataset: gold's factor would miss every split, so convert says so
        io.quantmini.lake.FileTrees.delete(lake.resolve("bronze/splits"));
        err.getBuffer().setLength(0);
        assertEquals(0, run("convert", "qlib", "--data-root", lake.toString()), err.toString());
        assertTrue(err.toString().contains("quantmini: warning: bronze splits lacks 8 days of bronze stocks_daily's 8"
                + " (2024-01-02..2024-01-12): gold's factor takes them as days without splits. Fetch them: quantmini"
                + " data ingest -t splits -s 2024-01-02 -e 2024-01-12 --incremental"), err.toString());

        // a warning cannot fail the work it follows: a config folder without the calendar still exits 0
        Path config = io.quantmini.ingest.TestApp.copyOfConfig(temp.resolve("config"));
        io.quantmini.lake.FileTrees.delete(config.resolve("calendar"));
        err.getBuffer().setLength(0);
        assertEquals(0, run("transform", "features", "--full", "--config-dir", config.toString(), "--data-root",
                lake.toString()), err.toString());
        assertTrue(err.toString().contains("quantmini: warning: bronze stocks_daily not compared with the NYSE"
                + " calendar: "), err.toString());
    }

    /** A range with no session in it says so: "dates requested=0" alone reads as a lake already up to date. */
    @Test
    void anIngestOfARangeWithoutATradingDaySaysSo() throws IOException {
        Path config = io.quantmini.ingest.TestApp.copyOfConfig(temp.resolve("config"));
        Path properties = config.resolve("quantmini.properties");
        Files.writeString(properties, Files.readString(properties).replaceAll("(?m)^quantmini\\.polygon\\.base-url=.*$",
                "quantmini.polygon.base-url=http://127.0.0.1:9"));
        assertEquals(0, run("data", "ingest", "-t", "stocks_daily", "-s", "2024-01-06", "-e", "2024-01-07",
                "--config-dir", config.toString(), "--data-root", temp.resolve("lake").toString()), err.toString());
        assertTrue(out.toString().contains("stocks_daily: dates requested=0 skipped=0 "), out.toString());
        assertTrue(err.toString().contains("quantmini: --start 2024-01-06 --end 2024-01-07 holds no NYSE trading day"
                + " that is over: nothing to fetch"), err.toString());
    }

    /** The demo's qlib.init line pastes into Python whatever the lake's path holds. */
    @Test
    void theQlibLineQuotesThePathAsPythonDoes() {
        assertEquals("\"/tmp/a \\\"q\\\" \\\\t\"", DemoCommand.pythonString("/tmp/a \"q\" \\t"));
        assertEquals("\"/tmp/lake\"", DemoCommand.pythonString("/tmp/lake"));
    }

    /** Every regular file under the folders, with its bytes as hex of its SHA-256. */
    private static Map<Path, String> filesUnder(Path... folders) throws IOException {
        Map<Path, String> files = new java.util.TreeMap<>();
        for (Path folder : folders) {
            try (java.util.stream.Stream<Path> all = Files.walk(folder)) {
                for (Path file : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                    byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                    files.put(file, java.util.HexFormat.of().formatHex(digest));
                }
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }
        return files;
    }

    @Test
    void transformAndConvertRefuseALakeWithoutBronze() throws IOException {
        Files.createDirectories(temp.resolve("empty"));
        assertEquals(2, run("transform", "features", "--data-root", temp.resolve("empty").toString()));
        assertTrue(err.toString().contains("no bronze data for stocks_daily"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("convert", "qlib", "--data-root", temp.resolve("empty").toString()));
        assertTrue(err.toString().contains("no bronze data for stocks_daily"), err.toString());
        // a root that is not there, or is a file: the setting is named, and nothing is created
        Path file = Files.writeString(temp.resolve("a-file"), "x");
        for (String command : new String[] {"transform features", "convert qlib"}) {
            err.getBuffer().setLength(0);
            assertEquals(2, run((command + " --data-root " + temp.resolve("typo")).split(" ")));
            assertTrue(err.toString().contains("invalid setting 'quantmini.data-root'") && err.toString().contains(
                    temp.resolve("typo") + ": there is no lake there (data ingest makes one; for another lake, e.g. the"
                    + " demo's, give --data-root demo-lake)"), err.toString());
            assertFalse(Files.exists(temp.resolve("typo")));
            err.getBuffer().setLength(0);
            assertEquals(2, run((command + " --data-root " + file).split(" ")));
            assertTrue(err.toString().contains(file + ": a file, not the lake's folder"), err.toString());
        }
        assertFalse(err.toString().contains("Usage:"), "the lake's state, not the command line: " + err);
        err.getBuffer().setLength(0);
        assertEquals(2, run("transform", "features", "-s", "2024-02-01", "-e", "2024-01-01"));
        assertTrue(err.toString().contains("after --end"), err.toString());
    }

    /** A range with no bronze day (a mistyped year) says so, and what bronze holds, not "days written=0" alone. */
    @Test
    void transformOverARangeWithoutBronzeSaysSo() {
        String lake = temp.resolve("lake").toString();
        assertEquals(0, run("demo", "--data-root", lake), err::toString);
        err.getBuffer().setLength(0);
        assertEquals(0, run("transform", "features", "--data-root", lake, "-s", "2025-01-01", "-e", "2025-06-30"));
        assertTrue(err.toString().contains("quantmini: no bronze day of stocks_daily in 2025-01-01..2025-06-30 (bronze"
                + " holds 2024-01-02.."), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(0, run("transform", "features", "--data-root", lake, "-s", "2024-02-01", "-e", "2024-02-29"));
        assertFalse(err.toString().contains("no bronze day"), "a range with bronze, already up to date: " + err);
    }

    /** A second daemon on a lake would double every request to Polygon: it is refused, and the first goes on. */
    @Test
    void oneDaemonPerLake() throws Exception {
        Path config = configFor("http://127.0.0.1:9");
        Path lake = Files.createDirectories(temp.resolve("daemon-lake"));
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread first = new Thread(() -> { // the first daemon's hold, from another thread as from another process
            try (io.quantmini.lake.RunLock lock =
                         io.quantmini.lake.RunLock.tryAcquire(new io.quantmini.lake.LakeLayout(lake).daemonLock())) {
                assertNotNull(lock);
                held.countDown();
                done.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        first.start();
        try {
            assertTrue(held.await(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(2, run("run", "--config-dir", config.toString(), "--data-root", lake.toString()),
                    err.toString());
            assertEquals("quantmini: another `quantmini run` is running on the lake " + lake + " (it holds "
                    + new io.quantmini.lake.LakeLayout(lake).daemonLock()
                    + "): one daemon per lake; stop that one first",
                    err.toString().strip());
            assertFalse(out.toString().contains("quantmini run: schedule"), out.toString());
            // refused before its routes started: a handoff consumer makes its folder as it starts
            assertTrue(Files.notExists(new io.quantmini.lake.LakeLayout(lake).handoffs()), "a route started");
        } finally {
            done.countDown();
            first.join();
        }
        try (io.quantmini.lake.RunLock free =
                     io.quantmini.lake.RunLock.tryAcquire(new io.quantmini.lake.LakeLayout(lake).daemonLock())) {
            assertNotNull(free, "free once the first ends");
        }
    }

    @Test
    void aBrokenRouteFileExitsTwoWithWhereItBroke() throws Exception {
        Path config = configFor("http://127.0.0.1:9");
        for (String[] broken : new String[][] {
                {"- route: [unclosed\n", "broken.camel.yaml line 2, column 1: not valid YAML: while parsing a flow"
                        + " sequence, expected ',' or ']', but got <stream end>"},
                {"- route:\n    id: caf\u00ff\n", "broken.camel.yaml line 2, column 12: not valid YAML: not UTF-8 text"
                        + " (a byte that is not UTF-8, such as a Latin-1 accent): save it as UTF-8"},
                {"# nothing yet\n", "broken.camel.yaml: holds no routes (it is empty, or comments only)"},
                {"- templatedRoute:\n    routeTemplateRef: polygon-fetc\n    routeId: x\n", "polygon-fetc"},
                // Camel names the file only; the bean and what failed are in its causes
                {"- beans:\n    - name: badBean\n      type: java.text.SimpleDateFormat\n      properties:\n"
                        + "        lenientt: true\n", "Error creating bean: badBean of type"}}) {
            Path routes = Files.createDirectories(temp.resolve("routes-" + Math.abs(broken[0].hashCode())));
            Files.copy(TestApp.ROUTES_DIR.resolve("stocks_daily.camel.yaml"),
                    routes.resolve("stocks_daily.camel.yaml"));
            Files.write(routes.resolve("broken.camel.yaml"), broken[0].getBytes(StandardCharsets.ISO_8859_1));
            err.getBuffer().setLength(0);
            assertEquals(2, ingestTwoDays("--routes-dir", routes.toString(), "--config-dir", config.toString()),
                    err.toString());
            assertTrue(err.toString().contains(broken[1]), err.toString());
            assertFalse(err.toString().contains("Exception"), err.toString());
        }
    }

    /**
     * A route file is named by its absolute path in every route error, whatever form --routes-dir was given in: one
     * that does not parse (found before Camel reads the files) was named relative to the working directory, while
     * one Camel has read (here a template parameter misspelled) is named as Camel names it.
     */
    @Test
    void aRouteErrorNamesTheFileByItsAbsolutePath() throws Exception {
        Path config = configFor("http://127.0.0.1:9");
        Path routes = Files.createDirectories(temp.resolve("elsewhere").resolve("routes"));
        Path given = Path.of("").toAbsolutePath().relativize(routes); // ../../tmp/junit.../elsewhere/routes
        Files.copy(TestApp.ROUTES_DIR.resolve("stocks_daily.camel.yaml"), routes.resolve("stocks_daily.camel.yaml"));
        for (String[] broken : new String[][] {
                {"- route: [unclosed\n", " line 2, column 1: not valid YAML: "},
                {"- templatedRoute:\n    routeTemplateRef: polygon-fetch\n    routeId: x\n    parameters:\n"
                        + "      - {name: dataset, value: stocks_daily}\n      - {name: path, value: '/v2/{date}'}\n"
                        + "      - {name: quer, value: y}\n", ": templatedRoute x: parameter 'quer'"}}) {
            Path file = routes.resolve("broken.camel.yaml");
            Files.writeString(file, broken[0]);
            err.getBuffer().setLength(0);
            assertEquals(2, ingestTwoDays("--routes-dir", given.toString(), "--config-dir", config.toString()),
                    err.toString());
            String error = err.toString();
            assertTrue(error.startsWith("quantmini: ") && error.contains(broken[1]), error);
            Path named = Path.of(error.substring("quantmini: ".length(), error.indexOf(broken[1])));
            assertTrue(named.isAbsolute(), error);
            assertTrue(Files.isSameFile(file, named), error);
        }
    }

    /**
     * A schema in config/datasets not saved as UTF-8 is refused naming the file and the line of its first such byte,
     * in the words a route file gets: the parser's read-ahead put its position lines before it, in its own words.
     */
    @Test
    void aSchemaNotSavedAsUtf8IsNamedWithItsLine() throws Exception {
        Path config = configFor("http://127.0.0.1:9");
        Path schema = config.resolve("datasets").resolve("stocks_daily.yaml");
        long lines = Files.readAllLines(schema).size();
        Files.write(schema, "# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1),
                java.nio.file.StandardOpenOption.APPEND); // as a Latin-1 editor saves it
        assertEquals(2, ingestTwoDays("--config-dir", config.toString()), err.toString());
        assertEquals("quantmini: " + schema + " line " + (lines + 1) + ", column 6: cannot read schema: not UTF-8 text"
                + " (a byte that is not UTF-8, such as a Latin-1 accent): save it as UTF-8", err.toString().strip());
    }

    /** A {@code camel.*} setting Camel cannot bind is named with its value, without the Java object behind it. */
    @Test
    void aCamelSettingCamelCannotBindIsNamed() throws Exception {
        Path properties = settingsWithANonsenseCamelOption();
        assertEquals(2, ingestTwoDays("--config-dir", properties.getParent().toString()), err.toString());
        assertEquals("quantmini: camel failed to start with the routes in " + TestApp.ROUTES_DIR.toAbsolutePath()
                + " and the camel.* settings of " + properties + ": camel.main.nonsenseOption=1: Camel has no such"
                + " setting, or cannot take that value", err.toString().strip());
    }

    /** A config folder whose quantmini.properties sets camel.main.nonsenseOption: that settings file. */
    private Path settingsWithANonsenseCamelOption() throws Exception {
        Path properties = configFor("http://127.0.0.1:9").resolve("quantmini.properties");
        Files.writeString(properties, Files.readString(properties) + "camel.main.nonsenseOption=1\n");
        return properties;
    }

    /** The settings' file is named as the routes' folder is, absolute: not as typed (../x/config/...). */
    @Test
    void aCamelStartFailureNamesARelativeConfigDirAbsolute() throws Exception {
        Path properties = settingsWithANonsenseCamelOption();
        Path config = properties.getParent();
        Path typed = Path.of("src", "..").resolve(Path.of("").toAbsolutePath().relativize(config));
        assertTrue(typed.toString().startsWith("src/../.."), typed.toString());
        assertEquals(2, ingestTwoDays("--config-dir", typed.toString()), err.toString());
        assertTrue(err.toString().startsWith("quantmini: camel failed to start with the routes in "
                + TestApp.ROUTES_DIR.toAbsolutePath() + " and the camel.* settings of " + properties + ": "),
                err.toString());
    }

    /**
     * A --config-dir typed relative, with '..', is named absolute in every start-up message naming a file in it, as
     * the routes folder is: a dataset without a schema, a broken schema, and the Camel settings given elsewhere.
     */
    @Test
    void filesOfARelativeConfigDirAreNamedAbsolute() throws Exception {
        Path config = configFor("http://127.0.0.1:9");
        Path typed = Path.of("src", "..").resolve(Path.of("").toAbsolutePath().relativize(config));
        assertTrue(typed.toString().startsWith("src/../.."), typed.toString());
        String[] ingest = {"data", "ingest", "-s", "2024-01-02", "-e", "2024-01-03", "--config-dir", typed.toString(),
            "--data-root", temp.resolve("lake").toString(), "-t"};
        assertEquals(2, run(concat(ingest, "nothing")), err.toString());
        assertTrue(err.toString().startsWith("quantmini: unknown dataset 'nothing': no schema "
                + config.resolve("datasets/nothing.yaml") + " ("), err.toString());

        Path splits = config.resolve("datasets/splits.yaml");
        TestApp.edit(splits, "schema_version: 1", "schema_version: one");
        err.getBuffer().setLength(0);
        System.setProperty("camel.main.durationMaxSeconds", "3");
        try {
            List<String> warnings = io.quantmini.LogCapture.warnings(io.quantmini.app.QuantMiniCamel.class,
                    () -> assertEquals(2, run(concat(ingest, "stocks_daily")), err.toString()));
            assertTrue(err.toString().startsWith("quantmini: " + splits + ": "), err.toString());
            assertTrue(warnings.contains("ignored: system property -Dcamel.main.durationMaxSeconds. Camel's settings"
                    + " are read from " + config.resolve("quantmini.properties") + " alone, where start-up checks"
                    + " them: put them there (as camel.* keys)"), warnings.toString());
        } finally {
            System.clearProperty("camel.main.durationMaxSeconds");
        }
    }

    /**
     * Camel reads a whole-number option's text as a duration, and text without a unit it knows as 0: a shutdown
     * timeout of 'abc' was 0, a pool size in full-width digits 0, a figure past an int's range wrapped. Refused before
     * Camel binds them, by the ingest and by the daemon, each named with its value.
     */
    @Test
    void aCamelNumberSettingCamelWouldMisreadIsNamed() throws Exception {
        Path config = configFor("http://127.0.0.1:9");
        Path properties = config.resolve("quantmini.properties");
        Files.writeString(properties, Files.readString(properties) + "camel.main.durationMaxIdleSeconds=abc\n"
                + "camel.component.http.connection-time-to-live=\uFF15\n" + "camel.main.durationMaxSeconds=3000000000\n"
                + "camel.main.durationMaxMessages=+5\n" + "camel.main.description=abc\n"
                + "camel.component.http.connectTimeout=30s\n");
        String expected = "quantmini: camel failed to start with the routes in " + TestApp.ROUTES_DIR.toAbsolutePath()
                + " and the camel.* settings of " + properties + ":"
                + " camel.component.http.connection-time-to-live=\uFF15: Camel takes a whole number there (the digits"
                + " 0-9, or a duration such as 30s), and would read this as 0; camel.main.durationMaxIdleSeconds=abc:"
                + " Camel takes a whole number there (the digits 0-9, or a duration such as 30s), and would read this"
                + " as 0; camel.main.durationMaxMessages=+5: Camel takes a whole number there (the digits 0-9, or a"
                + " duration such as 30s), and would read this as 0; camel.main.durationMaxSeconds=3000000000: Camel"
                + " takes a number up to 2147483647 there, and would read this as -1294967296";
        assertEquals(2, ingestTwoDays("--config-dir", config.toString()), err.toString());
        assertEquals(expected, err.toString().strip());
        err.getBuffer().setLength(0);
        assertEquals(2, run("run", "--config-dir", config.toString(), "--data-root", temp.resolve("lake").toString()),
                err.toString());
        assertEquals(expected, err.toString().strip());
        assertFalse(out.toString().contains("quantmini run: schedule"), out.toString());
    }

    /**
     * What Camel itself lets through: a route file that is a mapping (Camel only warns, and leaves its routes out), an
     * empty list, a key given twice (Camel takes the last).
     */
    @Test
    void aRouteFileThatIsNotAListOfRoutesOrGivesAKeyTwiceExitsTwoNamingIt() throws Exception {
        Path config = configFor("http://127.0.0.1:9");
        String fetch = Files.readString(TestApp.ROUTES_DIR.resolve("stocks_daily.camel.yaml"));
        String[][] cases = {
            {"foo: bar\n", "x.camel.yaml: not a list of routes (each entry '- route:', '- templatedRoute:', ...), but a"
                + " mapping; Camel would leave the file's routes out"},
            {"[]\n", "x.camel.yaml: not a list of routes (each entry '- route:', '- templatedRoute:', ...), but an"
                + " empty list; Camel would leave the file's routes out"},
            {fetch.replaceFirst("(\n( +)value: adjusted=true)", "$1\n$2value: adjusted=false"),
                "a key given twice: 'value' (which one is meant?)"}};
        for (int c = 0; c < cases.length; c++) {
            Path routes = Files.createDirectories(temp.resolve("routes-shape-" + c));
            Files.copy(TestApp.ROUTES_DIR.resolve("stocks_daily.camel.yaml"),
                    routes.resolve("stocks_daily.camel.yaml"));
            Files.writeString(routes.resolve(c == 2 ? "stocks_daily.camel.yaml" : "x.camel.yaml"), cases[c][0]);
            err.getBuffer().setLength(0);
            assertEquals(2, ingestTwoDays("--routes-dir", routes.toString(), "--config-dir", config.toString()),
                    err.toString());
            assertTrue(err.toString().contains(cases[c][1]), err.toString());
            assertTrue(err.toString().contains(routes.toString()), err.toString());
        }
    }

    /** The daemon announces its schedule once it runs: not for a daemon its routes stop at start-up. */
    @Test
    void aDaemonItsRoutesStopAnnouncesNoSchedule() throws Exception {
        Path config = configFor("http://127.0.0.1:9");
        Path routes = Files.createDirectories(temp.resolve("routes-bad-cron"));
        for (String file : new String[] {"stocks_daily.camel.yaml", "splits.camel.yaml", "schedule.camel.yaml"}) {
            Files.copy(TestApp.ROUTES_DIR.resolve(file), routes.resolve(file));
        }
        Path schedule = routes.resolve("schedule.camel.yaml");
        String text = Files.readString(schedule);
        assertTrue(text.contains("cron: \"{{quantmini.schedule.cron}}\""), text);
        Files.writeString(schedule, text.replace("cron: \"{{quantmini.schedule.cron}}\"", "cron: \"0 0 25 * * ?\""));
        assertEquals(2, run("run", "--routes-dir", routes.toString(), "--config-dir", config.toString(),
                "--data-root", temp.resolve("bad-cron-lake").toString()), err.toString());
        assertTrue(err.toString().contains("Hour values must be between 0 and 23"), err.toString());
        assertFalse(out.toString().contains("quantmini run: schedule"), out.toString());
    }

    @Test
    void theDaemonsBannerNamesEachScheduleOrSaysThereIsNone() {
        assertEquals("schedule 'a' (UTC; next x)", RunCommand.banner(List.of("'a' (UTC; next x)")));
        assertEquals("schedules 'a' (UTC; next x), 'b' (UTC; next y)",
                RunCommand.banner(List.of("'a' (UTC; next x)", "'b' (UTC; next y)")));
        assertEquals("nothing scheduled (no started route starts from quartz:)", RunCommand.banner(List.of()));
    }

    @Test
    void aFileSystemFailureSaysWhatWentWrongNotOnlyThePath() {
        assertEquals("/lake/silver: permission denied",
                QuantMini.oneLine(new RuntimeException(new java.nio.file.AccessDeniedException("/lake/silver"))));
        assertEquals("/lake/x: not a folder", QuantMini.oneLine(new java.nio.file.NotDirectoryException("/lake/x")));
        assertEquals("/a: disk full",
                QuantMini.oneLine(new java.nio.file.FileSystemException("/a", null, "disk full")));
    }

    /**
     * A run refused at start-up leaves the file system as it found it: no empty data root. A bad schema, calendar,
     * camel.* setting or route was found only after the root was made (and the demo's lock and market record in it).
     */
    @Test
    void aRefusedRunMakesNoDataRoot() throws Exception {
        Path config = configFor("http://127.0.0.1:9");
        String badSchema = withLine(config, "datasets/splits.yaml", "garbage: [");
        String badCalendar = withLine(config, "calendar/nyse-closures.csv", "not,a,date");
        String badCamel = withLine(config, "quantmini.properties", "camel.main.no-such-setting=1");
        Path badRoute = temp.resolve("routes-bad-template");
        TestApp.copyTree(TestApp.ROUTES_DIR, badRoute);
        TestApp.edit(badRoute.resolve("splits.camel.yaml"), "routeTemplateRef: polygon-fetch",
                "routeTemplateRef: no-such-template");
        String[] ingest = {"data", "ingest", "-t", "stocks_daily", "-s", "2024-01-02", "-e", "2024-01-03"};
        Map<String, String[]> refused = new java.util.LinkedHashMap<>(); // what the error says -> the command
        refused.put("'2024-13-01' is not a date", new String[] {"data", "ingest", "-t", "stocks_daily", "-s",
                "2024-13-01", "-e", "2024-01-03"});
        refused.put("--max-concurrent must be from 1 to 1000", concat(ingest, "--max-concurrent", "0"));
        refused.put("unknown dataset 'no_such'", new String[] {"data", "ingest", "-t", "no_such", "-s", "2024-01-02",
                "-e", "2024-01-03", "--config-dir", config.toString()});
        refused.put("splits.yaml line", concat(ingest, "--config-dir", badSchema));
        refused.put("nyse-closures.csv line", concat(ingest, "--config-dir", badCalendar));
        refused.put("Camel has no such setting", concat(ingest, "--config-dir", badCamel));
        refused.put("no-such-template", concat(ingest, "--config-dir", config.toString(), "--routes-dir",
                badRoute.toString()));
        refused.put("demo: splits.yaml line", new String[] {"demo", "--config-dir", badSchema});
        refused.put("demo: no-such-template", new String[] {"demo", "--routes-dir", badRoute.toString()});
        refused.put("run: splits.yaml line", new String[] {"run", "--config-dir", badSchema});
        // Camel refuses the route, or the route checks do, or it does not parse: the daemon's lock and the handoff
        // consumers' folders were made in the root before
        refused.put("run: no-such-template", new String[] {"run", "--config-dir", config.toString(),
                "--routes-dir", badRoute.toString()});
        refused.put("run: sends to direct:stocks_dialy-fetch, which no route consumes", new String[] {"run",
                "--config-dir", config.toString(), "--routes-dir", routesWith("stocks_daily.camel.yaml",
                "uri: direct:stocks_daily-fetch", "uri: direct:stocks_dialy-fetch")});
        refused.put("run: not valid YAML", new String[] {"run", "--config-dir", config.toString(), "--routes-dir",
                routesWith("silver.camel.yaml", "- route:", "- route: [")});
        refused.put("there is no lake there", new String[] {"transform", "features"});
        int n = 0;
        for (Map.Entry<String, String[]> refusal : refused.entrySet()) {
            Path root = temp.resolve("new-root-" + n++);
            err.getBuffer().setLength(0);
            assertEquals(2, run(concat(refusal.getValue(), "--data-root", root.toString())), err.toString());
            assertTrue(err.toString().contains(refusal.getKey().replaceFirst("^\\w+: ", "")), err.toString());
            assertTrue(Files.notExists(root), "made " + root + ": " + err);
        }
    }

    /**
     * A bean, a bean's method or a thread pool misspelled in a route file: Camel refused it in Java's words ("Method
     * with name: plann not found on bean: io.quantmini.ingest.IngestPlanner@640ab13c of type: ...", "No bean could be
     * found in the registry for: ingestPlaner", "ExecutorServiceRef polygonPol not found in registry"), naming
     * neither the names it would take nor, for the pool, the right line. Refused with the file, route, step and those.
     */
    @Test
    void aStepNamingABeanMethodOrPoolThatIsNotThereExitsTwoNamingTheChoices() throws Exception {
        Path config = configFor("http://127.0.0.1:9");
        String[] ingest = {"data", "ingest", "-t", "splits", "-s", "2024-01-02", "-e", "2024-01-03"};
        String method = routesWith("splits.camel.yaml", "method: plan", "method: plann");
        String bean = routesWith("splits.camel.yaml", "ref: ingestPlanner", "ref: ingestPlaner");
        String pool = routesWith("splits.camel.yaml", "executorService: polygonPool", "executorService: polygonPol");
        String strategy = routesWith("splits.camel.yaml", "aggregationStrategy: dayOutcomes",
                "aggregationStrategy: dayOutcome");
        String doFinally = routesWith("schedule.camel.yaml", "ref: scheduledIngest\n                    method: report",
                "ref: scheduledIngst\n                    method: report");
        Map<String[], String> refused = new java.util.LinkedHashMap<>(); // the command -> what the error starts with
        refused.put(concat(ingest, "--routes-dir", method), method + "/splits.camel.yaml: route splits-ingest: the"
                + " bean step (ref: ingestPlanner, method: plann): ingestPlanner has no method plann; its methods"
                + " are ");
        refused.put(concat(ingest, "--routes-dir", bean), bean + "/splits.camel.yaml: route splits-ingest: the bean"
                + " step (ref: ingestPlaner, method: plan): no bean is named ingestPlaner; the beans are ");
        refused.put(concat(ingest, "--routes-dir", pool), pool + "/splits.camel.yaml: route splits-ingest: the split"
                + " step's executorService: polygonPol is no thread pool; the thread pools are polygonPool");
        refused.put(concat(ingest, "--routes-dir", strategy), strategy + "/splits.camel.yaml: route splits-ingest:"
                + " the split step's aggregationStrategy: no bean is named dayOutcome; the beans are ");
        refused.put(new String[] {"run", "--routes-dir", doFinally}, doFinally + "/schedule.camel.yaml: route"
                + " scheduled-ingest: the bean step (ref: scheduledIngst, method: report): no bean is named"
                + " scheduledIngst; the beans are ");
        List<String> said = new java.util.ArrayList<>();
        for (Map.Entry<String[], String> refusal : refused.entrySet()) {
            Path root = temp.resolve("root-" + said.size());
            err.getBuffer().setLength(0);
            assertEquals(2, run(concat(refusal.getKey(), "--config-dir", config.toString(), "--data-root",
                    root.toString())), err.toString());
            said.add(err.toString().strip());
            assertTrue(said.get(said.size() - 1).startsWith("quantmini: " + refusal.getValue()), err.toString());
            assertFalse(err.toString().contains("io.quantmini") || err.toString().contains("registry")
                    || err.toString().contains("camel failed"), err.toString());
            assertTrue(Files.notExists(root), "made " + root + ": " + err);
        }
        assertTrue(said.get(0).contains(" plan, rootMade"), said.get(0)); // the planner's methods
        assertTrue(said.get(1).contains(", ingestPlanner, lateFirings, "), said.get(1)); // the beans
    }

    /**
     * A hand-made route that passes the route checks but whose consumer fails to start (a folder it requires is
     * missing): the start is refused once the data root (its missing parent too), the daemon's lock and the handoff
     * folders were made. Before, they were left behind; now what this start made of a new root is undone. A root
     * that was there before keeps what it holds.
     */
    @Test
    void aRouteThatFailsToStartLeavesNoNewDataRoot() throws Exception {
        Path config = configFor("http://127.0.0.1:9");
        Path routes = temp.resolve("routes-watching-a-missing-folder");
        TestApp.copyTree(TestApp.ROUTES_DIR, routes);
        Path missing = temp.resolve("no-such-drop-folder");
        Files.writeString(routes.resolve("watch.camel.yaml"), """
                - route:
                    id: watch-drop-folder
                    from:
                      uri: file:%s
                      parameters:
                        autoCreate: false
                        startingDirectoryMustExist: true
                      steps:
                        - log: "dropped ${file:name}"
                """.formatted(missing));
        String[][] commands = {{"data", "ingest", "-t", "stocks_daily", "-s", "2024-01-02", "-e", "2024-01-03"},
                {"run"}};
        int n = 0;
        for (String[] command : commands) {
            Path parent = temp.resolve("new-parent-" + n++);
            Path root = parent.resolve("lake");
            err.getBuffer().setLength(0);
            assertEquals(2, run(concat(command, "--config-dir", config.toString(), "--routes-dir", routes.toString(),
                    "--data-root", root.toString())), err.toString());
            assertTrue(err.toString().contains(missing.toString()), err.toString());
            assertTrue(Files.notExists(parent), command[0] + " made " + parent + ": " + err);

            Path kept = temp.resolve("kept-root-" + n);
            Files.createDirectories(kept.resolve("bronze"));
            Files.writeString(kept.resolve("notes.txt"), "mine");
            assertEquals(2, run(concat(command, "--config-dir", config.toString(), "--routes-dir", routes.toString(),
                    "--data-root", kept.toString())), err.toString());
            assertEquals("mine", Files.readString(kept.resolve("notes.txt")));
            assertTrue(Files.isDirectory(kept.resolve("bronze")), "an empty folder that was there stays");
        }
    }

    /** A copy of the shipped routes with {@code from} replaced by {@code to} in {@code file}. */
    private String routesWith(String file, String from, String to) throws IOException {
        Path copy = temp.resolve("routes-" + file.replaceAll("\\W", "-") + "-" + Math.abs(to.hashCode()));
        TestApp.copyTree(TestApp.ROUTES_DIR, copy);
        TestApp.edit(copy.resolve(file), from, to);
        return copy.toString();
    }

    /** A copy of {@code config} with {@code line} added to its {@code file}. */
    private String withLine(Path config, String file, String line) throws IOException {
        Path copy = temp.resolve("config-" + file.replaceAll("\\W", "-"));
        TestApp.copyTree(config, copy);
        Files.writeString(copy.resolve(file), "\n" + line + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        return copy.toString();
    }

    private static String[] concat(String[] args, String... more) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(more))
                .toArray(String[]::new);
    }
}
