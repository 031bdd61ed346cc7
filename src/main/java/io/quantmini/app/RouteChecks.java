package io.quantmini.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quantmini.bronze.BronzeRoutes;
import io.quantmini.bronze.DatasetSchema;
import io.quantmini.config.ConfigException;
import io.quantmini.config.YamlSyntax;
import io.quantmini.ingest.DayTask;
import io.quantmini.ingest.ScheduledIngest;
import io.quantmini.polygon.PolygonRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListener;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.RouteTemplateParameterDefinition;
import org.apache.camel.spi.ResourceAware;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mistakes in {@code routes/*.camel.yaml} that Camel accepts but that cannot work, checked once the routes are
 * loaded, so that an operator's typo stops start-up with the file named instead of failing days at run time:
 * <ul>
 *   <li>a {@code templatedRoute} parameter that a template of ours (Java) does not declare: Camel ignores it, so a
 *       misspelled {@code query} sends every request without its query;</li>
 *   <li>a {@code to: direct:...} that no route consumes (unless it says {@code failIfNoConsumers=false}): Camel
 *       waits 30 s for a consumer for every message, then fails it with a stack trace that names neither the file
 *       nor the typo; a {@code toD} without {@code ${...}}, a wireTap, a constant enrich or recipientList too
 *       ({@link StepSends});</li>
 *   <li>a quartz {@code trigger.timeZone} Quartz does not know ({@code America/NewYork}): it reads it as GMT without
 *       a word, and the schedule fires hours off;</li>
 *   <li>a dataset named by a route ({@code dataset} parameter, {@code lastDays('x', ...)}) with no schema in
 *       {@code config/datasets/}: every run of it, or every firing of the schedule, would fail;</li>
 *   <li>a {@code polygon-fetch} path or query with a placeholder the fetcher does not fill ({@code {dat}}, sent to
 *       Polygon as it is), or with no day in it at all ({@code {date}}, {@code {since}}): every day would get the
 *       same answer, written as its own;</li>
 *   <li>a dataset's ingest route that sends its days to another dataset's fetch or bronze route (a copied file with a
 *       name left unchanged): its days would be fetched from the other endpoint and filed as its own;</li>
 *   <li>a schedule's {@code lastDays(...)} step not followed by {@code to: direct:scheduled-ingest}: its dataset would
 *       never be fetched;</li>
 *   <li>a split of the planner's days without {@code dayOutcomes}, or with it but no planner
 *       ({@link PlannedSplitOutcomes});</li>
 *   <li>a bean, bean method, thread pool, aggregation strategy or send's component a step names that is not there,
 *       or a bean method given another number of arguments than it takes ({@link StepReferences}): Camel refuses the
 *       first in Java's words, naming neither the file nor the names there are, and the second only when the step
 *       runs.
 *       Checked once Camel has read the routes, before it makes them ({@link #checkOnceRead}).</li>
 * </ul>
 */
final class RouteChecks {

    private RouteChecks() {
    }

    /**
     * Once Camel has read the routes, before it makes them (where it would refuse these in Java's words): the names
     * their steps look up ({@link StepReferences}).
     *
     * @throws Refused naming every problem found, with its file
     */
    static MainListener checkOnceRead() {
        return new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport main) {
                List<String> problems = StepReferences.problems(main.getCamelContext(), main.getInitialProperties());
                if (!problems.isEmpty()) {
                    throw new Refused(String.join("; ", problems));
                }
            }
        };
    }

    /** What {@link #checkOnceRead} refuses, from within Camel's start: said as it is, not as Camel's failure. */
    static final class Refused extends ConfigException {
        Refused(String problems) {
            super(problems);
        }
    }

    /** @throws ConfigException naming every problem found, with its file */
    static void check(CamelContext context, Path routesDir, Path datasetsDir) {
        List<String> problems = new ArrayList<>();
        ModelCamelContext model = (ModelCamelContext) context;
        List<RouteFile> files = RouteFile.readAll(routesDir);
        Set<String> consumed = consumedDirects(context);
        problems.addAll(undeclaredTemplateParameters(model, files));
        problems.addAll(datasetsAndRequests(context, files, datasetsDir, consumed));
        problems.addAll(directsWithoutConsumer(context, model, consumed));
        problems.addAll(ingestsSentToAnotherDataset(context, model, files, consumed));
        problems.addAll(scheduledRunsNotSent(model));
        problems.addAll(PlannedSplitOutcomes.problems(context));
        problems.addAll(unknownScheduleZones(context));
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("; ", problems));
        }
    }

    private static List<String> undeclaredTemplateParameters(ModelCamelContext model, List<RouteFile> files) {
        Map<String, Set<String>> declared = new HashMap<>();
        for (RouteTemplateDefinition template : model.getRouteTemplateDefinitions()) {
            if (template.getResource() != null) {
                continue; // a template of the routes folder: Camel lets it use parameters it does not declare
            }
            Set<String> names = new TreeSet<>();
            for (RouteTemplateParameterDefinition parameter : template.getTemplateParameters()) {
                names.add(parameter.getName());
            }
            declared.put(template.getId(), names);
        }
        List<String> problems = new ArrayList<>();
        for (RouteFile file : files) {
            for (JsonNode templated : file.templatedRoutes()) {
                Set<String> names = declared.get(templated.path("routeTemplateRef").asText());
                if (names == null) {
                    continue; // Camel refuses an unknown template itself
                }
                for (JsonNode parameter : iterable(templated.path("parameters"))) {
                    String name = parameter.path("name").asText();
                    if (!names.contains(name)) {
                        problems.add(file.where(templated) + "parameter '" + name + "' is not one of template "
                                + templated.path("routeTemplateRef").asText() + "'s " + names);
                    }
                }
            }
        }
        return problems;
    }

    /** {@code {name}}, not Camel's {@code {{property}}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("(?<!\\{)\\{([^{}]*)}(?!})");
    /** The placeholders that tell the days apart: a request needs one, or every day gets the same answer. */
    private static final Set<String> DAY_PLACEHOLDERS = Set.of("date", DayTask.SINCE_VAR, DayTask.WINDOW_START_VAR,
            DayTask.WINDOW_END_VAR);
    private static final Pattern LAST_DAYS = Pattern.compile("lastDays\\(\\s*'([^']*)'");

    /** @param consumed the {@code direct:} endpoints the routes consume ({@link #consumedDirects}) */
    private static List<String> datasetsAndRequests(CamelContext context, List<RouteFile> files, Path datasetsDir,
                                                    Set<String> consumed) {
        List<String> problems = new ArrayList<>();
        for (RouteFile file : files) {
            Set<String> datasets = new TreeSet<>();
            Set<String> scheduled = new TreeSet<>();
            for (JsonNode templated : file.templatedRoutes()) {
                Map<String, String> parameters = parameters(context, templated);
                String template = templated.path("routeTemplateRef").asText();
                if (!template.equals(PolygonRoutes.FETCH_TEMPLATE) && !template.equals(BronzeRoutes.WRITE_TEMPLATE)) {
                    continue; // an operator's own template
                }
                if (parameters.containsKey("dataset")) {
                    datasets.add(parameters.get("dataset"));
                }
                if (template.equals(PolygonRoutes.FETCH_TEMPLATE)) {
                    problems.addAll(requestProblems(file.where(templated),
                            parameters.getOrDefault("path", "") + "?" + parameters.getOrDefault("query", "")));
                }
            }
            for (String text : file.texts()) { // the YAML's values: a step commented out names nothing
                Matcher lastDays = LAST_DAYS.matcher(text);
                while (lastDays.find()) {
                    String dataset = resolved(context, lastDays.group(1));
                    if (dataset != null) {
                        datasets.add(dataset);
                        scheduled.add(dataset);
                    }
                }
            }
            for (String dataset : datasets) {
                if (DatasetSchema.whyUnknown(datasetsDir, dataset) != null) {
                    problems.add(file.path() + ": dataset '" + dataset + "' has no schema "
                            + datasetsDir.resolve(dataset + ".yaml"));
                }
            }
            for (String dataset : scheduled) { // the schedule sends the run to its ingest route by name (a toD)
                String ingest = directName(QuantMiniCamel.ingestUri(dataset));
                if (!consumed.contains(ingest)) {
                    problems.add(file.path() + ": lastDays('" + dataset + "', ...) sends its run to direct:" + ingest
                            + ", which no route consumes (the direct endpoints consumed are " + consumed + ")");
                }
            }
        }
        return problems;
    }

    /** A templated route's parameters, with Camel's properties filled in (one it cannot fill left out). */
    private static Map<String, String> parameters(CamelContext context, JsonNode templated) {
        Map<String, String> parameters = new HashMap<>();
        for (JsonNode parameter : iterable(templated.path("parameters"))) {
            String value = resolved(context, parameter.path("value").asText());
            if (value != null) { // else a property Camel cannot fill here (a template's own): Camel reports it
                parameters.put(parameter.path("name").asText(), value);
            }
        }
        return parameters;
    }

    /**
     * A dataset's ingest route ({@code direct:ingest-<x>}) that sends its days to the fetch or bronze route of another
     * dataset: a route file copied from another dataset's with a {@code to:} not renamed. Its days would be fetched
     * from the other dataset's endpoint and filed as its own, with no error (the fields its schema does not find are
     * only null), while its own fetch and bronze routes sit unused. Only a dataset with an ingest route of its own
     * counts as another: stocks_daily's per-ticker fetch ({@code ticker_bars}, which patches the days a split made
     * stale) has none.
     *
     * @param consumed the {@code direct:} endpoints the routes consume ({@link #consumedDirects})
     */
    private static List<String> ingestsSentToAnotherDataset(CamelContext context, ModelCamelContext model,
                                                            List<RouteFile> files, Set<String> consumed) {
        Map<String, String> templateRoutes = new HashMap<>(); // direct name -> "the fetch route of dataset y"
        for (RouteFile file : files) {
            for (JsonNode templated : file.templatedRoutes()) {
                String dataset = parameters(context, templated).get("dataset");
                String template = templated.path("routeTemplateRef").asText();
                if (dataset != null && template.equals(PolygonRoutes.FETCH_TEMPLATE)) {
                    templateRoutes.put(dataset + "-fetch", dataset);
                } else if (dataset != null && template.equals(BronzeRoutes.WRITE_TEMPLATE)) {
                    templateRoutes.put(dataset + "-bronze", dataset);
                }
            }
        }
        String ingestPrefix = directName(QuantMiniCamel.ingestUri(""));
        List<String> problems = new ArrayList<>();
        for (RouteDefinition route : model.getRouteDefinitions()) {
            String input = route.getInput() == null ? null : directName(resolved(context,
                    route.getInput().getEndpointUri()));
            if (input == null || !input.startsWith(ingestPrefix)) {
                continue;
            }
            String dataset = input.substring(ingestPrefix.length());
            for (StepSends.Send send : staticSends(context, route)) {
                String target = directName(send.uri());
                String other = templateRoutes.get(target);
                if (other != null && !other.equals(dataset) && consumed.contains(ingestPrefix + other)) {
                    problems.add(where(route) + "route " + route.getId() + " ingests " + dataset + " but sends its days"
                            + " to direct:" + target + ", the " + (target.endsWith("-fetch") ? "fetch" : "bronze")
                            + " route of dataset " + other + " (a copied route file with a name left unchanged?):"
                            + " its days would be " + (target.endsWith("-fetch") ? "asked of " + other + "'s endpoint"
                            : "written by " + other + "'s route") + " and filed as " + dataset + "'s");
                }
            }
        }
        return problems;
    }

    /**
     * A {@code lastDays(...)} bean step not followed at once by {@code to: direct:scheduled-ingest}: the run it makes
     * is the exchange's body, which the next {@code lastDays} replaces, so that dataset would never be fetched, firing
     * after firing, without a word.
     */
    private static List<String> scheduledRunsNotSent(ModelCamelContext model) {
        List<String> problems = new ArrayList<>();
        for (RouteDefinition route : model.getRouteDefinitions()) {
            for (List<ProcessorDefinition<?>> steps : RouteSteps.sequences(route)) {
                runsNotSent(model, route, steps, problems);
            }
        }
        return problems;
    }

    private static void runsNotSent(CamelContext context, RouteDefinition route, List<ProcessorDefinition<?>> steps,
                                    List<String> problems) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof BeanDefinition bean && bean.getMethod() != null
                    && LAST_DAYS.matcher(bean.getMethod()).find()) {
                boolean sent = i + 1 < steps.size() && StepSends.of(context, steps.get(i + 1)).stream()
                        .anyMatch(send -> !send.dynamic() && directName(ScheduledIngest.ROUTE)
                                .equals(directName(send.uri())));
                if (!sent) {
                    problems.add(where(route) + "route " + route.getId() + ": the bean step " + bean.getMethod()
                            + " is not followed by a step 'to: " + ScheduledIngest.ROUTE + "', which runs what it"
                            + " plans: that dataset would never be fetched");
                }
            }
        }
    }

    /**
     * The endpoints {@code route} sends to that its file fixes ({@link StepSends}: a {@code to:}, a {@code toD:}
     * without {@code ${...}}, ...), a doCatch's and doFinally's too ({@link RouteSteps}).
     */
    private static List<StepSends.Send> staticSends(CamelContext context, RouteDefinition route) {
        List<StepSends.Send> sends = new ArrayList<>();
        for (ProcessorDefinition<?> step : RouteSteps.of(route)) {
            for (StepSends.Send send : StepSends.of(context, step)) {
                if (!send.dynamic()) {
                    sends.add(send);
                }
            }
        }
        return sends;
    }

    /** The file of a route (or routeConfiguration), as {@code "<file>: "}, or "" for a route of ours (Java). */
    static String where(ResourceAware route) {
        return route.getResource() != null ? route.getResource().getLocation().replaceFirst("^file:", "") + ": " : "";
    }

    /**
     * {@code text} with Camel's {@code {{property}}} placeholders filled, as the routes see it; null if not possible.
     */
    static String resolved(CamelContext context, String text) {
        try {
            return context.resolvePropertyPlaceholders(text);
        } catch (RuntimeException unresolved) {
            return null;
        }
    }

    private static List<String> requestProblems(String where, String request) {
        List<String> problems = new ArrayList<>();
        Set<String> found = new TreeSet<>();
        Matcher placeholder = PLACEHOLDER.matcher(request);
        while (placeholder.find()) {
            found.add(placeholder.group(1));
        }
        for (String name : found) {
            if (!DayTask.PLACEHOLDERS.contains(name)) {
                problems.add(where + "{" + name + "} in " + request + " is not a placeholder the fetcher fills ({date},"
                        + " {since}, {window_start}, {window_end}; {ticker} and {from} for per-ticker bars)");
            }
        }
        if (found.stream().noneMatch(DAY_PLACEHOLDERS::contains)) {
            problems.add(where + "the request " + request + " names no day ({date}, {since}, {window_start} or"
                    + " {window_end}): every day would get the same answer");
        }
        return problems;
    }

    /**
     * The route files Camel reads from {@code routesDir} ({@code *.camel.yaml}), in name order, without an editor's
     * lock files (links to nowhere).
     */
    static List<Path> routeFiles(Path routesDir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(routesDir, "*.camel.yaml")) {
            for (Path file : found) {
                if (!file.getFileName().toString().startsWith(".") && Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        }
        files.sort(null);
        return files;
    }

    /**
     * Before Camel reads them: each route file must be valid YAML (Camel's report of a syntax error can blame an empty
     * file, or leave the file's routes out and name a missing route instead), a list of routes, without a key given
     * twice. Camel itself only warns about a file that is a mapping (its routes, a handoff consumer say, are then
     * missing while the daemon looks healthy), accepts an empty list, and takes the last of two equal keys (a second
     * {@code value:} under a template parameter replaced the first without a word). Then the keys of the files'
     * templated routes and their parameters ({@link TemplatedRouteKeys}: Camel refuses a misspelled one in Java's
     * words), and, on the same trees, no name given twice ({@link #requireNamesGivenOnce}).
     */
    static void requireRouteLists(Path routesDir) {
        YAMLMapper yaml = YAMLMapper.builder()
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        List<Path> files;
        try {
            files = routeFiles(routesDir);
        } catch (IOException e) {
            throw new ConfigException("cannot list the routes in " + routesDir + ": " + e.getMessage(), e);
        }
        List<RouteFile> parsed = new ArrayList<>();
        List<String> unknownKeys = new ArrayList<>();
        for (Path file : files) {
            JsonNode root;
            try {
                root = yaml.readTree(file.toFile());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                if (!e.getOriginalMessage().startsWith("Duplicate field")) { // Camel's own report can miss the file
                    throw new ConfigException(file + YamlSyntax.position(file, e) + ": not valid YAML: "
                            + YamlSyntax.problem(e), e);
                }
                throw new ConfigException(file + YamlSyntax.position(file, e) + ": " + e.getOriginalMessage().lines()
                        .findFirst().orElse("")
                        .replace("Duplicate field", "a key given twice:") + " (which one is meant?)");
            } catch (IOException e) {
                throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
            }
            if (root == null || root.isMissingNode()) {
                throw new ConfigException(file + ": holds no routes (it is empty, or comments only), which Camel"
                        + " refuses: delete the file, or put routes in it");
            }
            if (!root.isArray() || root.isEmpty()) {
                throw new ConfigException(file + ": not a list of routes (each entry '- route:', '- templatedRoute:',"
                        + " ...), but " + (root.isArray() ? "an empty list" : root.isObject() ? "a mapping"
                        : "a single value") + "; Camel would leave the file's routes out");
            }
            parsed.add(new RouteFile(file, root));
            try {
                unknownKeys.addAll(TemplatedRouteKeys.problems(file));
            } catch (IOException e) {
                throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        if (!unknownKeys.isEmpty()) {
            throw new ConfigException(String.join("; ", unknownKeys));
        }
        requireNamesGivenOnce(parsed);
    }

    /**
     * Before Camel reads them: a name the route files give twice, which a route file copied from another with a name
     * left unchanged does, and which Camel would report as something else or not at all. Two templated routes with
     * one {@code routeId} (Camel keeps one: the other's {@code direct:} input is then said to have no consumer), or
     * two routes consuming one {@code direct:} endpoint (an ingest of the other dataset's, named by neither file).
     * Each is named with both files.
     */
    private static void requireNamesGivenOnce(List<RouteFile> files) {
        Map<String, List<String>> templatedIds = new java.util.TreeMap<>();
        Map<String, List<String>> directInputs = new java.util.TreeMap<>();
        for (RouteFile file : files) {
            for (JsonNode templated : file.templatedRoutes()) {
                String id = templated.path("routeId").asText("");
                if (!id.isEmpty()) {
                    templatedIds.computeIfAbsent(id, k -> new ArrayList<>()).add(file.path().toString());
                }
            }
            for (JsonNode entry : iterable(file.root())) {
                JsonNode route = entry.path("route");
                String input = directName(route.path("from").path("uri").asText(""));
                if (input != null) {
                    directInputs.computeIfAbsent(input, k -> new ArrayList<>()).add(file.path() + " (route "
                            + route.path("id").asText("without an id") + ")");
                }
            }
        }
        List<String> problems = new ArrayList<>();
        templatedIds.forEach((id, givenIn) -> {
            if (givenIn.size() > 1) {
                problems.add("the templatedRoute routeId '" + id + "' is given " + givenIn.size() + " times, in "
                        + String.join(" and ", givenIn) + ": Camel would keep one of them (a route file copied from"
                        + " another with its routeId left unchanged?)");
            }
        });
        directInputs.forEach((name, routes) -> {
            if (routes.size() > 1) {
                problems.add(routes.size() + " routes consume direct:" + name + ", in " + String.join(" and ", routes)
                        + ": a direct endpoint takes one (a route file copied from another with its from: left"
                        + " unchanged?)");
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("; ", problems));
        }
    }

    /** One route file as a YAML tree. */
    private record RouteFile(Path path, JsonNode root) {

        /** Once Camel has read them: every file parses. */
        static List<RouteFile> readAll(Path routesDir) {
            YAMLMapper yaml = new YAMLMapper();
            List<RouteFile> files = new ArrayList<>();
            try {
                for (Path file : routeFiles(routesDir)) {
                    files.add(new RouteFile(file, yaml.readTree(file.toFile())));
                }
            } catch (IOException e) {
                throw new ConfigException("cannot read the routes in " + routesDir + ": " + e.getMessage(), e);
            }
            return files;
        }

        List<JsonNode> templatedRoutes() {
            List<JsonNode> templated = new ArrayList<>();
            for (JsonNode entry : root == null ? List.<JsonNode>of() : iterable(root)) {
                if (entry.has("templatedRoute")) {
                    templated.add(entry.get("templatedRoute"));
                }
            }
            return templated;
        }

        /** Every text value of the file (keys and comments left out). */
        List<String> texts() {
            List<String> texts = new ArrayList<>();
            List<JsonNode> pending = new ArrayList<>(root == null ? List.of() : List.of(root));
            while (!pending.isEmpty()) {
                JsonNode node = pending.remove(pending.size() - 1);
                if (node.isTextual()) {
                    texts.add(node.asText());
                }
                node.elements().forEachRemaining(pending::add);
            }
            return texts;
        }

        String where(JsonNode templated) {
            return path + ": templatedRoute " + templated.path("routeId").asText("(no routeId)") + ": ";
        }
    }

    private static final Pattern ID_LINE =
            Pattern.compile("^\\s*(?:-\\s*)?(?:id|routeId|routeTemplateRef)\\s*:\\s*[\"']?([\\w.-]+)[\"']?\\s*$");

    /**
     * Where the route files name the ids a Camel start-up failure quotes ({@code Duplicate route ids detected: x},
     * {@code Cannot find RouteTemplate with id y}, {@code Failed to start route: z}), as {@code " (file line N, ...)"},
     * or "" when none is found: Camel's own message names the id but not the file.
     */
    static String whereMentioned(Path routesDir, String message) {
        if (message == null || routesDir == null || !Files.isDirectory(routesDir)) {
            return "";
        }
        Set<String> quoted = new java.util.HashSet<>();
        for (String word : message.split("[^\\w.-]+")) {
            quoted.add(word.replaceAll("\\.+$", "")); // "ids detected: splits-ingest. Please ..."
        }
        List<String> places = new ArrayList<>();
        try {
            for (Path file : routeFiles(routesDir)) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher id = ID_LINE.matcher(lines.get(i));
                    if (id.matches() && quoted.contains(id.group(1))) {
                        places.add(file + " line " + (i + 1));
                    }
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return ""; // the failure itself is what the user needs; this only adds where
        }
        places.sort(null);
        if (places.isEmpty()) {
            return "";
        }
        List<String> shown = places.subList(0, Math.min(4, places.size()));
        return " (see " + String.join(", ", shown) + (places.size() > shown.size() ? ", ..." : "") + ")";
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node.isArray() ? node : List.of();
    }

    /** The names of the {@code direct:} endpoints the routes consume. */
    private static Set<String> consumedDirects(CamelContext context) {
        Set<String> consumed = new TreeSet<>();
        for (Route route : context.getRoutes()) {
            String name = directName(route.getEndpoint().getEndpointUri());
            if (name != null) {
                consumed.add(name);
            }
        }
        return consumed;
    }

    private static List<String> directsWithoutConsumer(CamelContext context, ModelCamelContext model,
                                                       Set<String> consumed) {
        List<String> problems = new ArrayList<>();
        for (RouteSteps.Placed placed : RouteSteps.placed(model)) {
            for (StepSends.Send send : StepSends.of(context, placed.step())) { // a template's own placeholder: left out
                String name = send.dynamic() ? null : directName(send.uri());
                if (name != null && !consumed.contains(name) && !send.uri().contains("failIfNoConsumers=false")) {
                    problems.add(placed.where() + " sends to direct:" + name + send.inStep()
                            + ", which no route consumes (the direct endpoints consumed are " + consumed + ")");
                }
            }
        }
        return problems;
    }

    private static List<String> unknownScheduleZones(CamelContext context) {
        List<String> problems = new ArrayList<>();
        for (Route route : context.getRoutes()) {
            if (route.getEndpoint() instanceof org.apache.camel.component.quartz.QuartzEndpoint quartz) {
                String zone = quartz.getTriggerParameters() == null ? null
                        : (String) quartz.getTriggerParameters().get("timeZone");
                // an ID TimeZone does not know comes back as GMT (one it knows may come back normalised: GMT+5)
                if (zone != null && java.util.TimeZone.getTimeZone(zone).getID().equals("GMT") && !zone.equals("GMT")) {
                    String where = route.getSourceLocation() != null
                            ? route.getSourceLocation().replaceFirst("^file:", "") + ": " : "";
                    problems.add(where + "route " + route.getId() + ": trigger.timeZone '" + zone + "' is unknown to"
                            + " Quartz, which would read it as GMT");
                }
            }
        }
        return problems;
    }

    /** The name of a {@code direct:} endpoint URI, without options; null for any other component. */
    private static String directName(String uri) {
        if (uri == null || !uri.startsWith("direct:")) {
            return null;
        }
        String name = uri.substring("direct:".length()).replaceFirst("^//", "");
        int options = name.indexOf('?');
        return options < 0 ? name : name.substring(0, options);
    }
}
