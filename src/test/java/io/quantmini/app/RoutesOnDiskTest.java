package io.quantmini.app;

import io.quantmini.LogCapture;
import io.quantmini.bronze.BronzeReader;
import io.quantmini.config.ConfigException;
import io.quantmini.ingest.IngestRequest;
import io.quantmini.ingest.IngestRun;
import io.quantmini.ingest.TestApp;
import io.quantmini.lake.LakeLayout;
import io.quantmini.replay.ReplayServer;
import io.quantmini.replay.SyntheticMarket;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routes are data on disk: every shipped YAML loads, and an edited copy changes behaviour without recompiling. */
class RoutesOnDiskTest {

    @TempDir
    Path temp;

    @Test
    void everyShippedRouteFileLoadsAndTheScheduleReadsItsCronFromConfig() throws Exception {
        try (Stream<Path> yamlFiles = Files.list(TestApp.ROUTES_DIR)) {
            assertTrue(yamlFiles.allMatch(f -> f.getFileName().toString().endsWith(".camel.yaml")),
                    "only *.camel.yaml files are loaded from routes/: anything else would be silently ignored");
        }
        try (QuantMiniCamel app = QuantMiniCamel.create(TestApp.config(temp, "http://127.0.0.1:9", Map.of()),
                TestApp.ROUTES_DIR, true, Clock.systemUTC()).start()) {
            List<String> ids = app.context().getRoutes().stream().map(Route::getRouteId).sorted()
                    .collect(Collectors.toList());
            assertTrue(ids.containsAll(List.of("polygon-call", "schedule-daily", "stocks_daily-bronze",
                    "stocks_daily-fetch", "stocks_daily-ingest", "splits-fetch", "splits-bronze", "splits-ingest",
                    "silver-handoff", "gold-handoff")), ids.toString());
            for (String daemonRoute : List.of("schedule-daily", "silver-handoff", "gold-handoff")) {
                assertTrue(app.context().getRouteController().getRouteStatus(daemonRoute).isStarted(), daemonRoute);
            }
            QuartzEndpoint quartz = (QuartzEndpoint) app.context().getRoute("schedule-daily").getEndpoint();
            assertEquals(TestApp.NEVER_FIRES, quartz.getCron()); // the route holds {{quantmini.schedule.cron}}
            assertTrue(app.context().getRouteController().getRouteStatus("schedule-daily").isStarted());
        }
    }

    @Test
    void theScheduleFiresInTheConfiguredZoneEvenWhenItIsAnOffset() throws Exception {
        // "GMT+05:00" in the quartz URI had its '+' read as a space: Quartz took an unknown zone as GMT, 5 hours off.
        for (String[] zone : new String[][] {{"UTC+05:00", "GMT+05:00"}, {"Asia/Kolkata", "Asia/Kolkata"},
                {"-03:30", "GMT-03:30"}}) {
            try (QuantMiniCamel app = QuantMiniCamel.create(TestApp.config(temp, "http://127.0.0.1:9",
                    Map.of("quantmini.schedule.time-zone", zone[0])), TestApp.ROUTES_DIR, true, Clock.systemUTC())
                    .start()) {
                QuartzEndpoint quartz = (QuartzEndpoint) app.context().getRoute("schedule-daily").getEndpoint();
                org.quartz.Scheduler scheduler = app.context().getComponent("quartz",
                        org.apache.camel.component.quartz.QuartzComponent.class).getScheduler();
                org.quartz.CronTrigger trigger = (org.quartz.CronTrigger) scheduler.getTrigger(quartz.getTriggerKey());
                assertEquals(java.util.TimeZone.getTimeZone(zone[1]).getRawOffset(),
                        trigger.getTimeZone().getRawOffset(),
                        zone[0]);
                assertEquals(zone[1], trigger.getTimeZone().getID(), zone[0]);
            }
        }
    }

    @Test
    void shippedRoutesAreInCanonicalYamlSoCamelLogsNoWarningAboutThem() throws Exception {
        List<String> said = LogCapture.messages("org.apache.camel.dsl.yaml.common.YamlDeserializerBase",
                ch.qos.logback.classic.Level.ALL, () -> {
                    try (QuantMiniCamel app = QuantMiniCamel.create(TestApp.config(temp, "http://127.0.0.1:9",
                            Map.of()), TestApp.ROUTES_DIR, false, Clock.systemUTC()).start()) {
                        assertTrue(app.context().getRoutes().size() >= 5);
                    }
                });
        assertEquals(List.of(), said);
    }

    @Test
    void scheduleDoesNotStartInOneShotCommands() throws Exception {
        try (QuantMiniCamel app = QuantMiniCamel.create(TestApp.config(temp, "http://127.0.0.1:9", Map.of()),
                TestApp.ROUTES_DIR, false, Clock.systemUTC()).start()) {
            for (String daemonRoute : List.of("schedule-daily", "silver-handoff", "gold-handoff")) {
                assertFalse(app.context().getRouteController().getRouteStatus(daemonRoute).isStarted(), daemonRoute);
            }
            // nor do Quartz's threads, and Quartz registers no MBean in either mode (Camel's JMX is off too)
            assertFalse(quartzScheduler(app).isStarted());
            // and its exit does not wait for them (a wait that joined Quartz's idle workers: ~220 ms of every exit)
            assertTrue(quartzComponent(app).isInterruptJobsOnShutdown());
        }
        try (QuantMiniCamel daemon = QuantMiniCamel.create(TestApp.config(temp, "http://127.0.0.1:9", Map.of()),
                TestApp.ROUTES_DIR, true, Clock.systemUTC()).start()) {
            assertTrue(quartzScheduler(daemon).isStarted());
            assertFalse(quartzComponent(daemon).isInterruptJobsOnShutdown(), "a scheduled ingest may be running");
            assertEquals(Set.of(), java.lang.management.ManagementFactory.getPlatformMBeanServer()
                    .queryNames(new javax.management.ObjectName("quartz:*"), null));
        }
    }

