package io.quantmini.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quantmini.lake.LakeWriteException;
import org.quartz.CronExpression;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;

/**
 * The application's settings: {@code config/quantmini.properties}, then the environment
 * ({@code DATA_ROOT}, {@code POLYGON_BASE_URL}, {@code POLYGON_API_KEY}), then command-line overrides.
 * The key comes from {@code POLYGON_API_KEY} or {@code config/credentials.yaml}. Every value is checked
 * here, at start-up, and a bad one stops the program with the key and the file named.
 */
public final class QuantMiniConfig {

    public static final String FILE_NAME = "quantmini.properties";
    public static final String CREDENTIALS_FILE = "credentials.yaml";

    public static final String DATA_ROOT = "quantmini.data-root";
    public static final String BASE_URL = "quantmini.polygon.base-url";
    public static final String REQUESTS_PER_SECOND = "quantmini.polygon.requests-per-second";
    public static final String MAX_CONCURRENT = "quantmini.polygon.max-concurrent";
    public static final String MAX_RETRIES = "quantmini.polygon.max-retries";
    public static final String RETRY_INITIAL_DELAY_MS = "quantmini.polygon.retry-initial-delay-ms";
    public static final String RETRY_MAX_DELAY_MS = "quantmini.polygon.retry-max-delay-ms";
    public static final String TIMEOUT_SECONDS = "quantmini.polygon.timeout-seconds";
    public static final String REQUEST_DEADLINE_SECONDS = "quantmini.polygon.request-deadline-seconds";
    public static final String SCHEDULE_CRON = "quantmini.schedule.cron";
    public static final String SCHEDULE_TIME_ZONE = "quantmini.schedule.time-zone";
    public static final String SCHEDULE_LOOKBACK_DAYS = "quantmini.schedule.lookback-days";
    /** The longest window a scheduled run may be given: a year of requests per dataset. */
    public static final int MAX_LOOKBACK_DAYS = 366;
    /**
     * Calendar days up to the last final day (yesterday; today after 20:00 New York) whose splits each scheduled run
     * asks Polygon for again, present or not: a split
     * reported after its execution date would otherwise never reach the lake. Optional (a config written before it
     * existed gets the default); 0 asks for missing days only.
     */
    public static final String SCHEDULE_SPLITS_RECHECK_DAYS = "quantmini.schedule.splits-recheck-days";
    static final int DEFAULT_SPLITS_RECHECK_DAYS = 30;
    public static final String GOLD_WITH_FEATURES = "quantmini.gold.with-features";
    /**
     * Set by the program, not the user: "true" only in `quantmini run`, where schedules and handoff consumers start.
     */
    public static final String DAEMON = "quantmini.daemon";
    /**
     * The thread pool profile the ingest routes split their days on ({@code executorService: polygonPool} in
     * routes/stocks_daily.camel.yaml and splits.camel.yaml), which start-up sizes from {@link #MAX_CONCURRENT}.
     */
    public static final String POLYGON_POOL = "polygonPool";

    /**
     * The {@code camel.*} settings start-up sets itself (app/QuantMiniCamel), by {@link #camelOptionName}, with why: a
     * value in the file would be replaced without a word.
     */
    public static final Map<String, String> CAMEL_SETTINGS_OF_OUR_OWN = ownCamelSettings();

