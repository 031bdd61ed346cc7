package io.quantmini.ingest;

import io.quantmini.app.QuantMiniCamel;
import io.quantmini.bronze.DatasetSchema;
import io.quantmini.calendar.NyseCalendar;
import io.quantmini.config.QuantMiniConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The real application, wired to the project's config/ and routes/, pointed at a loopback fake and a temp lake. */
public final class TestApp {

    /** A made-up key; tests check it reaches the server as a Bearer header and nowhere else. */
    public static final String SECRET = "qm-test-key-SECRET-5e1f0c";

    public static final Path CONFIG_DIR = Path.of("config");
    public static final Path ROUTES_DIR = Path.of("routes");

    private TestApp() {
    }

    public static NyseCalendar calendar() {
        return NyseCalendar.load(CONFIG_DIR.resolve("calendar").resolve("nyse-closures.csv"));
    }

    /** A copy of the project's config/ in {@code target}, for a test to change. */
    public static Path copyOfConfig(Path target) throws IOException {
        copyTree(CONFIG_DIR, target);
        return target;
    }

    /**
     * Replaces the first {@code from} in {@code file} by {@code to}, as an operator edits a route or a config file;
     * fails the test if {@code from} is not there, since the edit would then change nothing.
     */
    public static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        if (!text.contains(from)) {
            throw new AssertionError(file + " has no '" + from + "':\n" + text);
        }
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to)));
    }

    /**
     * Copies the folder {@code from} and everything under it to {@code to}: files with their times, links as links (a
     * lake's gold/qlib names its generation).
     */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path copy = to.resolve(from.relativize(source).toString());
                if (Files.isSymbolicLink(source)) {
                    Files.createSymbolicLink(copy, Files.readSymbolicLink(source));
                } else if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** A dataset's schema from the project's config/datasets/. */
    public static DatasetSchema schema(String dataset) {
        return DatasetSchema.load(CONFIG_DIR.resolve("datasets").resolve(dataset + ".yaml"));
    }

    /**
     * The schedule of a test's daemon, unless the test gives one: the shipped 06:00 New York on weekdays would fire a
     * real scheduled ingest inside any daemon test that happens to run then.
     */
    public static final String NEVER_FIRES = "0 0 6 1 1 ? 2099";

    public static QuantMiniConfig config(Path dataRoot, String baseUrl, Map<String, String> extra) {
        return config(CONFIG_DIR, dataRoot, baseUrl, extra);
    }

    /** As {@link #config(Path, String, Map)}, from another config folder (a modified copy of the project's). */
    public static QuantMiniConfig config(Path configDir, Path dataRoot, String baseUrl, Map<String, String> extra) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put(QuantMiniConfig.DATA_ROOT, dataRoot.toString());
        overrides.put(QuantMiniConfig.BASE_URL, baseUrl);
        overrides.put(QuantMiniConfig.MAX_RETRIES, "3");
        overrides.put(QuantMiniConfig.RETRY_INITIAL_DELAY_MS, "20");
        overrides.put(QuantMiniConfig.RETRY_MAX_DELAY_MS, "1500");
        overrides.put(QuantMiniConfig.TIMEOUT_SECONDS, "2");
        overrides.put(QuantMiniConfig.REQUESTS_PER_SECOND, "1000");
        overrides.put(QuantMiniConfig.SCHEDULE_CRON, NEVER_FIRES);
        overrides.putAll(extra);
        return QuantMiniConfig.load(configDir, Map.of("POLYGON_API_KEY", SECRET), overrides);
    }

    public static IngestRun ingest(QuantMiniConfig config, Path routesDir, IngestRequest request) {
        try (QuantMiniCamel app = QuantMiniCamel.create(config, routesDir, false, Clock.systemUTC()).start()) {
            return app.ingest(request);
        }
    }

    public static IngestRun ingest(QuantMiniConfig config, IngestRequest request) {
        return ingest(config, ROUTES_DIR, request);
    }
}