    @Test
    void anOperatorCanTurnQuartzJmxBackOn() throws Exception {
        try (QuantMiniCamel daemon = QuantMiniCamel.create(TestApp.config(temp, "http://127.0.0.1:9",
                Map.of("camel.component.quartz.enable-jmx", "true")), TestApp.ROUTES_DIR, true, Clock.systemUTC())
                .start()) {
            assertEquals(1, java.lang.management.ManagementFactory.getPlatformMBeanServer()
                    .queryNames(new javax.management.ObjectName("quartz:*"), null).size());
        }
    }

    private static org.quartz.Scheduler quartzScheduler(QuantMiniCamel app) {
        return quartzComponent(app).getScheduler();
    }

    private static org.apache.camel.component.quartz.QuartzComponent quartzComponent(QuantMiniCamel app) {
        return app.context().getComponent("quartz", org.apache.camel.component.quartz.QuartzComponent.class);
    }

    @Test
    void editingACopyOfTheYamlRouteChangesTheRequestWithoutRecompiling() throws Exception {
        // Unadjusted bars: the route asks for adjusted=false, and the schema no longer says split_adjusted (which
        // would refuse them, and patch their days from adjusted per-ticker bars).
        Path routes = Files.createDirectories(temp.resolve("routes"));
        Files.copy(TestApp.ROUTES_DIR.resolve("stocks_daily.camel.yaml"), routes.resolve("stocks_daily.camel.yaml"));
        String yaml = Files.readString(routes.resolve("stocks_daily.camel.yaml"));
        assertTrue(yaml.contains("value: adjusted=true"));
        Files.writeString(routes.resolve("stocks_daily.camel.yaml"),
                yaml.replace("value: adjusted=true", "value: adjusted=false"));
        Path config = TestApp.copyOfConfig(temp.resolve("config"));
        Path schema = config.resolve("datasets/stocks_daily.yaml");
        String unadjusted = Files.readString(schema).replaceAll("(?m)^(split_adjusted|ticker_bars):.*\n", "");
        Files.writeString(schema, unadjusted);

        LocalDate start = LocalDate.of(2024, 1, 2);
        SyntheticMarket market = new SyntheticMarket(
                new SyntheticMarket.Spec(50, start, LocalDate.of(2024, 12, 31), 11), TestApp.calendar());
        try (ReplayServer server = ReplayServer.start(market, 0)) {
            Path editedLake = temp.resolve("edited");
            Path shippedLake = temp.resolve("shipped");
            LocalDate day = LocalDate.of(2024, 1, 3);
            IngestRun edited = TestApp.ingest(TestApp.config(config, editedLake, server.baseUrl(), Map.of()), routes,
                    new IngestRequest("stocks_daily", day, day, false));
            IngestRun shipped = TestApp.ingest(TestApp.config(shippedLake, server.baseUrl(), Map.of()),
                    new IngestRequest("stocks_daily", day, day, false));

            assertFalse(edited.failed() || shipped.failed(), edited.failureSummary() + shipped.failureSummary());
            assertEquals(List.of("GET /v2/aggs/grouped/locale/us/market/stocks/2024-01-03?adjusted=false",
                    "GET /v2/aggs/grouped/locale/us/market/stocks/2024-01-03?adjusted=true"), server.requestLog());
            // The market's one split makes unadjusted and adjusted history differ for one ticker before its split date.
            Path editedFile = new LakeLayout(editedLake).bronzeDayFile("stocks_daily", day);
            Path shippedFile = new LakeLayout(shippedLake).bronzeDayFile("stocks_daily", day);
            assertEquals(BronzeReader.countRows(shippedFile), BronzeReader.countRows(editedFile));
            assertNotEquals(closes(shippedFile), closes(editedFile), "adjusted=false serves the raw, pre-split prices");
        }
    }