    private static Map<String, String> ownCamelSettings() {
        String fromMaxConcurrent = "from " + MAX_CONCURRENT + ": set that instead";
        Map<String, String> own = new java.util.HashMap<>();
        own.put("camel.main.name", "the program's name");
        own.put("camel.main.routes-include-pattern", "the routes folder: --routes-dir or QUANTMINI_ROUTES_DIR");
        own.put("camel.main.jmx-enabled", "off: nothing here reads Camel's MBeans");
        own.put("camel.main.auto-startup", "start-up starts the routes itself, once its checks passed");
        String fileOnly = "off: Camel's settings and the routes' placeholders come from this file alone, checked";
        own.put("camel.main.auto-configuration-environment-variables-enabled", fileOnly);
        own.put("camel.main.auto-configuration-system-properties-enabled", fileOnly);
        own.put("camel.component.properties.environment-variable-mode", fileOnly);
        own.put("camel.component.properties.system-properties-mode", fileOnly);
        own.put("camel.main.shutdown-timeout", "what a stop's grace for the requests in flight is measured against");
        own.put("camel.component.quartz.auto-start-scheduler", "on for `run`, off for one-shot commands");
        own.put("camel.component.http.automatic-retries-disabled", "the retries are " + MAX_RETRIES);
        own.put("camel.component.http.cookie-management-disabled", "Polygon needs no cookies");
        own.put("camel.component.http.response-payload-streaming-threshold", "how a page is read, for speed");
        own.put("camel.component.http.max-total-connections", fromMaxConcurrent);
        own.put("camel.component.http.connections-per-route", fromMaxConcurrent);
        for (String option : List.of("pool-size", "max-pool-size", "max-queue-size")) {
            own.put("camel.threadpool.config[" + POLYGON_POOL + "]." + option, fromMaxConcurrent);
        }
        Map<String, String> byName = new java.util.HashMap<>();
        own.forEach((key, why) -> byName.put(camelOptionName(key), why));
        return Map.copyOf(byName);
    }

