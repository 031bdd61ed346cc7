package io.quantmini.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantMiniConfigTest {

    @TempDir
    Path dir;

    private Path configWith(String replace, String with) throws Exception {
        String shipped = Files.readString(Path.of("config", QuantMiniConfig.FILE_NAME));
        assertTrue(shipped.contains(replace), replace);
        Files.writeString(dir.resolve(QuantMiniConfig.FILE_NAME), shipped.replace(replace, with));
        return dir;
    }

    /**
     * What the daemon's banner says: the shipped schedule from a Friday morning after 06:00 is Monday 06:00 New York.
     */
    @Test
    void theNextFiringIsInTheScheduleZone() {
        QuantMiniConfig config = QuantMiniConfig.load(Path.of("config"), Map.of(), Map.of());
        assertEquals(java.time.ZonedDateTime.of(2026, 11, 30, 6, 0, 0, 0, java.time.ZoneId.of("America/New_York")),
                config.nextScheduledFiring(java.time.Instant.parse("2026-11-27T12:00:00Z")));
        assertEquals(java.time.ZonedDateTime.of(2026, 11, 27, 6, 0, 0, 0, java.time.ZoneId.of("America/New_York")),
                config.nextScheduledFiring(java.time.Instant.parse("2026-11-27T05:00:00Z")));
    }

    @Test
    void shippedConfigLoadsWithItsDocumentedDefaults() {
        QuantMiniConfig config = QuantMiniConfig.load(Path.of("config"), Map.of(), Map.of());
        assertEquals("https://api.polygon.io", config.baseUrl().toString());
        assertEquals(50, config.maxConcurrent());
        assertEquals("America/New_York", config.scheduleTimeZone().getId());
        assertEquals(Path.of("data"), config.dataRoot());
    }

    @Test
    void environmentOverridesTheFileAndCommandLineOverridesBoth() {
        Map<String, String> env = Map.of("DATA_ROOT", "/lake/from-env", "POLYGON_BASE_URL", "http://127.0.0.1:8089");
        QuantMiniConfig fromEnv = QuantMiniConfig.load(Path.of("config"), env, Map.of());
        assertEquals(Path.of("/lake/from-env"), fromEnv.dataRoot());
        assertEquals("http://127.0.0.1:8089", fromEnv.baseUrl().toString());
        QuantMiniConfig fromCli = QuantMiniConfig.load(Path.of("config"), env,
                Map.of(QuantMiniConfig.DATA_ROOT, "/lake/cli"));
        assertEquals(Path.of("/lake/cli"), fromCli.dataRoot());
        assertEquals("environment variable POLYGON_BASE_URL", fromEnv.origin(QuantMiniConfig.BASE_URL));
        assertEquals("command line", fromCli.origin(QuantMiniConfig.DATA_ROOT));
        assertEquals(Path.of("config").toAbsolutePath().resolve(QuantMiniConfig.FILE_NAME).toString(),
                fromCli.origin(QuantMiniConfig.MAX_CONCURRENT));
    }

    @Test
    void badValueNamesTheKeyAndTheFile() throws Exception {
        Path config = configWith("quantmini.polygon.max-concurrent=50", "quantmini.polygon.max-concurrent=lots");
        ConfigException e = assertThrows(ConfigException.class, () -> QuantMiniConfig.load(config, Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("quantmini.polygon.max-concurrent"), e.getMessage());
        assertTrue(e.getMessage().contains(config.resolve(QuantMiniConfig.FILE_NAME).toString()), e.getMessage());
        assertTrue(e.getMessage().contains("'lots'"), e.getMessage());
    }

    /** A figure past what any operator means (a typo, a digit too many) is refused by name, not taken. */
    @Test
    void retriesTimeoutsAndConcurrencyHaveAnUpperBound() throws Exception {
        String file = dir.resolve(QuantMiniConfig.FILE_NAME).toString();
        String[][] cases = {
            {"quantmini.polygon.max-retries=6", "quantmini.polygon.max-retries=2000000000",
                "invalid setting 'quantmini.polygon.max-retries' (from " + file + "): must be at most 100, got"
                    + " 2000000000"},
            {"quantmini.polygon.timeout-seconds=60", "quantmini.polygon.timeout-seconds=1000000000",
                "invalid setting 'quantmini.polygon.timeout-seconds' (from " + file + "): must be at most 86400, got"
                    + " 1000000000"},
            {"quantmini.polygon.request-deadline-seconds=600", "quantmini.polygon.request-deadline-seconds=86401",
                "invalid setting 'quantmini.polygon.request-deadline-seconds' (from " + file + "): must be at most"
                    + " 86400, got 86401"},
            {"quantmini.polygon.max-concurrent=50", "quantmini.polygon.max-concurrent=1001",
                "invalid setting 'quantmini.polygon.max-concurrent' (from " + file + "): must be at most 1000, got"
                    + " 1001"},
            {"quantmini.polygon.retry-max-delay-ms=60000", "quantmini.polygon.retry-max-delay-ms=2000000000",
                "invalid setting 'quantmini.polygon.retry-max-delay-ms' (from " + file + "): must be at most 3600000,"
                    + " got 2000000000"}};
        for (String[] c : cases) {
            String message = problem(configWith(c[0], c[1]), Map.of(), Map.of());
            assertTrue(message.startsWith(c[2] + " ("), message);
        }
        QuantMiniConfig atTheBounds = QuantMiniConfig.load(Path.of("config"), Map.of(), Map.of(
                QuantMiniConfig.MAX_RETRIES, "100", QuantMiniConfig.TIMEOUT_SECONDS, "86400",
                QuantMiniConfig.REQUEST_DEADLINE_SECONDS, "86400", QuantMiniConfig.MAX_CONCURRENT, "1000",
                QuantMiniConfig.RETRY_MAX_DELAY_MS, "3600000"));
        assertEquals(100, atTheBounds.maxRetries());
        assertEquals(3_600_000, atTheBounds.retryMaxDelayMillis());
        assertEquals(86400, atTheBounds.requestDeadlineSeconds());
        assertEquals(1000, atTheBounds.maxConcurrent());
        assertEquals("invalid setting 'quantmini.polygon.max-retries' (from command line): must be at most 100, got"
                + " 101 (each waits up to quantmini.polygon.retry-max-delay-ms: a request retried more is not coming"
                + " back)", problem(Path.of("config"), Map.of(), Map.of(QuantMiniConfig.MAX_RETRIES, "101")));
    }

    /** Integer.parseInt reads any script's digits: full-width or Arabic-Indic digits were taken as 50. */
    @Test
    void aNumberInDigitsOtherThanZeroToNineIsRefused() throws Exception {
        String file = dir.resolve(QuantMiniConfig.FILE_NAME).toString();
        for (String digits : new String[]{"\uFF15\uFF10", "\u0665\u0660", "\u096B\u0966"}) { // ５０, ٥٠, ५०
            String message = problem(configWith("quantmini.polygon.requests-per-second=50",
                    "quantmini.polygon.requests-per-second=" + digits), Map.of(), Map.of());
            assertTrue(message.startsWith("invalid setting 'quantmini.polygon.requests-per-second' (from " + file
                    + "): must be an integer in the digits 0-9, got '"), message);
        }
        assertEquals("invalid setting 'quantmini.polygon.max-concurrent' (from command line): must be an integer in the"
                + " digits 0-9, got '\uFF15\uFF10'", problem(Path.of("config"), Map.of(),
                Map.of(QuantMiniConfig.MAX_CONCURRENT, "\uFF15\uFF10")));
        assertEquals("invalid setting 'quantmini.schedule.lookback-days' (from command line): too large: 99999999999",
                problem(Path.of("config"), Map.of(), Map.of(QuantMiniConfig.SCHEDULE_LOOKBACK_DAYS, "99999999999")));
    }

    /**
     * The deadline bounds a whole request, the timeout each wait within it: a deadline below the timeout cuts every
     * wait first, and the timeout never applies.
     */
    @Test
    void aRequestDeadlineBelowTheTimeoutIsRefusedNamingBoth() throws Exception {
        String file = dir.resolve(QuantMiniConfig.FILE_NAME).toString();
        String message = problem(configWith("quantmini.polygon.request-deadline-seconds=600",
                "quantmini.polygon.request-deadline-seconds=30"), Map.of(), Map.of());
        assertEquals("invalid settings 'quantmini.polygon.request-deadline-seconds' (30, from " + file + ") and"
                + " 'quantmini.polygon.timeout-seconds' (60, from " + file + "): the deadline of a whole request is"
                + " below the timeout of each wait within it, so the timeout would never apply: raise the deadline or"
                + " lower the timeout", message);
        String fromCli = problem(Path.of("config"), Map.of(), Map.of(QuantMiniConfig.TIMEOUT_SECONDS, "601"));
        assertTrue(fromCli.contains("'quantmini.polygon.timeout-seconds' (601, from command line)"), fromCli);
        QuantMiniConfig equal = QuantMiniConfig.load(Path.of("config"), Map.of(), Map.of(
                QuantMiniConfig.TIMEOUT_SECONDS, "600"));
        assertEquals(600, equal.requestDeadlineSeconds());
    }

    @Test
    void aScheduleWindowOfMoreThanAYearIsRefused() throws Exception {
        Path config = configWith("quantmini.schedule.lookback-days=7", "quantmini.schedule.lookback-days=100000");
        ConfigException e = assertThrows(ConfigException.class, () -> QuantMiniConfig.load(config, Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("quantmini.schedule.lookback-days")
                && e.getMessage().contains("at most 366"),
                e.getMessage());
        Path year = configWith("quantmini.schedule.lookback-days=7", "quantmini.schedule.lookback-days=366");
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> QuantMiniConfig.load(year, Map.of(), Map.of()));
    }

    @Test
    void theSplitsRecheckIsOptionalAndBounded() throws Exception {
        String shipped = "quantmini.schedule.splits-recheck-days=30";
        Path absent = configWith(shipped, "");
        QuantMiniConfig defaults = QuantMiniConfig.load(absent, Map.of(), Map.of());
        assertEquals(30, defaults.splitsRecheckDays(), "a config written before the setting existed gets the default");
        assertEquals("30", defaults.asCamelProperties().getProperty(QuantMiniConfig.SCHEDULE_SPLITS_RECHECK_DAYS),
                "the schedule's route reads it as a placeholder");
        assertEquals(0, QuantMiniConfig.load(configWith(shipped, "quantmini.schedule.splits-recheck-days=0"), Map.of(),
                Map.of()).splitsRecheckDays());
        assertEquals(366, QuantMiniConfig.load(configWith(shipped, "quantmini.schedule.splits-recheck-days=366"),
                Map.of(), Map.of()).splitsRecheckDays());
        for (String bad : new String[] {"-1", "367", "month"}) {
            Path config = configWith(shipped, "quantmini.schedule.splits-recheck-days=" + bad);
            ConfigException e = assertThrows(ConfigException.class, () -> QuantMiniConfig.load(config, Map.of(),
                    Map.of()));
            assertTrue(e.getMessage().contains("quantmini.schedule.splits-recheck-days"), e.getMessage());
        }
    }

    @Test
    void badEnvironmentValueNamesTheVariable() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> QuantMiniConfig.load(Path.of("config"), Map.of("POLYGON_BASE_URL", "ftp://nowhere"), Map.of()));
        assertTrue(e.getMessage().contains("POLYGON_BASE_URL"), e.getMessage());
    }

    @Test
    void missingKeyAndUnknownKeyAndMissingFileAreNamed() throws Exception {
        Path missing = configWith("quantmini.schedule.time-zone=America/New_York", "");
        assertTrue(assertThrows(ConfigException.class, () -> QuantMiniConfig.load(missing, Map.of(), Map.of()))
                .getMessage().contains("missing setting 'quantmini.schedule.time-zone'"));
        Path typo = configWith("quantmini.schedule.time-zone=",
                "quantmini.schedule.timezone=UTC\nquantmini.schedule.time-zone=");
        assertTrue(assertThrows(ConfigException.class, () -> QuantMiniConfig.load(typo, Map.of(), Map.of()))
                .getMessage().contains("unknown setting 'quantmini.schedule.timezone'"));
        ConfigException noFile = assertThrows(ConfigException.class,
                () -> QuantMiniConfig.load(dir.resolve("nowhere"), Map.of(), Map.of()));
        assertTrue(noFile.getMessage().contains("quantmini.properties"), noFile.getMessage());
    }

    /**
     * A config copied from an older version (a key since renamed, two since added) and a bad value: every problem is
     * named in one message, where the user met them one start-up at a time.
     */
    @Test
    void everyProblemOfAConfigIsNamedAtOnce() throws Exception {
        String shipped = Files.readString(Path.of("config", QuantMiniConfig.FILE_NAME));
        String older = shipped.replace("quantmini.polygon.timeout-seconds=", "quantmini.polygon.timeout=")
                .replaceAll("(?m)^quantmini\\.polygon\\.request-deadline-seconds=.*$", "")
                .replaceAll("(?m)^quantmini\\.polygon\\.retry-max-delay-ms=.*$", "")
                .replaceAll("(?m)^quantmini\\.polygon\\.max-concurrent=.*$", "quantmini.polygon.max-concurrent=0");
        Files.writeString(dir.resolve(QuantMiniConfig.FILE_NAME), older);
        Path file = dir.resolve(QuantMiniConfig.FILE_NAME);

        String message = problem(dir, Map.of(), Map.of());

        List<String> expected = List.of(file + ": unknown setting 'quantmini.polygon.timeout' (known: ",
                "invalid setting 'quantmini.polygon.max-concurrent' (from " + file + "): must be a positive integer,"
                        + " got 0",
                "missing setting 'quantmini.polygon.retry-max-delay-ms' in " + file,
                "missing setting 'quantmini.polygon.timeout-seconds' in " + file,
                "missing setting 'quantmini.polygon.request-deadline-seconds' in " + file);
        assertTrue(message.startsWith("5 problems in the configuration: " + expected.get(0)), message);
        int at = 0;
        for (String part : expected) {
            int found = message.indexOf(part, at);
            assertTrue(found >= at, part + " after position " + at + " in: " + message);
            at = found + part.length();
        }
        assertEquals(1, message.split("retry-max-delay-ms' in", -1).length - 1, message); // read by two checks
        assertTrue(message.contains(" got 0; missing setting "), "one problem from the next by '; ': " + message);
        assertFalse(message.contains("\n"), message);

        // the checks that read two settings: each says its own problem beside the other's
        Path gold = configWith("quantmini.gold.with-features=false", "quantmini.gold.with-features=yes");
        assertEquals("invalid setting 'quantmini.gold.with-features' (from " + gold.resolve(QuantMiniConfig.FILE_NAME)
                + "): must be true or false, got 'yes'", problem(gold, Map.of(), Map.of()));
        Path capless = configWith("quantmini.polygon.retry-max-delay-ms=60000\n", "");
        Files.writeString(capless.resolve(QuantMiniConfig.FILE_NAME), Files.readString(capless.resolve(
                QuantMiniConfig.FILE_NAME)).replace("retry-initial-delay-ms=500", "retry-initial-delay-ms=0"));
        String noCap = problem(capless, Map.of(), Map.of());
        assertTrue(noCap.startsWith("2 problems in the configuration: ") && noCap.contains("missing setting"
                + " 'quantmini.polygon.retry-max-delay-ms' in "), noCap);

        String typos = problem(configWith("quantmini.data-root=data", "quantmini.data-root=data\nquantmini.b=1\n"
                + "quantmini.a=2"), Map.of(), Map.of());
        assertTrue(typos.startsWith(file + ": unknown settings 'quantmini.a', 'quantmini.b' (known: "), typos);
    }

    @Test
    void keyFromCredentialsFileNeverShowsInToStringOrProperties() throws Exception {
        Path config = configWith("quantmini.polygon.max-concurrent=50", "quantmini.polygon.max-concurrent=50");
        Files.writeString(config.resolve(QuantMiniConfig.CREDENTIALS_FILE), "polygon_api_key: \"from-file-SECRET\"\n");
        QuantMiniConfig loaded = QuantMiniConfig.load(config, Map.of(), Map.of());
        assertEquals("from-file-SECRET", loaded.apiKey().reveal());
        assertFalse(loaded.apiKey().toString().contains("SECRET"));
        assertFalse(loaded.asCamelProperties().toString().contains("SECRET"));
        QuantMiniConfig env = QuantMiniConfig.load(config, Map.of("POLYGON_API_KEY", "env-wins"), Map.of());
        assertEquals("env-wins", env.apiKey().reveal(), "POLYGON_API_KEY takes precedence over the file");
    }

    @Test
    void brokenCredentialsFileIsReportedWithoutQuotingIt() throws Exception {
        Path config = configWith("quantmini.polygon.max-concurrent=50", "quantmini.polygon.max-concurrent=50");
        Files.writeString(config.resolve(QuantMiniConfig.CREDENTIALS_FILE), "polygon_api_key: [\"SECRET-broken\"\n");
        ConfigException e = assertThrows(ConfigException.class, () -> QuantMiniConfig.load(config, Map.of(), Map.of()));
        assertTrue(e.getMessage().contains(QuantMiniConfig.CREDENTIALS_FILE), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
    }

    /**
     * A camel.* setting start-up sets itself, in any spelling Camel matches, is refused naming it and why: it was
     * replaced in silence. Camel's other settings pass as before.
     */
    @Test
    void aCamelSettingQuantMiniSetsItselfIsRefusedNamingIt() throws Exception {
        String shipped = Files.readString(Path.of("config", QuantMiniConfig.FILE_NAME));
        Files.writeString(dir.resolve(QuantMiniConfig.FILE_NAME), shipped + "camel.main.shutdownTimeout=60\n"
                + "camel.component.http.connections-per-route=5\n" + "camel.main.durationMaxSeconds=5\n");
        Path file = dir.resolve(QuantMiniConfig.FILE_NAME);
        assertEquals("2 problems in the configuration: " + file + ": 'camel.component.http.connections-per-route' is"
                + " set by quantmini itself (from quantmini.polygon.max-concurrent: set that instead): remove it; "
                + file + ": 'camel.main.shutdownTimeout' is set by quantmini itself (what a stop's grace for the"
                + " requests in flight is measured against): remove it", problem(dir, Map.of(), Map.of()));

        Files.writeString(file, shipped + "camel.main.durationMaxSeconds=5\n");
        assertEquals("5", QuantMiniConfig.load(dir, Map.of(), Map.of()).asCamelProperties()
                .getProperty("camel.main.durationMaxSeconds"));
    }

    private String problem(Path config, Map<String, String> env, Map<String, String> overrides) {
        return assertThrows(ConfigException.class, () -> QuantMiniConfig.load(config, env, overrides)).getMessage();
    }

    @Test
    void aCronOrTimeZoneQuartzWouldMisreadIsRefusedAtStartUp() throws Exception {
        String cron = problem(configWith("quantmini.schedule.cron=0 0 6 ? * MON-FRI",
                "quantmini.schedule.cron=garbage cron"),
                Map.of(), Map.of());
        assertTrue(cron.contains("'quantmini.schedule.cron'") && cron.contains(QuantMiniConfig.FILE_NAME)
                && cron.contains("not a Quartz cron expression: 'garbage cron'") && !cron.contains("seconds first"),
                cron);
        // a Unix cron (five fields, minutes first) is the likeliest mistake: the message shows Quartz's form
        String unix = problem(configWith("quantmini.schedule.cron=0 0 6 ? * MON-FRI",
                "quantmini.schedule.cron=0 6 * * 1-5"), Map.of(), Map.of());
        assertTrue(unix.contains("not a Quartz cron expression: '0 6 * * 1-5' (") && unix.endsWith("; Quartz's cron"
                + " has 6 or 7 fields, seconds first, and ? in day-of-month or day-of-week: e.g."
                + " '0 0 6 ? * MON-FRI' for 06:00 on weekdays"), unix);
        // a cron that never fires (Feb 30; a year gone by) or fires every second (a step of 0)
        for (String[] never : new String[][] {{"0 0 6 30 2 ?", "never fires"}, {"0 0 6 * * ? 2020", "never fires"},
                {"*/0 * * ? * *", "has a step of 0"}, {"0 0/0 6 ? * *", "has a step of 0"}}) {
            String problem = problem(configWith("quantmini.schedule.cron=0 0 6 ? * MON-FRI",
                    "quantmini.schedule.cron=" + never[0]), Map.of(), Map.of());
            assertTrue(problem.contains("'quantmini.schedule.cron'") && problem.contains(never[1]), problem);
        }
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> QuantMiniConfig.load(configWith(
                "quantmini.schedule.cron=0 0 6 ? * MON-FRI", "quantmini.schedule.cron=0 0/10 6 ? * MON-FRI"), Map.of(),
                Map.of()), "a step of 10 is a step");

        // Quartz reads time zones with java.util.TimeZone, which maps "UTC+05:00" to GMT: it gets GMT+05:00 instead
        for (String[] zone : new String[][] {{"UTC+05:00", "GMT+05:00"}, {"+05:00", "GMT+05:00"}, {"Z", "UTC"},
                {"Asia/Kolkata", "Asia/Kolkata"}}) {
            QuantMiniConfig config = QuantMiniConfig.load(
                    configWith("time-zone=America/New_York", "time-zone=" + zone[0]), Map.of(), Map.of());
            String quartzZone = config.asCamelProperties().getProperty(QuantMiniConfig.SCHEDULE_TIME_ZONE);
            assertEquals(zone[1], quartzZone, zone[0]);
            java.time.Instant now = java.time.Instant.parse("2026-07-01T12:00:00Z");
            assertEquals(config.scheduleTimeZone().getRules().getOffset(now).getTotalSeconds() * 1000,
                    java.util.TimeZone.getTimeZone(quartzZone).getOffset(now.toEpochMilli()), zone[0]);
        }
    }

    @Test
    void urlsRatesAndRootsThatWouldFailLaterAreRefusedNamingWhereTheyCameFrom() throws Exception {
        String[][] wrongParts = {{"http://127.0.0.1:99999", "with port 99999"},
            {"http://user:pw@127.0.0.1:8089", "with a user part, user@ (not quoted: it may hold a secret)"},
            {"http://127.0.0.1:8089?x=pw", "with a query, ?... (not quoted: it may hold a secret)"},
            {"http://127.0.0.1:8089/v#pw", "with a fragment, #... (not quoted: it may hold a secret)"}};
        for (String[] url : wrongParts) {
            String message = problem(Path.of("config"), Map.of("POLYGON_BASE_URL", url[0]), Map.of());
            assertTrue(message.contains("POLYGON_BASE_URL") && !message.contains("pw"), message);
            assertTrue(message.endsWith("got 'http://127.0.0.1...' " + url[1]), message);
        }
        String rate = problem(configWith("requests-per-second=50", "requests-per-second=100000000"), Map.of(),
                Map.of());
        assertTrue(rate.contains("'quantmini.polygon.requests-per-second'") && rate.contains("at most 1000000"), rate);

        String uri = problem(Path.of("config"), Map.of("DATA_ROOT", "file:relative/x"), Map.of());
        assertTrue(uri.contains("'quantmini.data-root'") && uri.contains("environment variable DATA_ROOT"), uri);
        String empty = problem(Path.of("config"), Map.of(), Map.of(QuantMiniConfig.DATA_ROOT, ""));
        assertTrue(empty.contains("(from command line): empty"), empty);
        // set but empty is unset; spaces alone would have fallen back to the file's value (a lake in ./data)
        assertEquals(QuantMiniConfig.load(Path.of("config"), Map.of(), Map.of()).dataRoot(),
                QuantMiniConfig.load(Path.of("config"), Map.of("DATA_ROOT", ""), Map.of()).dataRoot());
        for (String variable : new String[] {"DATA_ROOT", "POLYGON_BASE_URL", "POLYGON_API_KEY"}) {
            String spaces = problem(Path.of("config"), Map.of(variable, "  "), Map.of());
            assertTrue(spaces.contains("environment variable " + variable + " holds only spaces: unset it, or give it"
                    + " a value"), spaces);
        }
        String port0 = problem(Path.of("config"), Map.of("POLYGON_BASE_URL", "http://127.0.0.1:0"), Map.of());
        assertTrue(port0.contains("(from environment variable POLYGON_BASE_URL): expected scheme://host[:port][/path]"
                + " with a port from 1 to 65535"), port0);
        assertTrue(port0.endsWith("got 'http://127.0.0.1...' with port 0"), port0);
        String key = "qa-secret-KEY-1234567890abcdef";
        String keyInUrl = problem(Path.of("config"), Map.of("POLYGON_API_KEY", key, "POLYGON_BASE_URL",
                "http://127.0.0.1:8089/" + key.toUpperCase(java.util.Locale.ROOT)), Map.of());
        assertTrue(keyInUrl.contains("'quantmini.polygon.base-url' (from environment variable POLYGON_BASE_URL):"
                + " holds the API key (or part of it), which goes in POLYGON_API_KEY or credentials.yaml only"),
                keyInUrl);
        assertFalse(keyInUrl.toLowerCase(java.util.Locale.ROOT).contains("secret-key"), keyInUrl);

        Path aFile = Files.writeString(dir.resolve("a-file"), "not a folder");
        QuantMiniConfig onAFile = QuantMiniConfig.load(Path.of("config"), Map.of("DATA_ROOT", aFile + "/lake"),
                Map.of());
        String root = assertThrows(ConfigException.class, onAFile::writableDataRoot).getMessage();
        assertTrue(root.contains("'quantmini.data-root' (from environment variable DATA_ROOT): cannot create the lake's"
                + " folder: "), root);
        Path created = QuantMiniConfig.load(Path.of("config"), Map.of("DATA_ROOT", dir + "/new/lake"), Map.of())
                .writableDataRoot();
        assertTrue(Files.isDirectory(created));
        // a check whose removal failed (a disk error) left its file: the next start takes it and removes it
        Files.write(created.resolve(QuantMiniConfig.WRITE_CHECK_FILE), new byte[] {1});
        QuantMiniConfig.load(Path.of("config"), Map.of("DATA_ROOT", created.toString()), Map.of()).writableDataRoot();
        try (java.util.stream.Stream<Path> files = Files.list(created)) {
            assertEquals(java.util.List.of(), files.toList());
        }
    }

    @Test
    void aHadoopFileSystemRootIsRefusedAtStartUpAndAFileUriIsALocalPath() {
        for (String root : new String[] {"hdfs://namenode:8020/lake", "s3a://bucket/lake"}) {
            String message = problem(Path.of("config"), Map.of("DATA_ROOT", root), Map.of());
            assertTrue(message.contains("'quantmini.data-root' (from environment variable DATA_ROOT)")
                    && message.contains("only local paths and file: URIs"), message);
        }
        QuantMiniConfig fileUri = QuantMiniConfig.load(Path.of("config"), Map.of("DATA_ROOT", "file:///srv/lake"),
                Map.of());
        assertEquals(Path.of("/srv/lake"), fileUri.dataRoot());
        // a local path with a ':' is told how to be given; as a file: URI it is the path
        assertTrue(problem(Path.of("config"), Map.of("DATA_ROOT", "/srv/a:b"), Map.of()).endsWith("a ':' in a local"
                + " path reads as a URI scheme: give it as a file: URI, with %3A for each ':'"));
        assertEquals(Path.of("/srv/a:b"), QuantMiniConfig.load(Path.of("config"), Map.of("DATA_ROOT",
                "file:///srv/a%3Ab"), Map.of()).dataRoot());
    }

    /** A data root that is a link to nothing (an unmounted volume) is told as such, not as "already exists". */
    @Test
    void aDanglingLinkAsTheDataRootIsToldAsSuch(@TempDir Path dir) throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("lake"), dir.resolve("volume/lake"));
        String message = assertThrows(ConfigException.class, () -> QuantMiniConfig.load(Path.of("config"),
                Map.of("DATA_ROOT", link.toString()), Map.of()).writableDataRoot()).getMessage();
        assertTrue(message.endsWith(link + " is a link to " + dir.resolve("volume/lake") + ", which does not exist"),
                message);
        assertFalse(Files.exists(dir.resolve("volume")), "nothing made at its target");
    }

    /** The handoff routes' file: endpoints decode a '%' (they watched another folder) and read '?' as options. */
    @Test
    void aLakePathThatTheHandoffRoutesCannotNameIsRefused() {
        for (String root : new String[] {"/srv/lake_a%41b", "/srv/lake?b", "file:///srv/lake_a%2541b"}) {
            String message = problem(Path.of("config"), Map.of("DATA_ROOT", root), Map.of());
            assertTrue(message.contains("'quantmini.data-root' (from environment variable DATA_ROOT)")
                    && message.contains("holds a '%' or a '?', which the handoff routes' file: endpoints cannot name"),
                    message);
        }
    }

    @Test
    void aByteOrderMarkIsReadAndAKeyOutsideQuantminiIsRefused() throws Exception {
        String shipped = Files.readString(Path.of("config", QuantMiniConfig.FILE_NAME));
        assertTrue(shipped.startsWith("#"), "the first key must not be the first line for this test");
        Path bom = dir.resolve("bom");
        Files.createDirectories(bom);
        Files.writeString(bom.resolve(QuantMiniConfig.FILE_NAME), "\uFEFFquantmini.data-root=from-bom\n"
                + shipped.replace("quantmini.data-root=data", ""));
        assertEquals(Path.of("from-bom"), QuantMiniConfig.load(bom, Map.of(), Map.of()).dataRoot());

        String typo = problem(configWith("quantmini.data-root=data", "quantmin.data-root=data"), Map.of(), Map.of());
        assertTrue(typo.contains("unknown setting 'quantmin.data-root'"), typo);

        Path latin1 = Files.createDirectories(dir.resolve("latin1"));
        Files.write(latin1.resolve(QuantMiniConfig.FILE_NAME), ("# caf\u00e9\n" + shipped)
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals("cannot read " + latin1.resolve(QuantMiniConfig.FILE_NAME) + ": not UTF-8 text (a byte that is"
                + " not UTF-8, such as a Latin-1 accent): save it as UTF-8", problem(latin1, Map.of(), Map.of()));
        Path folder = Files.createDirectories(dir.resolve("folder").resolve(QuantMiniConfig.FILE_NAME));
        assertTrue(problem(folder.getParent(), Map.of(), Map.of()).startsWith("configuration file is a folder: "));
    }

    @Test
    void anInvalidCredentialsFileGivesThePositionOfTheError() throws Exception {
        Path config = configWith("quantmini.polygon.max-concurrent=50", "quantmini.polygon.max-concurrent=50");
        Path credentials = config.resolve(QuantMiniConfig.CREDENTIALS_FILE);
        Files.writeString(credentials, "polygon_api_key: [\"SECRET-broken\"\n");
        String broken = problem(config, Map.of(), Map.of());
        assertTrue(broken.contains("not valid YAML at line "), broken);
    }

    @Test
    void fetchingFromARemotePolygonNeedsARealKeyAndALoopbackOneNone() throws Exception {
        Path config = configWith("quantmini.polygon.max-concurrent=50", "quantmini.polygon.max-concurrent=50");
        String none = assertThrows(ConfigException.class,
                () -> QuantMiniConfig.load(config, Map.of(), Map.of()).requireApiKeyForBaseUrl()).getMessage();
        assertTrue(none.contains("no Polygon API key for https://api.polygon.io: set POLYGON_API_KEY")
                && none.contains(config.resolve(QuantMiniConfig.CREDENTIALS_FILE).toString()), none);

        Files.copy(Path.of("config", QuantMiniConfig.CREDENTIALS_FILE + ".example"),
                config.resolve(QuantMiniConfig.CREDENTIALS_FILE));
        String placeholder = assertThrows(ConfigException.class,
                () -> QuantMiniConfig.load(config, Map.of(), Map.of()).requireApiKeyForBaseUrl()).getMessage();
        assertTrue(placeholder.contains("the example's placeholder"), placeholder);
        assertTrue(placeholder.contains("(from " + config.resolve(QuantMiniConfig.CREDENTIALS_FILE) + ")"),
                placeholder);

        String tooShort = assertThrows(ConfigException.class, () -> QuantMiniConfig.load(config,
                Map.of("POLYGON_API_KEY", "AAAB"), Map.of()).requireApiKeyForBaseUrl()).getMessage();
        assertTrue(tooShort.endsWith("the API key (from environment variable POLYGON_API_KEY) has 4 characters, which"
                + " is not a Polygon key (those have 32)"), tooShort);
        assertFalse(tooShort.contains("AAAB"), tooShort);
        QuantMiniConfig.load(config, Map.of("POLYGON_API_KEY", "r3alKey0123456789abcdefABCDEF012"), Map.of())
                .requireApiKeyForBaseUrl();
        for (String odd : new String[] {"r3alKey0123456789 abcdefABCDEF012", "r3alKey0123456789\r\nX-Evil: 1abcdef",
                "r3alKey0123456789abcdefABCDEF01\u00e9"}) {
            String refused = assertThrows(ConfigException.class, () -> QuantMiniConfig.load(config,
                    Map.of("POLYGON_API_KEY", odd), Map.of()).requireApiKeyForBaseUrl()).getMessage();
            assertTrue(refused.startsWith("the API key (from environment variable POLYGON_API_KEY) holds a space, a"
                    + " control character or a character outside ASCII (character "), refused);
            assertFalse(refused.contains("r3al"), refused);
        }
        for (String loopback : new String[] {"http://127.0.0.1:8089", "http://localhost:1", "http://[::1]:2"}) {
            QuantMiniConfig.load(config, Map.of("POLYGON_BASE_URL", loopback), Map.of()).requireApiKeyForBaseUrl();
        }
        // a name that merely starts like a loopback address is a remote host: it needs a key
        assertThrows(ConfigException.class, () -> QuantMiniConfig.load(config,
                Map.of("POLYGON_BASE_URL", "https://127.example.com"), Map.of()).requireApiKeyForBaseUrl());
        // and over plain http the key would cross the network in clear text
        String plain = assertThrows(ConfigException.class, () -> QuantMiniConfig.load(config, Map.of("POLYGON_BASE_URL",
                "http://api.polygon.io", "POLYGON_API_KEY", "r3alKey0123456789abcdefABCDEF012"), Map.of())
                .requireApiKeyForBaseUrl()).getMessage();
        assertEquals("invalid setting 'quantmini.polygon.base-url' (from environment variable POLYGON_BASE_URL): plain"
                + " http to api.polygon.io would send the API key in clear text: use https (Polygon's is"
                + " https://api.polygon.io), or a fake Polygon on a loopback address (127.0.0.1, localhost, ::1), where"
                + " no key is needed", plain);
        assertFalse(plain.contains("r3alKey"), plain);
    }

    @Test
    void anApiKeySetTwiceInTheCredentialsFileIsRefusedWithoutQuotingEither() throws Exception {
        Path config = configWith("quantmini.polygon.max-concurrent=50", "quantmini.polygon.max-concurrent=50");
        String first = "QMFAKEKEY7f3a9c2e1b4d8a6f0e5c3b2a";
        String second = "QMFAKEKEY7f3a9c2e1b4d8a6f0e5c3b2b";
        Files.writeString(config.resolve(QuantMiniConfig.CREDENTIALS_FILE),
                "polygon_api_key: " + first + "\npolygon_api_key: " + second + "\n");
        String message = problem(config, Map.of(), Map.of());
        assertEquals(config.resolve(QuantMiniConfig.CREDENTIALS_FILE) + ": polygon_api_key set more than once (which"
                + " key is meant?), again at line 2, column 16", message);

        Files.writeString(config.resolve(QuantMiniConfig.CREDENTIALS_FILE),
                "polygon_api_key: " + first + "\n---\npolygon_api_key: " + second + "\n");
        assertEquals(config.resolve(QuantMiniConfig.CREDENTIALS_FILE) + ": holds more than one YAML document (a line"
                + " '---'): which polygon_api_key is meant?", problem(config, Map.of(), Map.of()));
    }

    /** A first back-off above the cap of every back-off; a credentials file with another key, or that is a folder. */
    @Test
    void settingsThatCannotMeanWhatTheySayAreRefused() throws Exception {
        Path config = configWith("quantmini.polygon.retry-initial-delay-ms=500",
                "quantmini.polygon.retry-initial-delay-ms=120000");
        assertEquals("invalid setting 'quantmini.polygon.retry-initial-delay-ms' (from "
                + config.resolve(QuantMiniConfig.FILE_NAME) + "): 120000 is above quantmini.polygon.retry-max-delay-ms"
                + " (60000), the cap of every back-off: the first wait would be the cap",
                problem(config, Map.of(), Map.of()));
        configWith("quantmini.polygon.retry-initial-delay-ms=500", "quantmini.polygon.retry-initial-delay-ms=60000");
        QuantMiniConfig.load(config, Map.of(), Map.of()); // equal to the cap: allowed

        Path credentials = config.resolve(QuantMiniConfig.CREDENTIALS_FILE);
        String key = "QMFAKEKEY7f3a9c2e1b4d8a6f0e5c3b2a";
        Files.writeString(credentials, "polygon_apikey: " + key + "\n");
        String misspelled = problem(config, Map.of(), Map.of());
        assertEquals(credentials + ": unknown key 'polygon_apikey' (the file holds 'polygon_api_key: <your key>' only)",
                misspelled);
        Files.writeString(credentials, "polygon_api_key: " + key + "\nfoo: 1\n");
        assertEquals(credentials + ": unknown key 'foo' (the file holds 'polygon_api_key: <your key>' only)",
                problem(config, Map.of(), Map.of()));
        Files.delete(credentials);
        Files.createDirectory(credentials);
        assertEquals(credentials + ": not a file (put 'polygon_api_key: <your key>' in a file of that name)",
                problem(config, Map.of(), Map.of()));
    }

    @Test
    void aKeySetTwiceIsRefusedRatherThanTheLastOneWinningSilently() throws Exception {
        Path config = configWith("quantmini.polygon.max-concurrent=50",
                "quantmini.polygon.max-concurrent=50\nquantmini.polygon.max-concurrent=5");
        ConfigException e = assertThrows(ConfigException.class, () -> QuantMiniConfig.load(config, Map.of(), Map.of()));
        assertEquals(config.resolve(QuantMiniConfig.FILE_NAME) + ": set more than once:"
                + " quantmini.polygon.max-concurrent (which value is meant?)", e.getMessage());
    }
}