    @Test
    void aRouteEditCamelWouldAcceptButThatCannotWorkStopsStartUpNamingTheFile() throws Exception {
        // A misspelled template parameter: Camel ignores it, and the requests would go out without their query.
        Path typo = routesWith("stocks_daily.camel.yaml", "- name: query", "- name: querry");
        ConfigException e = refusal(typo);
        assertEquals(typo.resolve("stocks_daily.camel.yaml") + ": templatedRoute stocks_daily-fetch: parameter 'querry'"
                + " is not one of template polygon-fetch's [dataset, path, query]", e.getMessage());

        // A misspelled direct: target: Camel would wait 30 s per day for a consumer, then fail the day.
        Path nowhere = routesWith("stocks_daily.camel.yaml", "uri: direct:stocks_daily-fetch",
                "uri: direct:stocks_dialy-fetch");
        e = refusal(nowhere);
        assertTrue(e.getMessage().startsWith(nowhere.toAbsolutePath().normalize().resolve("stocks_daily.camel.yaml")
                + ": route stocks_daily-ingest sends to direct:stocks_dialy-fetch, which no route consumes"),
                e.getMessage());
        // the same in a doTry's doFinally or doCatch, which a route read from YAML holds apart from its steps
        String report = "                    method: report\n";
        String catchSteps = "                steps:\n                  - setProperty:\n";
        for (String[] edit : new String[][] {{report, report + "                - to:\n"
                + "                    uri: direct:nothing\n"},
            {catchSteps, "                steps:\n                  - to:\n                      uri: direct:nothing\n"
                + "                  - setProperty:\n"}}) {
            Path inClause = routesWith("schedule.camel.yaml", edit[0], edit[1]);
            e = refusal(inClause);
            assertTrue(e.getMessage().startsWith(inClause.toAbsolutePath().normalize().resolve("schedule.camel.yaml")
                    + ": route scheduled-ingest sends to direct:nothing, which no route consumes"), e.getMessage());
        }

        // A time zone typed into the schedule's route: Quartz would read it as GMT, five hours off New York.
        Path zone = routesWith("schedule.camel.yaml", "RAW({{quantmini.schedule.time-zone}})", "RAW(America/NewYork)");
        e = refusal(zone);
        assertTrue(e.getMessage().contains("route schedule-daily: trigger.timeZone 'America/NewYork' is unknown to"
                + " Quartz, which would read it as GMT") && e.getMessage().contains("schedule.camel.yaml"),
                e.getMessage());

        // an offset Java writes another way (GMT+05:00) is a zone it knows: accepted
        Path offset = routesWith("schedule.camel.yaml", "RAW({{quantmini.schedule.time-zone}})", "RAW(GMT+5)");
        QuantMiniCamel.create(TestApp.config(temp.resolve("lake"), "http://127.0.0.1:9", Map.of()), offset, false,
                Clock.systemUTC()).start().close();

        // The daemon too: it refuses and returns instead of running with the typo.
        QuantMiniCamel daemon = QuantMiniCamel.create(TestApp.config(temp.resolve("lake"), "http://127.0.0.1:9",
                Map.of()),
                typo, true, Clock.systemUTC());
        ConfigException refused = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(30), () -> assertThrows(ConfigException.class, daemon::runUntilStopped));
        assertTrue(refused.getMessage().contains("parameter 'querry' is not one of template polygon-fetch's"),
                refused.getMessage());
        assertTrue(daemon.context().isStopped(), "Camel stopped again");
    }

    @Test
    void aSplitOfThePlannersDaysThatDoesNotTallyThemStopsStartUpNamingTheRoute() throws Exception {
        // without dayOutcomes, its runs wrote their days and reported written=0 rows=0, exit 0
        Path untallied = routesWith("splits.camel.yaml", "            aggregationStrategy: dayOutcomes\n", "");
        ConfigException e = assertThrows(ConfigException.class, () -> QuantMiniCamel.create(TestApp.config(
                temp.resolve("lake"), "http://127.0.0.1:9", Map.of()), untallied, false, Clock.systemUTC()).start());
        assertEquals(untallied.toAbsolutePath().normalize().resolve("splits.camel.yaml") + ": route splits-ingest"
                + " splits the planner's days without aggregationStrategy: dayOutcomes: its runs would count none of"
                + " their days (the summary would say written=0): add it to the split, as the shipped routes have it",
                e.getMessage());

        // without the planner, each run failed on a Java NullPointerException naming no file
        Path unplanned = routesWith("splits.camel.yaml", "        - bean:\n            ref: ingestPlanner\n"
                + "            method: plan\n", "");
        e = assertThrows(ConfigException.class, () -> QuantMiniCamel.create(TestApp.config(
                temp.resolve("lake"), "http://127.0.0.1:9", Map.of()), unplanned, false, Clock.systemUTC()).start());
        assertEquals(unplanned.toAbsolutePath().normalize().resolve("splits.camel.yaml") + ": route splits-ingest"
                + " splits days to dayOutcomes that no planner made: add the step 'bean: {ref: ingestPlanner, method:"
                + " plan}' just before its split, as the shipped routes have it", e.getMessage());
    }

    @Test
    void aRouteWhoseRequestsOrDatasetCannotWorkStopsStartUpNamingTheFile() throws Exception {
        // a misspelled placeholder would be sent to Polygon as it is, and fail every day with URISyntaxException
        Path placeholder = routesWith("stocks_daily.camel.yaml", "stocks/{date}", "stocks/{dat}");
        ConfigException e = refusal(placeholder);
        String where = placeholder.resolve("stocks_daily.camel.yaml") + ": templatedRoute stocks_daily-fetch: ";
        assertEquals(where + "{dat} in /v2/aggs/grouped/locale/us/market/stocks/{dat}?adjusted=true is not a"
                + " placeholder the fetcher fills ({date}, {since}, {window_start}, {window_end}; {ticker} and {from}"
                + " for per-ticker bars); "
                + where + "the request /v2/aggs/grouped/locale/us/market/stocks/{dat}?adjusted=true names no day"
                + " ({date}, {since}, {window_start} or {window_end}): every day would get the same answer",
                e.getMessage());

        // a day typed in: every day would be written with that one day's answer
        Path fixed = routesWith("stocks_daily.camel.yaml", "stocks/{date}", "stocks/2024-01-03");
        e = refusal(fixed);
        assertTrue(e.getMessage().endsWith("names no day ({date}, {since}, {window_start} or {window_end}): every day"
                + " would get the same answer"),
                e.getMessage());

        // what Camel fills is checked filled in, and a step commented out names no dataset
        Path filled = routesWith("stocks_daily.camel.yaml", "value: stocks_daily\n",
                "value: \"{{env:QUANTMINI_TEST_UNSET:stocks_daily}}\"\n");
        Files.writeString(filled.resolve("schedule.camel.yaml"), Files.readString(filled.resolve("schedule.camel.yaml"))
                + "# was: lastDays('options', 5)\n");
        QuantMiniCamel.create(TestApp.config(temp.resolve("lake"), "http://127.0.0.1:9", Map.of()), filled, false,
                Clock.systemUTC()).start().close();

        // a scheduled dataset no route ingests: every firing would fail at its toD
        Path unrouted = routesWith("schedule.camel.yaml", "lastDays('stocks_daily', ",
                "lastDays('stocks_daily_by_ticker', ");
        e = refusal(unrouted);
        assertTrue(e.getMessage().contains(unrouted.resolve("schedule.camel.yaml") + ":"
                + " lastDays('stocks_daily_by_ticker', ...) sends its run to direct:ingest-stocks_daily_by_ticker,"
                + " which no route consumes"), e.getMessage());

        // a dataset whose schema is gone: a one-shot run of another dataset would pass, and the schedule fail daily
        Path config = TestApp.copyOfConfig(temp.resolve("config-no-splits"));
        Files.delete(config.resolve("datasets/splits.yaml"));
        e = assertThrows(ConfigException.class, () -> QuantMiniCamel.create(TestApp.config(config, temp.resolve("lake"),
                "http://127.0.0.1:9", Map.of()), TestApp.ROUTES_DIR, false, Clock.systemUTC()).start());
        assertTrue(e.getMessage().contains(TestApp.ROUTES_DIR.resolve("schedule.camel.yaml") + ": dataset 'splits' has"
                + " no schema " + config.resolve("datasets/splits.yaml")), e.getMessage());
        assertTrue(e.getMessage().contains(TestApp.ROUTES_DIR.resolve("splits.camel.yaml") + ": dataset 'splits' has no"
                + " schema "), e.getMessage());
    }

    @Test
    void anIngestRouteSendingItsDaysToAnotherDatasetsRoutesStopsStartUp() throws Exception {
        // splits.camel.yaml copied for a new dataset, one to: left unrenamed: dividends would be asked of the splits
        // endpoint and filed as dividends, with nothing but null columns to show for it
        Path routes = temp.resolve("routes-copied");
        TestApp.copyTree(TestApp.ROUTES_DIR, routes);
        Files.writeString(routes.resolve("dividends.camel.yaml"), Files.readString(routes.resolve("splits.camel.yaml"))
                .replace("splits", "dividends")
                .replace("uri: direct:dividends-fetch", "uri: direct:splits-fetch"));
        Path config = TestApp.copyOfConfig(temp.resolve("config-copied"));
        Files.writeString(config.resolve("datasets/dividends.yaml"), Files.readString(
                config.resolve("datasets/splits.yaml")).replace("dataset: splits", "dataset: dividends"));
        ConfigException e = assertThrows(ConfigException.class, () -> QuantMiniCamel.create(TestApp.config(config,
                temp.resolve("lake"), "http://127.0.0.1:9", Map.of()), routes, false, Clock.systemUTC()).start());
        assertEquals(routes.toAbsolutePath().normalize().resolve("dividends.camel.yaml") + ": route dividends-ingest"
                + " ingests dividends but sends its days to direct:splits-fetch, the fetch route of dataset splits (a"
                + " copied route file with a name left unchanged?): its days would be asked of splits's endpoint and"
                + " filed as dividends's", e.getMessage());

        // the bronze route too
        Path copied = routes.resolve("dividends.camel.yaml");
        TestApp.edit(copied, "uri: direct:splits-fetch", "uri: direct:dividends-fetch");
        TestApp.edit(copied, "uri: direct:dividends-bronze", "uri: direct:splits-bronze");
        e = assertThrows(ConfigException.class, () -> QuantMiniCamel.create(TestApp.config(config,
                temp.resolve("lake"), "http://127.0.0.1:9", Map.of()), routes, false, Clock.systemUTC()).start());
        assertTrue(e.getMessage().endsWith(": route dividends-ingest ingests dividends but sends its days to"
                + " direct:splits-bronze, the bronze route of dataset splits (a copied route file with a name left"
                + " unchanged?): its days would be written by splits's route and filed as dividends's"),
                e.getMessage());

        // wired to its own routes it starts; stocks_daily's per-ticker fetch (its schema's ticker_bars) is its own
        TestApp.edit(copied, "uri: direct:splits-bronze", "uri: direct:dividends-bronze");
        QuantMiniCamel.create(TestApp.config(config, temp.resolve("lake"), "http://127.0.0.1:9", Map.of()), routes,
                false, Clock.systemUTC()).start().close();
    }

    @Test
    void aNameACopiedRouteFileGivesAgainStopsStartUpNamingBothFiles() throws Exception {
        Path config = TestApp.copyOfConfig(temp.resolve("config-twice"));
        Files.writeString(config.resolve("datasets/dividends.yaml"), Files.readString(
                config.resolve("datasets/splits.yaml")).replace("dataset: splits", "dataset: dividends"));
        String copy = Files.readString(TestApp.ROUTES_DIR.resolve("splits.camel.yaml")).replace("splits", "dividends");

        // the fetch route's routeId left as it was: Camel kept one of the two, and only said that no route consumed
        // direct:dividends-fetch
        Path sameId = temp.resolve("routes-same-id");
        TestApp.copyTree(TestApp.ROUTES_DIR, sameId);
        Files.writeString(sameId.resolve("dividends.camel.yaml"), copy.replace("routeId: dividends-fetch",
                "routeId: splits-fetch"));
        ConfigException e = assertThrows(ConfigException.class, () -> QuantMiniCamel.create(TestApp.config(config,
                temp.resolve("lake"), "http://127.0.0.1:9", Map.of()), sameId, false, Clock.systemUTC()));
        assertEquals("the templatedRoute routeId 'splits-fetch' is given 2 times, in "
                + sameId.resolve("dividends.camel.yaml") + " and " + sameId.resolve("splits.camel.yaml") + ": Camel"
                + " would keep one of them (a route file copied from another with its routeId left unchanged?)",
                e.getMessage());

        // the ingest route's from: left as it was: two consumers of direct:ingest-splits, neither file named
        Path sameInput = temp.resolve("routes-same-input");
        TestApp.copyTree(TestApp.ROUTES_DIR, sameInput);
        Files.writeString(sameInput.resolve("dividends.camel.yaml"), copy.replace("uri: direct:ingest-dividends",
                "uri: direct:ingest-splits"));
        e = assertThrows(ConfigException.class, () -> QuantMiniCamel.create(TestApp.config(config,
                temp.resolve("lake"), "http://127.0.0.1:9", Map.of()), sameInput, false, Clock.systemUTC()));
        assertEquals("2 routes consume direct:ingest-splits, in " + sameInput.resolve("dividends.camel.yaml")
                + " (route dividends-ingest) and " + sameInput.resolve("splits.camel.yaml") + " (route splits-ingest):"
                + " a direct endpoint takes one (a route file copied from another with its from: left unchanged?)",
                e.getMessage());
    }

    /**
     * A {@code toD} was not checked at all: a misspelled component or a {@code direct:} nobody consumes failed only
     * when a message got there (the schedule's toD: at the first firing). A {@code toD} without {@code ${...}} is
     * checked as a {@code to:}; one with, by the component before it. A wireTap, enrich or recipientList with a fixed
     * endpoint is checked as a {@code to:} too.
     */
    @Test
    void aToDOrOtherSendThatCannotWorkStopsStartUpNamingTheStep() throws Exception {
        Path dynamic = routesWith("schedule.camel.yaml", "uri: \"direct:ingest-${body.request().dataset()}\"",
                "uri: \"diect:ingest-${body.request().dataset()}\"");
        ConfigException e = refusal(dynamic);
        assertTrue(e.getMessage().startsWith(dynamic.toAbsolutePath().normalize().resolve("schedule.camel.yaml")
                + ": route scheduled-ingest: the toD step (uri: diect:ingest-${body.request().dataset()}): no"
                + " component is named diect; the components are bean, "), e.getMessage());
        assertTrue(e.getMessage().contains(", direct, ") && e.getMessage().split("; ").length == 2, e.getMessage());

        Path fixed = routesWith("schedule.camel.yaml", "uri: \"direct:ingest-${body.request().dataset()}\"",
                "uri: direct:ingest-stocks_daly");
        e = refusal(fixed);
        assertTrue(e.getMessage().startsWith(fixed.toAbsolutePath().normalize().resolve("schedule.camel.yaml")
                + ": route scheduled-ingest sends to direct:ingest-stocks_daly in a toD step, which no route consumes"
                + " (the direct endpoints consumed are [ingest-news, "), e.getMessage());

        // a to:'s component: Camel refused it itself, in its words ("No endpoint could be found for: diect://...")
        Path to = routesWith("stocks_daily.camel.yaml", "uri: direct:stocks_daily-fetch",
                "uri: diect:stocks_daily-fetch");
        e = refusal(to);
        assertTrue(e.getMessage().startsWith(to.toAbsolutePath().normalize().resolve("stocks_daily.camel.yaml")
                + ": route stocks_daily-ingest: the to step (uri: diect:stocks_daily-fetch): no component is named"
                + " diect; the components are "), e.getMessage());

        Path others = temp.resolve("routes-other-sends");
        TestApp.copyTree(TestApp.ROUTES_DIR, others);
        Files.writeString(others.resolve("extra.camel.yaml"), """
                - route:
                    id: extra
                    from:
                      uri: direct:extra
                      steps:
                        - wireTap:
                            uri: direct:tapped
                        - enrich:
                            constant: direct:enriching
                        - recipientList:
                            constant: "direct:extra?failIfNoConsumers=false,direct:listed"
                        - toD:
                            uri: "${header.target}"
                        - pollEnrich:
                            constant: direct:polled
                """);
        e = refusal(others);
        String where = others.toAbsolutePath().normalize().resolve("extra.camel.yaml") + ": route extra sends to ";
        String consumed = ", which no route consumes (the direct endpoints consumed are [extra, ingest-news, ";
        List<String> said = List.of(e.getMessage().split("; "));
        assertEquals(3, said.size(), e.getMessage());
        assertTrue(said.get(0).startsWith(where + "direct:tapped in a wireTap step" + consumed), said.get(0));
        assertTrue(said.get(1).startsWith(where + "direct:enriching in an enrich step" + consumed), said.get(1));
        assertTrue(said.get(2).startsWith(where + "direct:listed in a recipientList step" + consumed), said.get(2));
    }

    /**
     * The steps of an onException run only when its exception happens: a send or bean misspelled there is refused at
     * start-up as anywhere else. In a route's own onException and in a route file's top-level one (which Camel adds
     * to each route of that file, and which is named once); in a routeConfiguration's, named once with its own file,
     * where it was named once for every route it applies to, with that route's file (or none, for a route of ours).
     */
    @Test
    void aStepOfAnOnExceptionStopsStartUpNamingWhereItIsWritten() throws Exception {
        String inRoute = """
                - route:
                    id: extra
                    from:
                      uri: direct:extra
                      steps:
                        - onException:
                            exception:
                              - java.lang.Exception
                            steps:
                              - bean:
                                  ref: scheduledIngest
                                  method: reprot
                        - log: "${body}"
                """;
        Path routes = routesAnd("extra.camel.yaml", inRoute);
        assertEquals(extra(routes) + ": route extra: the bean step (ref: scheduledIngest, method: reprot):"
                + " scheduledIngest has no method reprot; its methods are lastDays, report, stopAll", refusal(routes).getMessage());

        String consumed = ", which no route consumes (the direct endpoints consumed are [extra, extra2, ingest-news, ";
        routes = routesAnd("extra.camel.yaml", """
                - onException:
                    exception:
                      - java.lang.Exception
                    steps:
                      - to:
                          uri: direct:nothing
                """ + inRoute.replace("method: reprot", "method: report") + """
                - route:
                    id: extra2
                    from:
                      uri: direct:extra2
                      steps:
                        - log: "${body}"
                """);
        String said = refusal(routes).getMessage();
        assertTrue(said.startsWith(extra(routes) + ": route extra sends to direct:nothing" + consumed)
                && !said.contains("; "), said);

        routes = routesAnd("extra.camel.yaml", """
                - routeConfiguration:
                    onException:
                      - onException:
                          exception:
                            - java.lang.Exception
                          steps:
                            - toD:
                                uri: direct:nothing
                """ + inRoute.replace("method: reprot", "method: report"));
        said = refusal(routes).getMessage();
        assertTrue(said.startsWith(extra(routes) + ": routeConfiguration without an id sends to direct:nothing in a toD"
                + " step, which no route consumes (the direct endpoints consumed are [extra, ingest-news, ")
                && !said.contains("; "), said);

        routes = routesAnd("extra.camel.yaml", """
                - routeConfiguration:
                    id: errors
                    onException:
                      - onException:
                          exception:
                            - java.lang.Exception
                          steps:
                            - bean:
                                ref: scheduledIngest
                                method: reprot
                """ + inRoute.replace("method: reprot", "method: report").replace("    id: extra\n",
                "    id: extra\n    routeConfigurationId: errors\n"));
        assertEquals(extra(routes) + ": routeConfiguration errors: the bean step (ref: scheduledIngest, method:"
                + " reprot): scheduledIngest has no method reprot; its methods are lastDays, report, stopAll",
                refusal(routes).getMessage());
    }

    private static String extra(Path routes) {
        return routes.toAbsolutePath().normalize().resolve("extra.camel.yaml").toString();
    }

    @Test
    void aScheduledRunNotSentOnStopsStartUp() throws Exception {
        // the splits step's to: deleted: the bars' lastDays would replace its run, and splits never be fetched
        Path unsent = routesWith("schedule.camel.yaml", """
                {{quantmini.schedule.splits-recheck-days}})"
                        - to:
                            uri: direct:scheduled-ingest
                """, """
                {{quantmini.schedule.splits-recheck-days}})"
                """);
        ConfigException e = refusal(unsent);
        assertEquals(unsent.toAbsolutePath().normalize().resolve("schedule.camel.yaml") + ": route schedule-daily: the"
                + " bean step lastDays('splits', {{quantmini.schedule.lookback-days}},"
                + " {{quantmini.schedule.splits-recheck-days}}) is not followed by a step"
                + " 'to: direct:scheduled-ingest', which runs what it plans: that dataset would never be fetched",
                e.getMessage());

        // the last step of the route: its run would be the firing's result, and go nowhere
        Path last = routesWith("schedule.camel.yaml", """
                method: "lastDays('stocks_daily', {{quantmini.schedule.lookback-days}})"
                        - to:
                            uri: direct:scheduled-ingest
                """, """
                method: "lastDays('stocks_daily', {{quantmini.schedule.lookback-days}})"
                """);
        e = refusal(last);
        assertTrue(e.getMessage().endsWith(": route schedule-daily: the bean step lastDays('stocks_daily',"
                + " {{quantmini.schedule.lookback-days}}) is not followed by a step 'to: direct:scheduled-ingest',"
                + " which runs what it plans: that dataset would never be fetched"), e.getMessage());

        // the same endpoint written another way is the same step, a toD without ${...} too
        Path written = routesWith("schedule.camel.yaml", "uri: direct:scheduled-ingest",
                "uri: \"direct://scheduled-ingest?timeout=0\"");
        TestApp.edit(written.resolve("schedule.camel.yaml"), "- to:\n            uri: direct:scheduled-ingest",
                "- toD:\n            uri: direct:scheduled-ingest");
        QuantMiniCamel.create(TestApp.config(temp.resolve("lake"), "http://127.0.0.1:9", Map.of()), written, false,
                Clock.systemUTC()).start().close();
    }

    @Test
    void editsCamelAcceptsAndThatWorkAreNotRefused() throws Exception {
        Path routes = temp.resolve("routes-valid");
        TestApp.copyTree(TestApp.ROUTES_DIR, routes);
        // a hook nobody consumes yet, said to be optional; an operator's own template using a parameter it does not
        // declare (Camel resolves it), its templated route's id as Camel also reads it, with a dash; an editor's lock
        // file, a link to nowhere
        Files.writeString(routes.resolve("extra.camel.yaml"), """
                - routeTemplate:
                    id: my-logger
                    parameters:
                      - name: who
                    from:
                      uri: "direct:{{who}}-log"
                      steps:
                        - setBody:
                            simple: "{{who}} {{level}}"
                        - to:
                            uri: "direct:after-log?block=false&failIfNoConsumers=false"
                - templatedRoute:
                    routeTemplateRef: my-logger
                    route-id: audit-log
                    parameters:
                      - name: who
                        value: audit
                      - name: level
                        value: INFO
                """);
        Files.createSymbolicLink(routes.resolve(".#stocks_daily.camel.yaml"), Path.of("user@host.1234:1"));
        Path config = TestApp.copyOfConfig(temp.resolve("config-valid"));
        Files.createSymbolicLink(config.resolve("datasets/.#stocks_daily.yaml"), Path.of("user@host.1234:1"));
        Files.copy(config.resolve("datasets/stocks_daily.yaml"), config.resolve("datasets/stocks_daily.orig.yaml"));

        try (QuantMiniCamel app = QuantMiniCamel.create(
                TestApp.config(config, temp.resolve("lake"), "http://127.0.0.1:9", Map.of()), routes, false,
                Clock.systemUTC()).start()) {
            assertEquals("audit INFO", app.context().createProducerTemplate().requestBody("direct:audit-log", "x"));
            assertTrue(app.context().getRoute("audit-log") != null);
        }
    }

    /**
     * A run of a dataset that no route consumes, asked of the application itself (by `demo`, or a run whose dataset's
     * name begins another's): the words of `data ingest`, naming the routes folder and the ingest endpoints its files
     * name, where it said only "is there a routes/split.camel.yaml?".
     */
    @Test
    void aRunOfADatasetNoRouteConsumesNamesTheIngestEndpointsOfTheRouteFiles() throws Exception {
        Path config = TestApp.copyOfConfig(temp.resolve("config"));
        Files.writeString(config.resolve("datasets/split.yaml"), Files.readString(config.resolve(
                "datasets/splits.yaml")).replace("dataset: splits", "dataset: split"));
        LocalDate day = LocalDate.of(2024, 1, 3);
        ConfigException e = assertThrows(ConfigException.class, () -> TestApp.ingest(TestApp.config(config,
                temp.resolve("lake"), "http://127.0.0.1:9", Map.of()), new IngestRequest("split", day, day, false)));
        assertEquals("no route consumes direct:ingest-split: is there a routes/split.camel.yaml (in "
                + TestApp.ROUTES_DIR.toAbsolutePath() + ")? The route files there name direct:ingest-news"
                + " (news.camel.yaml), direct:ingest-splits (splits.camel.yaml), direct:ingest-stocks_daily"
                + " (stocks_daily.camel.yaml)", e.getMessage());
    }

    @Test
    void aBadSchemaStopsStartUpEvenIfNoRunNeedsItYet() throws Exception {
        Path config = TestApp.copyOfConfig(temp.resolve("config"));
        Path splits = config.resolve("datasets/splits.yaml");
        Files.writeString(splits, Files.readString(splits).replace("type: double", "type: dobule"));
        ConfigException e = assertThrows(ConfigException.class, () -> QuantMiniCamel.create(
                TestApp.config(config, temp.resolve("lake"), "http://127.0.0.1:9", Map.of()), TestApp.ROUTES_DIR, true,
                Clock.systemUTC()));
        assertTrue(e.getMessage().startsWith(splits + ": columns[3] ('split_from').type: unknown type 'dobule'"),
                e.getMessage());

        // A column added to stocks_daily but not to the per-ticker bars that patch its days.
        Path added = TestApp.copyOfConfig(temp.resolve("config-added"));
        Path daily = added.resolve("datasets/stocks_daily.yaml");
        Files.writeString(daily, Files.readString(daily).replace("key: [ticker, date]",
                "  - {name: exchange, field: x, type: string}\nkey: [ticker, date]"));
        e = assertThrows(ConfigException.class, () -> QuantMiniCamel.create(
                TestApp.config(added, temp.resolve("lake"), "http://127.0.0.1:9", Map.of()), TestApp.ROUTES_DIR, false,
                Clock.systemUTC()));
        assertEquals(daily + ": ticker_bars: " + added.resolve("datasets/stocks_daily_by_ticker.yaml") + " has nothing"
                + " as column 12 where " + daily + " has exchange (string) (they need the same columns, in the same"
                + " order, with the same types)", e.getMessage());
    }

    /** Camel names the id of what it refuses, not the file: start-up adds the files and lines that hold it. */
    @Test
    void aRouteCamelRefusesIsNamedWithItsFileAndLine() throws Exception {
        Path typo = routesWith("splits.camel.yaml", "routeTemplateRef: polygon-fetch",
                "routeTemplateRef: polygon-fech");
        int line = Files.readAllLines(typo.resolve("splits.camel.yaml"))
                .indexOf("    routeTemplateRef: polygon-fech") + 1;
        assertTrue(line > 0);
        ConfigException e = refusal(typo);
        assertTrue(e.getMessage().contains("polygon-fech") && e.getMessage().endsWith(" (see "
                + typo.resolve("splits.camel.yaml") + " line " + line + ")"), e.getMessage());

        // the same plain route's id in two files (a templated route's is refused before Camel reads the files)
        Path twice = routesWith("splits.camel.yaml", "uri: direct:ingest-splits", "uri: direct:ingest-splits-again");
        Files.writeString(twice.resolve("splits-copy.camel.yaml"), Files.readString(twice.resolve("splits.camel.yaml"))
                .replace("splits-fetch", "copy-fetch").replace("splits-bronze", "copy-bronze")
                .replace("direct:ingest-splits-again", "direct:ingest-splits"));
        e = refusal(twice);
        assertTrue(e.getMessage().contains("splits-ingest") && e.getMessage().contains(twice.resolve(
                "splits-copy.camel.yaml") + " line ") && e.getMessage().contains(twice.resolve("splits.camel.yaml")
                + " line "), e.getMessage());
    }

    /**
     * A YAML syntax error is named by the parser, with its file, line and column: start-up adds no "(see ...)" list of
     * the files that mention the words it quotes (it pointed at the same route in every other file, and its copy).
     */
    @Test
    void aYamlSyntaxErrorNamesItsFileAndLineOnly() throws Exception {
        Path broken = routesWith("splits.camel.yaml", "    routeId: splits-fetch", "   routeId: splits-fetch");
        Files.writeString(broken.resolve("splits2.camel.yaml"), Files.readString(broken.resolve("splits.camel.yaml"))
                .replace("splits-", "splits2-").replace("direct:ingest-splits", "direct:ingest-splits2"));
        ConfigException e = refusal(broken);
        assertTrue(e.getMessage().contains("splits.camel.yaml line 8, column 4: not valid YAML: while parsing a block"
                + " mapping, expected <block end>, but found '<block mapping start>'"), e.getMessage());
        assertFalse(e.getMessage().contains("(see "), e.getMessage());
    }

    /**
     * A misspelled key of a templated route or of one of its parameters: Camel's YAML DSL refused it in its own words,
     * with a Java class name; start-up names the file, line and column, the key and the keys there are.
     */
    @Test
    void aMisspelledKeyOfATemplatedRouteOrItsParameterIsNamedWithTheKeysThereAre() throws Exception {
        String parameterKeys = ": a templatedRoute parameter takes the keys name and value, not ";
        String templatedKeys = ": a templatedRoute takes the keys routeTemplateRef, routeId, parameters, prefixId,"
                + " group and beans, not ";
        Path value = routesWith("splits.camel.yaml", "        value: /v3/reference/splits",
                "        valu: /v3/reference/splits").resolve("splits.camel.yaml");
        assertEquals(value + lineAndColumn(value, "valu: /v3") + parameterKeys + "'valu' (did you mean value?)",
                refusal(value.getParent()).getMessage());

        Path name = routesWith("splits.camel.yaml", "      - name: query", "      - nme: query")
                .resolve("splits.camel.yaml");
        assertEquals(name + lineAndColumn(name, "nme: query") + parameterKeys + "'nme' (did you mean name?)",
                refusal(name.getParent()).getMessage());

        Path ref = routesWith("splits.camel.yaml", "    routeTemplateRef: bronze-write",
                "    routeTemplateRf: bronze-write").resolve("splits.camel.yaml");
        assertEquals(ref + lineAndColumn(ref, "routeTemplateRf:") + templatedKeys
                + "'routeTemplateRf' (did you mean routeTemplateRef?)", refusal(ref.getParent()).getMessage());

        // every one in every file, in one message; a key far from all those there are is given no guess
        Path routes = routesWith("news.camel.yaml", "    parameters:", "    parameter:");
        Path news = routes.resolve("news.camel.yaml");
        Path splits = routes.resolve("splits.camel.yaml");
        TestApp.edit(splits, "        value: splits", "        text: splits");
        assertEquals(news + lineAndColumn(news, "parameter:") + templatedKeys + "'parameter' (did you mean"
                + " parameters?); " + splits + lineAndColumn(splits, "text: splits") + parameterKeys + "'text'",
                refusal(routes).getMessage());
    }

    /**
     * A bean method given another number of arguments than it takes: Camel failed the call only when it was made, for
     * the schedule at its firing, hours after start-up. Counted as Camel splits them: a comma inside quotes or a
     * {@code ${...}} does not part two arguments.
     */
    @Test
    void aBeanMethodGivenAnotherNumberOfArgumentsStopsStartUpNamingTheNumbersItTakes() throws Exception {
        String splitsStep = "method: \"lastDays('splits', {{quantmini.schedule.lookback-days}},"
                + " {{quantmini.schedule.splits-recheck-days}})\"";
        Path one = routesWith("schedule.camel.yaml", splitsStep, "method: \"lastDays('splits')\"");
        assertEquals(one.resolve("schedule.camel.yaml") + ": route schedule-daily: the bean step (ref:"
                + " scheduledIngest, method: lastDays('splits')): scheduledIngest.lastDays takes 2 or 3 arguments, the"
                + " step gives 1", refusal(one).getMessage());

        Path two = routesWith("splits.camel.yaml", "method: plan\n", "method: plan(${body}, 1)\n");
        assertEquals(two.resolve("splits.camel.yaml") + ": route splits-ingest: the bean step (ref: ingestPlanner,"
                + " method: plan(${body}, 1)): ingestPlanner.plan takes 1 argument, the step gives 2",
                refusal(two).getMessage());

        Path none = routesWith("splits.camel.yaml", "method: plan\n", "method: plan()\n");
        assertTrue(refusal(none).getMessage().endsWith(": ingestPlanner.plan takes 1 argument, the step gives none"),
                refusal(none).getMessage());

        // a comma inside parentheses parts arguments, as Camel's binding splits them: ('x', (1,2)) binds "(1" and "2)"
        Path nested = routesWith("splits.camel.yaml", "method: plan\n", "method: \"plan((1,2))\"\n");
        assertTrue(refusal(nested).getMessage().endsWith(": ingestPlanner.plan takes 1 argument, the step gives 2"),
                refusal(nested).getMessage());

        // the commas inside quotes within a ${...} part no arguments: three, as lastDays takes
        Path counted = routesWith("schedule.camel.yaml", splitsStep, "method: \"lastDays('splits', ${body.split(',')"
                + ".length}, {{quantmini.schedule.splits-recheck-days}})\"");
        QuantMiniCamel.create(TestApp.config(temp.resolve("lake"), "http://127.0.0.1:9", Map.of()), counted, false,
                Clock.systemUTC()).start().close();
    }

    /** Where {@code text} first is in {@code file}, as {@code " line N, column M"} (both from 1). */
    private static String lineAndColumn(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return " line " + (i + 1) + ", column " + (lines.get(i).indexOf(text) + 1);
            }
        }
        throw new AssertionError(file + " has no '" + text + "'");
    }

    /** A column of the request's ticker in a dataset fetched by day: its requests name none, so every record fails. */
    @Test
    void aDatasetOfPerTickerBarsIsNotFetchedByDay() throws Exception {
        Path config = TestApp.copyOfConfig(temp.resolve("config-ticker"));
        Path splits = config.resolve("datasets/splits.yaml");
        String yaml = Files.readString(splits);
        assertTrue(yaml.contains("field: ticker"), yaml);
        Files.writeString(splits, yaml.replaceFirst("field: ticker", "from: request_ticker"));
        LocalDate day = LocalDate.of(2024, 1, 3);
        SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(20, day, day, 1), TestApp.calendar());
        Path lake = temp.resolve("lake-ticker");
        try (ReplayServer server = ReplayServer.start(market, 0)) {
            IngestRun run = TestApp.ingest(TestApp.config(config, lake, server.baseUrl(), Map.of()), TestApp.ROUTES_DIR,
                    new IngestRequest("splits", day, day, false));
            assertTrue(run.failed());
            assertEquals(splits + ": column ticker is from: request_ticker, so splits is per-ticker bars, fetched only"
                    + " to patch the days a split made stale for the dataset that names it as its ticker_bars, not by"
                    + " day: nothing fetched", run.abortReason());
            assertEquals(List.of(), server.requestLog());
            assertFalse(Files.exists(lake.resolve("bronze/splits")) || Files.exists(lake.resolve("landing/splits")));
        }
    }

    /** A copy of the shipped routes with the first {@code from} of one file replaced. */
    /** What start-up says when it refuses the routes in {@code routes} (a one-shot command, the shipped config). */
    private ConfigException refusal(Path routes) {
        return assertThrows(ConfigException.class, () -> QuantMiniCamel.create(
                TestApp.config(temp.resolve("lake"), "http://127.0.0.1:9", Map.of()), routes, false, Clock.systemUTC())
                .start());
    }

    /** A copy of the shipped routes with {@code file} added, holding {@code yaml}. */
    private Path routesAnd(String file, String yaml) throws Exception {
        Path routes = temp.resolve("routes-" + Integer.toHexString((file + yaml).hashCode()));
        TestApp.copyTree(TestApp.ROUTES_DIR, routes);
        Files.writeString(routes.resolve(file), yaml);
        return routes;
    }

    private Path routesWith(String file, String from, String to) throws Exception {
        Path routes = temp.resolve("routes-" + Integer.toHexString((file + from + to).hashCode()));
        TestApp.copyTree(TestApp.ROUTES_DIR, routes);
        TestApp.edit(routes.resolve(file), from, to);
        return routes;
    }

    private static List<Double> closes(Path file) throws Exception {
        return BronzeReader.readAll(file).stream().map(r -> ((Number) r.get("close")).doubleValue())
                .collect(Collectors.toList());
    }
}