    /** A camel.* key as Camel matches it: case and dashes aside ({@code shutdownTimeout}, {@code shutdown-timeout}). */
    public static String camelOptionName(String key) {
        return key.replace("-", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static final Set<String> KNOWN_KEYS = Set.of(DATA_ROOT, BASE_URL, REQUESTS_PER_SECOND, MAX_CONCURRENT,
            MAX_RETRIES, RETRY_INITIAL_DELAY_MS, RETRY_MAX_DELAY_MS, TIMEOUT_SECONDS, REQUEST_DEADLINE_SECONDS,
            SCHEDULE_CRON, SCHEDULE_TIME_ZONE, SCHEDULE_LOOKBACK_DAYS, SCHEDULE_SPLITS_RECHECK_DAYS,
            GOLD_WITH_FEATURES);

    static final int MAX_REQUESTS_PER_SECOND = 1_000_000;
    /**
     * Days fetched at once: each holds a thread and a connection to the one Polygon host. 1000 keeps 1000 requests a
     * second in flight though each takes a second, past any Polygon plan; more only wait on the rate's spacing.
     */
    public static final int MAX_MAX_CONCURRENT = 1000;
    /** Retries of one request: at the shipped back-off cap (60 s), 100 hold a day for over an hour and a half. */
    static final int MAX_MAX_RETRIES = 100;
    /** The longest timeout and request deadline: a day. A server that slow is down, not slow. */
    static final int MAX_TIMEOUT_SECONDS = 86_400;
    /** The longest back-off between two tries of a request: an hour. Answers asking for more are an outage. */
    static final int MAX_RETRY_DELAY_MS = 3_600_000;

    private static final Map<String, String> ENVIRONMENT_OVERRIDES = Map.of(
            "DATA_ROOT", DATA_ROOT,
            "POLYGON_BASE_URL", BASE_URL);

    private final Path configDir;
    private final Map<String, String> values;
    private final Map<String, String> origins;
    private final ApiKey apiKey;
    /** Where the key came from: the environment variable or the credentials file. */
    private final String apiKeyOrigin;

    private QuantMiniConfig(Path configDir, Map<String, String> values, Map<String, String> origins, ApiKey apiKey,
                            String apiKeyOrigin, List<String> fileProblems) {
        this.configDir = configDir;
        this.values = values;
        this.origins = origins;
        this.apiKey = apiKey;
        this.apiKeyOrigin = apiKeyOrigin;
        validate(fileProblems);
    }

    /**
     * Loads {@code configDir/quantmini.properties}, applying the environment and then {@code overrides}. The folder is
     * kept absolute and normalized: every message naming a file in it (a schema, the calendar, this file) names it as
     * the routes folder is named, not as typed ({@code ../x/config}).
     */
    public static QuantMiniConfig load(Path typedConfigDir, Map<String, String> environment,
                                       Map<String, String> overrides) {
        Path configDir = typedConfigDir.toAbsolutePath().normalize();
        Path file = configDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            String what = Files.isDirectory(file) ? "is a folder" : Files.exists(file) ? "is not a regular file"
                    : "not found";
            throw new ConfigException("configuration file " + what + ": " + file + " (set"
                    + " --config-dir or QUANTMINI_CONFIG_DIR to the folder holding " + FILE_NAME + ")");
        }
        Set<String> twice = new TreeSet<>();
        Properties properties = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                if (containsKey(key)) {
                    twice.add(String.valueOf(key)); // Properties would keep the last one, silently
                }
                return super.put(key, value);
            }
        };
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            // an editor's byte-order mark would otherwise become part of the first key
            properties.load(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text));
        } catch (java.nio.charset.CharacterCodingException e) { // its message: "Input length = 1"
            throw new ConfigException("cannot read " + file + ": not UTF-8 text (a byte that is not UTF-8, such as a"
                    + " Latin-1 accent): save it as UTF-8", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!twice.isEmpty()) {
            throw new ConfigException(file + ": set more than once: " + String.join(", ", twice)
                    + " (which value is meant?)");
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        List<String> setByQuantMini = new ArrayList<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (!KNOWN_KEYS.contains(key) && !key.startsWith("camel.")) { // camel.*: Camel's own settings
                unknown.add("'" + key + "'");
                continue;
            }
            String setByUs = CAMEL_SETTINGS_OF_OUR_OWN.get(camelOptionName(key));
            if (setByUs != null) { // start-up would replace the value in silence
                setByQuantMini.add(file + ": '" + key + "' is set by quantmini itself (" + setByUs + "): remove it");
                continue;
            }
            values.put(key, properties.getProperty(key).strip());
            origins.put(key, file.toString());
        }
        List<String> fileProblems = new ArrayList<>();
        if (!unknown.isEmpty()) {
            fileProblems.add(file + ": unknown setting" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                    + " (known: " + new TreeSet<>(KNOWN_KEYS) + ")");
        }
        fileProblems.addAll(setByQuantMini);
        ENVIRONMENT_OVERRIDES.forEach((variable, key) -> {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                values.put(key, value.strip());
                origins.put(key, "environment variable " + variable);
            }
        });
        // set but empty is unset, as shells and unit files have it; spaces alone are a mistake, not a fallback
        for (String variable : List.of("DATA_ROOT", "POLYGON_BASE_URL", "POLYGON_API_KEY")) {
            String value = environment.get(variable);
            if (isSpacesOnly(value)) {
                fileProblems.add(spacesOnly(variable));
            }
        }
        overrides.forEach((key, value) -> {
            values.put(key, value);
            origins.put(key, "command line");
        });
        ApiKey key = ApiKey.of(environment.get("POLYGON_API_KEY"));
        String keyOrigin = "environment variable POLYGON_API_KEY";
        if (!key.isPresent()) {
            key = readCredentials(configDir.resolve(CREDENTIALS_FILE));
            keyOrigin = configDir.resolve(CREDENTIALS_FILE).toString();
        }
        return new QuantMiniConfig(configDir, values, origins, key, keyOrigin, fileProblems);
    }

    /** Whether an environment variable's value is spaces alone: set but empty is unset, this is a mistake. */
    public static boolean isSpacesOnly(String value) {
        return value != null && !value.isEmpty() && value.isBlank();
    }

    /** An environment variable set to spaces alone: refused, not taken as unset (the value would fall back). */
    public static String spacesOnly(String variable) {
        return "environment variable " + variable + " holds only spaces: unset it, or give it a value";
    }

    private static ApiKey readCredentials(Path file) {
        if (!Files.exists(file)) {
            return ApiKey.none();
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": not a file (put 'polygon_api_key: <your key>' in a file of that name)");
        }
        try {
            ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
            JsonNode root;
            try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
                root = documents.hasNextValue() ? documents.nextValue() : null;
                if (documents.hasNextValue()) {
                    throw new ConfigException(file + ": holds more than one YAML document (a line '---'): which"
                            + " polygon_api_key is meant?");
                }
            }
            if (root != null && root.isObject()) {
                for (java.util.Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (!name.equals("polygon_api_key")) { // named, never its value: a misspelled key holds the key
                        throw new ConfigException(file + ": unknown key '" + name + "' (the file holds"
                                + " 'polygon_api_key: <your key>' only)");
                    }
                }
            }
            JsonNode key = root == null ? null : root.get("polygon_api_key");
            if (key == null || !key.isTextual()) {
                throw new ConfigException(file + ": expected a text value 'polygon_api_key: <your key>'");
            }
            return ApiKey.of(key.asText());
        } catch (JsonProcessingException e) {
            // The parser's message can quote the file's content, which holds the key: report the position only.
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            if (e.getOriginalMessage().startsWith("Duplicate field 'polygon_api_key'")) {
                throw new ConfigException(file + ": polygon_api_key set more than once (which key is meant?), again"
                        + where);
            }
            throw new ConfigException(file + ": not valid YAML" + where);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + LakeWriteException.describe(e));
        }
    }

    /**
     * Checks every setting and reports all that are wrong at once, with {@code fileProblems} (unknown keys): a config
     * copied from an older version was refused one missing key at a time.
     */
    private void validate(List<String> fileProblems) {
        Set<String> problems = new LinkedHashSet<>(fileProblems);
        List<Runnable> checks = List.of(this::localDataRoot, this::baseUrl, this::requestsPerSecond,
                this::maxConcurrent, this::maxRetries, this::retryMaxDelayMillis,
                this::retryInitialDelayMillis, this::timeoutSeconds, this::requestDeadlineSeconds,
                this::scheduleCron, this::quartzTimeZoneId,
                () -> withinAYear(SCHEDULE_LOOKBACK_DAYS, positiveInt(SCHEDULE_LOOKBACK_DAYS), "each run fetches"
                        + " every missing day since the lake's last one anyway; a longer history is a one-off"
                        + " `quantmini data ingest`"),
                this::splitsRecheckDays, this::goldWithFeatures);
        for (Runnable check : checks) {
            try {
                check.run();
            } catch (ConfigException e) {
                problems.add(e.getMessage()); // a setting two checks read (the retry cap) is named once
            }
        }
        if (problems.size() == 1) {
            throw new ConfigException(problems.iterator().next());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.size() + " problems in the configuration: "
                    + String.join("; ", problems));
        }
    }

    /** The data root as a local folder the handoff routes can name. */
    private void localDataRoot() {
        dataRoot();
        String root = values.get(DATA_ROOT);
        if (root.contains(":") && !root.startsWith("file:") && !looksLikeWindowsDrive(root)) {
            throw invalid(DATA_ROOT, root.startsWith("/")
                    ? "a ':' in a local path reads as a URI scheme: give it as a file: URI, with %3A for each ':'"
                    : "only local paths and file: URIs are supported in this version");
        }
        // The handoff routes name the lake in a Camel file: URI, where a '%' is decoded (the routes then watched
        // another folder, and silver and gold never ran) and a '?' starts the options
        String path = dataRoot().toAbsolutePath().toString();
        if (path.contains("%") || path.contains("?")) {
            throw invalid(DATA_ROOT, "the lake's path " + path + " holds a '%' or a '?', which the handoff routes'"
                    + " file: endpoints cannot name: use a folder without them");
        }
    }

    private static boolean looksLikeWindowsDrive(String path) {
        return path.length() > 2 && Character.isLetter(path.charAt(0)) && path.charAt(1) == ':';
    }

    /** The folder this was loaded from, absolute and normalized. */
    public Path configDir() {
        return configDir;
    }

    public Path dataRoot() {
        String root = require(DATA_ROOT);
        try {
            return root.startsWith("file:") ? Path.of(URI.create(root)) : Path.of(root);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw invalid(DATA_ROOT, "not a local path or file: URI: '" + root + "' (" + e.getMessage() + ")");
        }
    }

    /** The file start-up writes and removes in the lake's folder, to see that it can. */
    static final String WRITE_CHECK_FILE = ".quantmini-write-check";

    /**
     * The data root, refused unless it is a folder this process can write, or one it could make, which it does not
     * make: a run refused after this (a route, a schema) leaves no empty lake behind. {@link #writableDataRoot} makes
     * it once the run is accepted.
     */
    public Path checkedDataRoot() {
        Path root = dataRoot();
        if (Files.exists(root)) {
            return writableDataRoot(); // makes nothing: the write check's file is removed
        }
        refuseDanglingLink(root);
        Path existing = root.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw invalid(DATA_ROOT, "cannot create the lake's folder: " + existing
                    + ": a file where a folder belongs");
        }
        if (existing != null && !Files.isWritable(existing)) {
            throw invalid(DATA_ROOT, "cannot create the lake's folder in " + existing + ": permission denied");
        }
        return root;
    }

    /**
     * The data root, created if missing, refused unless it is a folder this process can write: every stage writes
     * there, and finding out at the first landing page would cost a request per day.
     */
    public Path writableDataRoot() {
        Path root = dataRoot();
        refuseDanglingLink(root);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw invalid(DATA_ROOT, "cannot create the lake's folder: " + LakeWriteException.describe(e));
        }
        if (!Files.isWritable(root)) {
            throw invalid(DATA_ROOT, root + ": the lake's folder is not writable");
        }
        // Permission bits do not tell everything (root on a read-only or virtual file system): a file is made. One
        // name, so that a check whose removal failed leaves one file, which the next check takes and removes.
        Path check = root.resolve(WRITE_CHECK_FILE);
        try {
            Files.write(check, new byte[0]);
            Files.deleteIfExists(check);
        } catch (IOException e) {
            boolean refused = e instanceof java.nio.file.AccessDeniedException
                    || e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
                    && fs.getReason().contains("Read-only file system");
            if (refused) {
                throw invalid(DATA_ROOT, root + ": the lake's folder is not writable: "
                        + LakeWriteException.describe(e));
            }
            // the disk's error (full, failing), not the setting's: the run fails (exit 1), and may be tried again
            throw new java.io.UncheckedIOException(root + ": cannot write a file in the lake's folder: "
                    + LakeWriteException.describe(io.quantmini.lake.NamedIOException.of(check, e)), e);
        }
        return root;
    }

    /** An unmounted volume's link, say: nothing is made at its target. */
    private void refuseDanglingLink(Path root) {
        if (Files.isSymbolicLink(root) && !Files.exists(root)) {
            throw invalid(DATA_ROOT, root + " is a link to " + linkTarget(root) + ", which does not exist");
        }
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "a path that cannot be read";
        }
    }

    /**
     * The data root of a lake that a stage reads and updates: refused unless it is an existing folder this process
     * can write, so that a mistyped root is named as the setting it came from, not found empty.
     */
    public Path existingDataRoot() {
        Path root = dataRoot();
        if (!Files.exists(root)) {
            throw invalid(DATA_ROOT, root + ": there is no lake there (data ingest makes one; for another lake, e.g."
                    + " the demo's, give --data-root demo-lake)");
        }
        if (!Files.isDirectory(root)) {
            throw invalid(DATA_ROOT, root + ": a file, not the lake's folder");
        }
        return writableDataRoot();
    }

    public URI baseUrl() {
        String text = require(BASE_URL);
        if (apiKey.echoedIn(text)) { // it would be sent, logged and landed with every request's path
            throw invalid(BASE_URL, "holds the API key (or part of it), which goes in POLYGON_API_KEY or "
                    + CREDENTIALS_FILE + " only");
        }
        try {
            URI uri = URI.create(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw invalid(BASE_URL, "expected an http(s) URL such as https://api.polygon.io, got '" + text + "'");
            }
            String wrongPart = wrongPart(uri);
            if (wrongPart != null) {
                throw invalid(BASE_URL, "expected scheme://host[:port][/path] with a port from 1 to 65535 and no user,"
                        + " query or fragment, got '" + uri.getScheme() + "://" + uri.getHost() + "...' with "
                        + wrongPart);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw invalid(BASE_URL, "not a URL: '" + text + "'");
        }
    }

    /** What of a base URL cannot be, in words that do not quote a part that may hold a secret (a password, a key). */
    private static String wrongPart(URI uri) {
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            return "port " + uri.getPort();
        }
        String notQuoted = " (not quoted: it may hold a secret)";
        return uri.getRawUserInfo() != null ? "a user part, user@" + notQuoted
                : uri.getRawQuery() != null ? "a query, ?..." + notQuoted
                : uri.getRawFragment() != null ? "a fragment, #..." + notQuoted : null;
    }

    /** At most a million (requests a microsecond apart): a larger figure is a typo, not a rate Polygon serves. */
    public int requestsPerSecond() {
        int rate = positiveInt(REQUESTS_PER_SECOND);
        if (rate > MAX_REQUESTS_PER_SECOND) {
            throw invalid(REQUESTS_PER_SECOND, "must be at most " + MAX_REQUESTS_PER_SECOND + ", got " + rate);
        }
        return rate;
    }

    public int maxConcurrent() {
        return atMost(MAX_CONCURRENT, positiveInt(MAX_CONCURRENT), MAX_MAX_CONCURRENT, "each is a thread and a"
                + " connection to the one Polygon host; " + MAX_MAX_CONCURRENT + " keep " + MAX_MAX_CONCURRENT
                + " requests a second in flight though each takes a second");
    }

    public int maxRetries() {
        return atMost(MAX_RETRIES, nonNegativeInt(MAX_RETRIES), MAX_MAX_RETRIES, "each waits up to "
                + RETRY_MAX_DELAY_MS + ": a request retried more is not coming back");
    }

    /** At most the cap ({@link #retryMaxDelayMillis}): above it, every back-off would wait the cap alone. */
    public long retryInitialDelayMillis() {
        int initial = positiveInt(RETRY_INITIAL_DELAY_MS);
        long cap = retryMaxDelayMillis();
        if (initial > cap) {
            throw invalid(RETRY_INITIAL_DELAY_MS, initial + " is above " + RETRY_MAX_DELAY_MS + " (" + cap + "), the"
                    + " cap of every back-off: the first wait would be the cap");
        }
        return initial;
    }

    public long retryMaxDelayMillis() {
        return atMost(RETRY_MAX_DELAY_MS, positiveInt(RETRY_MAX_DELAY_MS), MAX_RETRY_DELAY_MS, "an hour: a run"
                + " waiting longer between two tries of a day sits idle through an outage; the next run asks again");
    }

    public int timeoutSeconds() {
        return atMost(TIMEOUT_SECONDS, positiveInt(TIMEOUT_SECONDS), MAX_TIMEOUT_SECONDS,
                "a day: a server that slow to send a byte is down");
    }

    /**
     * The bound on one request as a whole, body included; {@link #timeoutSeconds} bounds each wait within it. Not
     * below the timeout: every wait is part of a request, so the deadline would cut it first and the timeout would
     * never apply.
     */
    public int requestDeadlineSeconds() {
        int deadline = atMost(REQUEST_DEADLINE_SECONDS, positiveInt(REQUEST_DEADLINE_SECONDS), MAX_TIMEOUT_SECONDS,
                "a day: no answer of Polygon's takes that long");
        int timeout = timeoutSeconds();
        if (deadline < timeout) {
            throw new ConfigException("invalid settings '" + REQUEST_DEADLINE_SECONDS + "' (" + deadline + ", from "
                    + origin(REQUEST_DEADLINE_SECONDS) + ") and '" + TIMEOUT_SECONDS + "' (" + timeout + ", from "
                    + origin(TIMEOUT_SECONDS) + "): the deadline of a whole request is below the timeout of each wait"
                    + " within it, so the timeout would never apply: raise the deadline or lower the timeout");
        }
        return deadline;
    }

    public ZoneId scheduleTimeZone() {
        String zone = require(SCHEDULE_TIME_ZONE);
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw invalid(SCHEDULE_TIME_ZONE, "unknown time zone '" + zone + "'");
        }
    }

    /** The daemon's Quartz cron expression, checked as Quartz will read it. */
    public String scheduleCron() {
        String cron = require(SCHEDULE_CRON);
        if (nextScheduledFiring(java.time.Instant.now()) == null) {
            throw invalid(SCHEDULE_CRON, "'" + cron + "' never fires from now on");
        }
        return cron;
    }

    /** When the schedule fires next after {@code after}, in its time zone; null if it never does. */
    public java.time.ZonedDateTime nextScheduledFiring(java.time.Instant after) {
        String cron = require(SCHEDULE_CRON);
        CronExpression expression;
        try {
            expression = new CronExpression(cron);
        } catch (ParseException e) {
            boolean unixCron = cron.strip().split("\\s+").length == 5;
            throw invalid(SCHEDULE_CRON, "not a Quartz cron expression: '" + cron + "' (" + e.getMessage() + ")"
                    + (unixCron ? "; Quartz's cron has 6 or 7 fields, seconds first, and ? in day-of-month or"
                    + " day-of-week: e.g. '0 0 6 ? * MON-FRI' for 06:00 on weekdays" : ""));
        }
        if (cron.matches(".*/0+(\\s.*|$)")) { // Quartz takes a step of 0 as "every": */0 fired every second
            throw invalid(SCHEDULE_CRON, "'" + cron + "' has a step of 0");
        }
        String zone = quartzTimeZoneId();
        expression.setTimeZone(TimeZone.getTimeZone(zone));
        java.util.Date next = expression.getNextValidTimeAfter(java.util.Date.from(after));
        return next == null ? null : next.toInstant().atZone(ZoneId.of(zone));
    }

    /**
     * The schedule's time zone as Quartz reads it ({@link TimeZone#getTimeZone(String)}, which maps an ID it does not
     * know, such as {@code UTC+05:00}, to GMT without a word): a region's ID, or {@code GMT±hh:mm} for an offset.
     */
    String quartzTimeZoneId() {
        ZoneId zone = scheduleTimeZone().normalized();
        String id = zone instanceof ZoneOffset offset
                ? (offset.getTotalSeconds() == 0 ? "UTC" : "GMT" + offset.getId()) : zone.getId();
        if (!TimeZone.getTimeZone(id).getID().equals(id)) {
            throw invalid(SCHEDULE_TIME_ZONE, "time zone '" + values.get(SCHEDULE_TIME_ZONE)
                    + "' is unknown to Quartz");
        }
        return id;
    }

    /** {@link #SCHEDULE_SPLITS_RECHECK_DAYS}: 0 to {@link #MAX_LOOKBACK_DAYS}, the default when not set. */
    public int splitsRecheckDays() {
        if (!values.containsKey(SCHEDULE_SPLITS_RECHECK_DAYS)) {
            return DEFAULT_SPLITS_RECHECK_DAYS;
        }
        return withinAYear(SCHEDULE_SPLITS_RECHECK_DAYS, nonNegativeInt(SCHEDULE_SPLITS_RECHECK_DAYS),
                "Polygon reports a late split within days, not years");
    }

    /** A schedule window of {@code days}, refused past {@link #MAX_LOOKBACK_DAYS}, saying {@code why} not. */
    private int withinAYear(String key, int days, String why) {
        if (days > MAX_LOOKBACK_DAYS) {
            throw invalid(key, "at most " + MAX_LOOKBACK_DAYS + " days, got " + days + " (" + why + ")");
        }
        return days;
    }

    /** {@code value}, refused above {@code max}, saying {@code why} not. */
    private int atMost(String key, int value, int max, String why) {
        if (value > max) {
            throw invalid(key, "must be at most " + max + ", got " + value + " (" + why + ")");
        }
        return value;
    }

    /** Whether the daemon's gold stage also writes the 158 silver features as Qlib fields. */
    public boolean goldWithFeatures() {
        String text = values.getOrDefault(GOLD_WITH_FEATURES, "false");
        if (!text.equals("true") && !text.equals("false")) {
            throw invalid(GOLD_WITH_FEATURES, "must be true or false, got '" + text + "'");
        }
        return Boolean.parseBoolean(text);
    }

    public ApiKey apiKey() {
        return apiKey;
    }

    /**
     * Refuses to fetch from a Polygon that is not on this machine without a key: every request would come back
     * 401 (or, with no network, be retried for minutes) before anything said the key was missing. A loopback base
     * URL is a replay server or a test's fake, which want none.
     */
    public void requireApiKeyForBaseUrl() {
        URI base = baseUrl();
        if (isLoopback(base.getHost())) {
            return;
        }
        if ("http".equals(base.getScheme())) {
            throw invalid(BASE_URL, "plain http to " + base.getHost() + " would send the API key in clear text: use"
                    + " https (Polygon's is https://api.polygon.io), or a fake Polygon on a loopback address"
                    + " (127.0.0.1, localhost, ::1), where no key is needed");
        }
        Path credentials = configDir.resolve(CREDENTIALS_FILE);
        if (!apiKey.isPresent()) {
            throw new ConfigException("no Polygon API key for " + base + ": set POLYGON_API_KEY, or copy "
                    + credentials + ".example to " + credentials + " and put your key there");
        }
        if (apiKey.reveal().equals(ApiKey.EXAMPLE)) {
            throw new ConfigException("the API key (from " + apiKeyOrigin + ") is the example's placeholder '"
                    + ApiKey.EXAMPLE + "': put your key in " + credentials + " or POLYGON_API_KEY");
        }
        if (apiKey.reveal().length() < ApiKey.MIN_LENGTH) {
            throw new ConfigException("the API key (from " + apiKeyOrigin + ") has "
                    + apiKey.reveal().length() + " characters, which is not a Polygon key (those have 32)");
        }
        String key = apiKey.reveal();
        long plain = key.codePoints().takeWhile(c -> c > ' ' && c < 127).count();
        if (plain < key.codePointCount(0, key.length())) { // it could not travel in an HTTP header as it is
            throw new ConfigException("the API key (from " + apiKeyOrigin + ") holds a space, a control character"
                    + " or a character outside ASCII (character " + (plain + 1) + " of "
                    + key.codePointCount(0, key.length()) + "), which a Polygon key does not: was more than the key"
                    + " copied?");
        }
    }

    /** Whether a URL's host is a loopback address (a name such as 127.example.com is not). */
    public static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}") || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1"); // an address, not a name such as 127.example.com
    }

    /** The settings as Camel property placeholders ({@code {{quantmini.polygon.max-concurrent}}}); never the key. */
    public Properties asCamelProperties() {
        Properties properties = new Properties();
        values.forEach(properties::setProperty);
        properties.setProperty(DATA_ROOT, dataRoot().toAbsolutePath().toString());
        properties.setProperty(SCHEDULE_TIME_ZONE, quartzTimeZoneId());
        properties.setProperty(SCHEDULE_SPLITS_RECHECK_DAYS, String.valueOf(splitsRecheckDays()));
        properties.setProperty("quantmini.polygon.timeout-ms", String.valueOf(timeoutSeconds() * 1000L));
        properties.setProperty(DAEMON, "false");
        return properties;
    }

    private String require(String key) {
        String value = values.get(key);
        if (value != null && value.isBlank()) {
            throw invalid(key, "empty");
        }
        if (value == null) {
            throw new ConfigException("missing setting '" + key + "' in " + configDir.resolve(FILE_NAME));
        }
        return value;
    }

    private int positiveInt(String key) {
        int value = integer(key);
        if (value <= 0) {
            throw invalid(key, "must be a positive integer, got " + value);
        }
        return value;
    }

    private int nonNegativeInt(String key) {
        int value = integer(key);
        if (value < 0) {
            throw invalid(key, "must be zero or more, got " + value);
        }
        return value;
    }

    private int integer(String key) {
        String text = require(key);
        if (!isAsciiInteger(text)) { // Integer.parseInt reads any script's digits: '５０' was taken as 50
            throw invalid(key, "must be an integer in the digits 0-9, got '" + text + "'");
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw invalid(key, "too large: " + text);
        }
    }

    /** Whether {@code text} is an optional sign and the digits 0-9 only: no other script's digits, no spaces. */
    public static boolean isAsciiInteger(String text) {
        return text.matches("[+-]?[0-9]+");
    }

    /** Where a setting's value came from: its file, {@code environment variable X}, {@code command line}. */
    public String origin(String key) {
        return origins.getOrDefault(key, "defaults");
    }

    private ConfigException invalid(String key, String problem) {
        return new ConfigException("invalid setting '" + key + "' (from " + origin(key) + "): " + problem);
    }
}
