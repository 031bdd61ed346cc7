package io.quantmini.app;

import io.quantmini.bronze.BronzeRoutes;
import io.quantmini.ingest.BronzeStage;
import io.quantmini.bronze.DatasetSchema;
import io.quantmini.calendar.MarketDayGaps;
import io.quantmini.calendar.NyseCalendar;
import io.quantmini.config.ConfigException;
import io.quantmini.config.QuantMiniConfig;
import io.quantmini.gold.GoldHandoffConsumer;
import io.quantmini.ingest.BronzeHandoff;
import io.quantmini.ingest.DayOutcomes;
import io.quantmini.lake.HandoffFilter;
import io.quantmini.lake.Handoffs;
import io.quantmini.silver.SilverHandoffConsumer;
import io.quantmini.ingest.IngestPlanner;
import io.quantmini.ingest.IngestRequest;
import io.quantmini.ingest.IngestRun;
import io.quantmini.ingest.ScheduledIngest;
import io.quantmini.lake.LakeLayout;
import io.quantmini.lake.RunLock;
import io.quantmini.landing.LandingStore;
import io.quantmini.polygon.InFlightRequests;
import io.quantmini.polygon.PolygonAuth;
import io.quantmini.polygon.PolygonResponseHandler;
import io.quantmini.polygon.PolygonRetryPolicy;
import io.quantmini.polygon.PolygonRoutes;
import io.quantmini.text.ClassNamePrefix;
import io.quantmini.text.Plural;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.PatternHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The camel-main application: Java supplies the route templates and beans, {@code routes/*.camel.yaml}
 * (read from disk, not from the jar) wires them into datasets, and {@code config/} supplies every setting
 * as a property placeholder. Used both as a one-shot runner by the CLI and as the long-lived scheduled process.
 */
public final class QuantMiniCamel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QuantMiniCamel.class);

    /** How long a stop (SIGTERM) lets in-flight work finish before Camel cuts it off. */
    static final int SHUTDOWN_SECONDS = 10;
    /** Largest response body read in one exact-size array: any the client accepts (ResponseGuard, 32 MB). */
    static final int RESPONSE_BYTES_IN_ONE_READ = 32 << 20;

    private final Main main;
    private final QuantMiniConfig config;
    /** The lake of {@code config}'s data root, made or not yet. */
    private final LakeLayout lake;
    private final BronzeStage bronzeStage;
    private final ScheduledIngest scheduledIngest;
    private final IngestPlanner planner;
    private final Path routesDir;
    /** This application's requests to Polygon in flight: what its stop cuts, and only those; their deadlines' timer. */
    private final InFlightRequests inFlight;
    /** A data root this start made, whose routes then failed to start: taken away again once Camel has stopped. */
    private volatile NewDataRoot refusedRoot;

    private QuantMiniCamel(Main main, QuantMiniConfig config, LakeLayout lake, BronzeStage bronzeStage,
                           ScheduledIngest scheduledIngest, IngestPlanner planner, Path routesDir,
                           InFlightRequests inFlight) {
        this.main = main;
        this.inFlight = inFlight;
        this.config = config;
        this.lake = lake;
        this.bronzeStage = bronzeStage;
        this.scheduledIngest = scheduledIngest;
        this.planner = planner;
        this.routesDir = routesDir;
    }

    /**
     * Builds the application; {@code daemon} starts the quartz schedules and the handoff consumers
     * (only the long-lived `quantmini run` wants them; one-shot commands leave handoffs for it).
     */
    public static QuantMiniCamel create(QuantMiniConfig config, Path routesFolder, boolean daemon, Clock clock) {
        // absolute, as Camel names a route's file: every route error, before Camel and from it, names the same path
        Path routesDir = routesFolder.toAbsolutePath().normalize();
        requireRoutesFolder(routesDir);
        RouteChecks.requireRouteLists(routesDir);
        LakeLayout lake = new LakeLayout(config.checkedDataRoot()); // made once Camel runs and the routes pass
        NyseCalendar calendar = NyseCalendar.load(NyseCalendar.closuresFile(config.configDir()));
        String ignored = IgnoredCamelSettings.warning(System.getenv(), System.getProperties(),
                config.configDir().resolve(QuantMiniConfig.FILE_NAME).toString());
        if (ignored != null) {
            LOG.warn(ignored);
        }

        Main main = new Main();
        main.setInitialProperties(camelProperties(config, routesDir, daemon));
        main.addMainListener(CamelNumberSettings.checkBeforeBinding(camelSettings(config)));
        main.addMainListener(RouteChecks.checkOnceRead());
        InFlightRequests inFlight = new InFlightRequests();
        main.bind("polygonAuth", new PolygonAuth(config.apiKey(), config.baseUrl(),
                QuantMiniConfig.BASE_URL + ", from " + config.origin(QuantMiniConfig.BASE_URL),
                config.requestDeadlineSeconds(), clock, inFlight));
        BronzeStage bronzeStage = new BronzeStage(lake, config.configDir().resolve("datasets"), clock);
        bronzeStage.loadAllSchemas(); // a bad one stops start-up, not the schedule's run hours later
        IngestPlanner planner = new IngestPlanner(calendar, lake, clock,
                dataset -> bronzeStage.writer(dataset).schema());
        main.bind("ingestPlanner", planner);
        main.bind("dayOutcomes", new DayOutcomes());
        main.bind("bronzeStage", bronzeStage);
        ScheduledIngest scheduledIngest = new ScheduledIngest(clock, planner);
        main.bind("scheduledIngest", scheduledIngest);
        main.bind("lateFirings", new LateFirings());
        Handoffs handoffs = new Handoffs(lake, clock);
        main.bind("bronzeHandoff", new BronzeHandoff(handoffs));
        main.bind("handoffFilter", new HandoffFilter(handoffs));
        Path datasets = config.configDir().resolve("datasets");
        Function<String, String> whyNotDailyBars = dataset -> {
            try {
                return DatasetSchema.whyNotDailyBars(datasets, lake, dataset);
            } catch (RuntimeException badSchema) {
                return badSchema.getMessage();
            }
        };
        Function<String, List<String>> calendarWarnings = dataset -> MarketDayGaps.warningsOfBronze(() -> calendar,
                lake.bronzeDataset(dataset), dataset);
        main.bind("silverHandoff", new SilverHandoffConsumer(lake, handoffs, whyNotDailyBars, calendarWarnings));
        main.bind("goldHandoff", new GoldHandoffConsumer(lake, handoffs, config.goldWithFeatures(), whyNotDailyBars));
        main.configure().addRoutesBuilder(new PolygonRoutes(config.baseUrl(),
                new PolygonRetryPolicy(config.maxRetries(), config.retryInitialDelayMillis(),
                        config.retryMaxDelayMillis()),
                new PolygonResponseHandler(new LandingStore(lake), clock, config.apiKey()), bronzeStage::startDay,
                config.requestsPerSecond()));
        main.configure().addRoutesBuilder(new BronzeRoutes());
        return new QuantMiniCamel(main, config, lake, bronzeStage, scheduledIngest, planner, routesDir, inFlight);
    }

    /** The {@code camel.*} settings of quantmini.properties, as written there. */
    private static java.util.Map<String, String> camelSettings(QuantMiniConfig config) {
        java.util.Map<String, String> settings = new java.util.TreeMap<>();
        config.asCamelProperties().forEach((key, value) -> {
            if (key.toString().startsWith("camel.")) {
                settings.put(key.toString(), value.toString());
            }
        });
        return settings;
    }

    static Properties camelProperties(QuantMiniConfig config, Path routesDir, boolean daemon) {
        Properties properties = config.asCamelProperties();
        properties.setProperty(QuantMiniConfig.DAEMON, String.valueOf(daemon));
        properties.setProperty("camel.main.name", "quantmini");
        properties.setProperty("camel.main.routes-include-pattern",
                "file:" + routesDir.toAbsolutePath().normalize() + "/*.camel.yaml");
        properties.setProperty("camel.main.jmx-enabled", "false");
        // No route starts with Camel: start-up starts them once the route checks passed, the lake is made and, for
        // `run`, its lock is held (startRoutes), so a refused run fired no schedule and took no handoff.
        properties.setProperty("camel.main.auto-startup", "false");
        // Camel's settings and the routes' placeholders come from quantmini.properties alone, where start-up checks
        // them. Camel would also read CAMEL_MAIN_*, CAMEL_COMPONENT_*, ... variables and -Dcamel.* properties over
        // them, unchecked, and take a variable QUANTMINI_DATA_ROOT (or -Dquantmini.data-root) over the routes'
        // {{quantmini.data-root}}: the handoff routes then watched another folder than the one the stages write.
        properties.setProperty("camel.main.auto-configuration-environment-variables-enabled", "false");
        properties.setProperty("camel.main.auto-configuration-system-properties-enabled", "false");
        properties.setProperty("camel.component.properties.environment-variable-mode", "0"); // never
        properties.setProperty("camel.component.properties.system-properties-mode", "0");
        // Quartz would still export its scheduler as an MBean (~50 ms of every start); an operator may turn it on.
        properties.putIfAbsent("camel.component.quartz.enable-jmx", "false");
        // Only the daemon runs the schedule: a one-shot command leaves the scheduler's threads unstarted (~40 ms).
        properties.setProperty("camel.component.quartz.auto-start-scheduler", String.valueOf(daemon));
        if (!daemon) {
            // Nor does its exit wait for Quartz's idle worker threads: the wait for running jobs joined them, ~220 ms
            // of every one-shot command. No job runs while the scheduler is not started.
            properties.setProperty("camel.component.quartz.interrupt-jobs-on-shutdown", "true");
        }
        properties.setProperty("camel.main.shutdown-timeout", String.valueOf(SHUTDOWN_SECONDS));
        // One retry layer only: HttpClient's own silent retries of 429/503 are off, our policy owns them.
        properties.setProperty("camel.component.http.automatic-retries-disabled", "true");
        // Polygon authenticates by the bearer header alone: no cookie state to keep, nor a public-suffix list to load
        // for checking cookies (~40 ms of every start).
        properties.setProperty("camel.component.http.cookie-management-disabled", "true");
        // A response with a Content-Length up to this size is read straight into one byte[] of that size. Above it
        // (the default is 8 KB) camel-http copies the body into a stream cache, which our handler then copies again
        // into a byte[] through growing buffers: ~1 MB per grouped-daily page, several copies each. Polygon's gzip
        // answers have no inflated length up front and take the stream cache whatever this says; reading their
        // stream in our handler instead measured no faster (the inflating is what costs).
        properties.setProperty("camel.component.http.response-payload-streaming-threshold",
                String.valueOf(RESPONSE_BYTES_IN_ONE_READ));
        properties.setProperty("quantmini.bronze.max-concurrent",
                String.valueOf(Runtime.getRuntime().availableProcessors()));
        String concurrency = String.valueOf(config.maxConcurrent());
        properties.setProperty("camel.component.http.max-total-connections", concurrency);
        properties.setProperty("camel.component.http.connections-per-route", concurrency);
        String pool = "camel.threadpool.config[" + QuantMiniConfig.POLYGON_POOL + "].";
        properties.setProperty(pool + "pool-size", concurrency);
        properties.setProperty(pool + "max-pool-size", concurrency);
        properties.setProperty(pool + "max-queue-size", "-1");
        return properties;
    }

    /**
     * Starts Camel. A failure here comes from what it was told to run (a route file that is not YAML, a template or
     * endpoint that does not exist): a configuration error, reported with the innermost cause, which holds the
     * file's line and column where the YAML parser gave them. The routes start once they passed their checks and the
     * lake is made.
     */
    public QuantMiniCamel start() {
        try {
            main.start();
        } catch (Exception e) {
            throw startFailure(e);
        }
        try {
            acceptThenStartRoutes(() -> { });
        } catch (RuntimeException e) {
            close();
            undoRefusedRoot(null);
            throw e;
        }
        return this;
    }

    /**
     * Once Camel runs, on either start path: the route checks, the lake made, {@code beforeRoutes} (the daemon's lock),
     * then the routes started, and the warnings about them.
     */
    private void acceptThenStartRoutes(Runnable beforeRoutes) {
        RouteChecks.check(context(), routesDir, config.configDir().resolve("datasets"));
        NewDataRoot made = NewDataRoot.before(config.dataRoot());
        makeLake();
        beforeRoutes.run();
        try {
            startRoutes();
        } catch (RuntimeException e) {
            refusedRoot = made; // a route's consumer failed to start: what this start made goes once Camel stopped
            throw e;
        }
        warnOfRouteOptions();
    }

    /**
     * A start refused by a route that failed to start, once Camel has stopped: the data root it made, if it was not
     * there before, goes again ({@link NewDataRoot}).
     *
     * @param heldLock the daemon's lock file, still held, which goes with it; null for a one-shot command
     */
    private void undoRefusedRoot(Path heldLock) {
        NewDataRoot made = refusedRoot;
        refusedRoot = null;
        if (made != null) {
            made.undo(heldLock);
        }
    }

    /**
     * The run is accepted: its data root is made now, not before, so that a run refused at start-up leaves the file
     * system as it found it.
     */
    private void makeLake() {
        config.writableDataRoot();
        planner.rootMade();
    }

    /**
     * Starts the routes Camel would have started itself (camel.main.auto-startup is off, see {@link #camelProperties}):
     * those whose {@code autoStartup} holds and that Camel's {@code auto-startup-exclude-pattern} does not name, those
     * with a {@code startupOrder} first. A file consumer makes its folder here, a quartz route schedules its trigger.
     */
    private void startRoutes() {
        String exclude = context().getAutoStartupExcludePattern();
        String[] excluded = exclude == null ? new String[0] : exclude.split(",");
        List<Route> routes = new ArrayList<>(context().getRoutes());
        routes.sort(Comparator.comparing(Route::getStartupOrder, Comparator.nullsLast(Comparator.naturalOrder())));
        for (Route route : routes) {
            if (!Boolean.FALSE.equals(route.isAutoStartup())
                    && !PatternHelper.matchPatterns(route.getRouteId(), excluded)
                    && !PatternHelper.matchPatterns(route.getEndpoint().getEndpointUri(), excluded)) {
                try {
                    context().getRouteController().startRoute(route.getRouteId());
                } catch (Exception e) {
                    throw startFailure(e);
                }
            }
        }
        context().setAutoStartup(true); // a route added from now on (a test's advice) starts as Camel would start it
    }

    /**
     * Once the routes run: warns of handoff routes lacking the shipped options ({@link HandoffRouteOptions}) and of a
     * split of the planner's days that is not streaming ({@link PlannedSplitStreaming}).
     */
    private void warnOfRouteOptions() {
        List<String> warnings = new ArrayList<>(HandoffRouteOptions.warnings(context(), lake.handoffs()));
        warnings.addAll(PlannedSplitStreaming.warnings(context()));
        for (String warning : warnings) {
            LOG.warn(warning);
        }
    }

    private ConfigException startFailure(Exception e) {
        for (Throwable cause : chain(e)) {
            if (cause instanceof RouteChecks.Refused refused) {
                return refused;
            }
        }
        // A YAML syntax error names its file, line and column itself; the words it quotes (a template's name, an id)
        // would point at every file that mentions them.
        String what = unbound(e).orElseGet(() -> inWords(e.getMessage()) + causes(e));
        String where = isYamlSyntaxError(e) ? "" : RouteChecks.whereMentioned(routesDir, what);
        Path settings = config.configDir().resolve(QuantMiniConfig.FILE_NAME);
        return new ConfigException("camel failed to start with the routes in " + routesDir + " and the camel.* "
                + "settings of " + settings + ": " + what + where, e);
    }

    /**
     * A {@code camel.*} setting Camel could not bind, in words: Camel's own message names it twice, with the Java
     * object it was bound to ({@code ...MainConfigurationProperties@159f197}). Or those it would misread
     * ({@link CamelNumberSettings}).
     */
    private static java.util.Optional<String> unbound(Throwable failure) {
        for (Throwable cause : chain(failure)) {
            if (cause instanceof CamelNumberSettings.Misread misread) {
                return java.util.Optional.of(misread.getMessage());
            }
            if (cause instanceof org.apache.camel.PropertyBindingException binding && binding.getOptionKey() != null) {
                String name = (binding.getOptionPrefix() == null ? "" : binding.getOptionPrefix())
                        + binding.getOptionKey();
                Throwable under = binding.getCause();
                String why = under == null || under instanceof org.apache.camel.PropertyBindingException ? ""
                        : inWords(under.getMessage());
                return java.util.Optional.of(name + "=" + binding.getValue() + ": Camel has no such setting, or"
                        + " cannot take that value" + (why.length() < 3 ? "" : " (" + why + ")"));
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean isYamlSyntaxError(Throwable failure) {
        return chain(failure).stream()
                .anyMatch(cause -> cause.getClass().getName().startsWith("org.snakeyaml.engine."));
    }

    /** {@code failure} and its causes, outermost first, each once (a cause chain can loop back). */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }

    /**
     * The messages of {@code failure}'s causes that its own message does not already hold, e.g. {@code " (Error
     * creating bean: x of type: ...)"}: Camel's outermost message often names only the file. Messages of fewer than
     * three characters say nothing and are left out, as is a leading Java class name.
     */
    static String causes(Throwable failure) {
        StringBuilder said = new StringBuilder(inWords(failure.getMessage()));
        List<String> added = new ArrayList<>();
        List<Throwable> chain = chain(failure);
        for (Throwable cause : chain.subList(1, chain.size())) {
            String message = inWords(cause.getMessage());
            if (message.length() >= 3 && said.indexOf(message) < 0) {
                added.add(message);
                said.append(' ').append(message);
            }
        }
        return added.isEmpty() ? "" : " (" + String.join("; ", added) + ")";
    }

    /** A message on one line, without the Java class name Camel puts before a cause's message; "" for none. */
    static String inWords(String message) {
        return message == null ? "" : ClassNamePrefix.strip(message.strip().replaceAll("\\s*\\n\\s*", " "));
    }

    /**
     * Starts Camel with the checks of {@link #start} and blocks until the process is told to stop (SIGTERM from
     * launchd/systemd, Ctrl-C): the daemon, one per lake.
     *
     * @throws ConfigException what {@link #start} refuses, or another daemon holding the lake; Camel is stopped again
     */
    public void runUntilStopped() throws Exception {
        runUntilStopped(() -> { });
    }

    /**
     * As {@link #runUntilStopped()}, calling {@code onStarted} once the routes run. Between Camel's start and its
     * routes': the route checks, the lake made, and the lake's daemon lock taken ({@link LakeLayout#daemonLock}), held
     * until Camel has stopped: a second daemon on the lake is refused before a route of its own starts.
     */
    public void runUntilStopped(Runnable onStarted) throws Exception {
        AtomicReference<RuntimeException> refused = new AtomicReference<>();
        AtomicReference<RunLock> held = new AtomicReference<>();
        AtomicReference<Thread> cutter = new AtomicReference<>(); // cuts what a stop left unanswered after a grace
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                try {
                    acceptThenStartRoutes(() -> held.set(onlyDaemon()));
                } catch (RuntimeException e) {
                    refused.set(e);
                    main.completed(); // run() stops Camel and returns
                    return;
                }
                boolean scheduled = context().getRoutes().stream()
                        .anyMatch(route -> route.getEndpoint().getEndpointUri().startsWith("quartz:"));
                if (!scheduled) {
                    LOG.warn("no route in {} starts from quartz: nothing is scheduled, and this process only carries "
                            + "out handoffs (is routes/schedule.camel.yaml missing?)", routesDir);
                }
                onStarted.run();
            }

            @Override
            public void beforeStop(BaseMainSupport stopping) {
                if (refused.get() == null) {
                    if (context().getInflightRepository().size() == 0) {
                        LOG.info("stopping: no work in progress");
                    } else {
                        LOG.info("stopping: work in progress gets {} s to finish; what is left is redone at the next"
                                + " start", SHUTDOWN_SECONDS);
                    }
                    scheduledIngest.stopAll("a signal asked the process to stop (an incremental run fetches the days"
                            + " it left)");
                    cutter.set(cutRequestsAfterGrace());
                }
            }

            @Override
            public void afterStop(BaseMainSupport stopped) {
                Thread waiting = cutter.getAndSet(null);
                if (waiting != null) { // stopped within the grace: what it would cut belongs to nobody here any more
                    waiting.interrupt();
                }
                if (refused.get() == null) { // the journal's last line tells a finished stop from one cut off
                    LOG.info("stopped");
                }
            }
        });
        try {
            main.run();
        } catch (Exception e) {
            throw startFailure(e);
        } finally {
            inFlight.close();
            RunLock lock = held.getAndSet(null);
            // Camel has stopped. The lock file of a root made for nothing goes while held: a next daemon makes its own
            undoRefusedRoot(lock == null ? null : lake.daemonLock());
            if (lock != null) { // a next daemon may start
                lock.close();
            }
        }
        if (refused.get() != null) {
            throw refused.get();
        }
    }

    /** The lake's daemon lock, or a refusal: a second daemon would send every request to Polygon twice. */
    private RunLock onlyDaemon() {
        Path lockFile = lake.daemonLock();
        RunLock only;
        try {
            only = RunLock.tryAcquire(lockFile);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot take the lake's daemon lock " + lockFile + ": "
                    + e.getMessage(), e);
        }
        if (only == null) {
            throw new ConfigException("another `quantmini run` is running on the lake " + config.dataRoot()
                    + " (it holds " + lockFile + "): one daemon per lake; stop that one first");
        }
        return only;
    }

    /**
     * A request still unanswered {@link InFlightRequests#STOP_GRACE_SECONDS} into a stop is cut, as a one-shot ingest
     * does: its day fails cleanly within Camel's shutdown timeout, instead of Camel forcing the stop on a stalled
     * server and dumping the exchanges it was waiting for.
     */
    private Thread cutRequestsAfterGrace() {
        Thread cutter = new Thread(() -> {
            try {
                Thread.sleep(InFlightRequests.STOP_GRACE_SECONDS * 1000L);
            } catch (InterruptedException e) {
                return;
            }
            int cut = inFlight.cutAll();
            if (cut > 0) {
                LOG.info("stopping: {} still unanswered after {} s, cut", Plural.of(cut, "request"),
                        InFlightRequests.STOP_GRACE_SECONDS);
            }
        }, "stop-cut-requests");
        cutter.setDaemon(true);
        cutter.start();
        return cutter;
    }

    /**
     * What the quartz routes fire, as Quartz holds it once they run ({@link Schedules#describe}): one line per
     * trigger, none when no route starts from {@code quartz:}.
     */
    public java.util.List<String> schedules() {
        return Schedules.describe(context());
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** This application's requests to Polygon in flight, for a stop to cut those still unanswered after its grace. */
    public InFlightRequests requestsInFlight() {
        return inFlight;
    }

    /** Runs one ingest through the dataset's route ({@code direct:ingest-<dataset>}) and returns its tally. */
    public IngestRun ingest(IngestRequest request) {
        IngestRun run = new IngestRun(request);
        ingest(run);
        return run;
    }

    /** Runs the ingest {@code run} describes, updating it as days complete (for a progress display). */
    public void ingest(IngestRun run) {
        IngestRequest request = run.request();
        String uri = ingestUri(request.dataset());
        if (context().hasEndpoint(uri) == null) { // a route's consumer registers its endpoint
            throw IngestEndpoints.noRoute(routesDir, request.dataset());
        }
        // a missing or bad schema stops the run here, not as retried day failures
        bronzeStage.writer(request.dataset());
        try (ProducerTemplate template = context().createProducerTemplate()) {
            template.requestBody(uri, run);
        } catch (java.io.IOException e) { // closing the template: the ingest itself has ended
            throw new java.io.UncheckedIOException("cannot close the producer of " + uri, e);
        }
    }

    /** The route files Camel reads from {@code routesDir} ({@code *.camel.yaml}), in name order. */
    public static List<Path> routeFiles(Path routesDir) throws java.io.IOException {
        return RouteChecks.routeFiles(routesDir);
    }

    /** The endpoint a dataset's ingest route consumes: {@code direct:ingest-<dataset>}. */
    public static String ingestUri(String dataset) {
        return "direct:ingest-" + dataset;
    }

    /** Refuses a routes folder that is not there, naming the ways to set it. */
    public static void requireRoutesFolder(Path routesDir) {
        if (!Files.isDirectory(routesDir)) {
            throw new ConfigException("routes folder not found: " + routesDir.toAbsolutePath()
                    + " (set --routes-dir or QUANTMINI_ROUTES_DIR)");
        }
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            throw new IllegalStateException("camel failed to stop cleanly: " + e.getMessage(), e);
        } finally {
            inFlight.close();
        }
    }
}
