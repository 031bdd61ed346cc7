package io.quantmini.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quantmini.config.ConfigException;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.RouteTemplateParameterDefinition;
import org.apache.camel.model.ToDefinition;

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

/**
 * Mistakes in {@code routes/*.camel.yaml} that Camel accepts but that cannot work, checked once the routes are
 * loaded, so that an operator's typo stops start-up with the file named instead of failing days at run time:
 * <ul>
 *   <li>a {@code templatedRoute} parameter that a template of ours (Java) does not declare: Camel ignores it, so a
 *       misspelled {@code query} sends every request without its query;</li>
 *   <li>a {@code to: direct:...} that no route consumes (unless it says {@code failIfNoConsumers=false}): Camel
 *       waits 30 s for a consumer for every message, then fails it with a stack trace that names neither the file
 *       nor the typo;</li>
 *   <li>a quartz {@code trigger.timeZone} Quartz does not know ({@code America/NewYork}): it reads it as GMT without
 *       a word, and the schedule fires hours off.</li>
 * </ul>
 */
final class RouteChecks {

    private RouteChecks() {
    }

    /** @throws ConfigException naming every problem found, with its file */
    static void check(CamelContext context, Path routesDir) {
        List<String> problems = new ArrayList<>();
        ModelCamelContext model = (ModelCamelContext) context;
        problems.addAll(undeclaredTemplateParameters(model, routesDir));
        problems.addAll(directsWithoutConsumer(context, model));
        problems.addAll(unknownScheduleZones(context));
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("; ", problems));
        }
    }

    private static List<String> undeclaredTemplateParameters(ModelCamelContext model, Path routesDir) {
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
        YAMLMapper yaml = new YAMLMapper();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(routesDir, "*.camel.yaml")) {
            for (Path file : files) {
                if (file.getFileName().toString().startsWith(".") || !Files.isRegularFile(file)) {
                    continue; // an editor's lock file: a link to nowhere
                }
                JsonNode root = yaml.readTree(file.toFile()); // Camel has read it already: it parses
                for (JsonNode entry : root == null ? List.<JsonNode>of() : iterable(root)) {
                    JsonNode templated = entry.get("templatedRoute");
                    if (templated == null) {
                        continue;
                    }
                    Set<String> names = declared.get(templated.path("routeTemplateRef").asText());
                    if (names == null) {
                        continue; // Camel refuses an unknown template itself
                    }
                    for (JsonNode parameter : iterable(templated.path("parameters"))) {
                        String name = parameter.path("name").asText();
                        if (!names.contains(name)) {
                            problems.add(file + ": templatedRoute " + templated.path("routeId").asText("(no routeId)")
                                    + ": parameter '" + name + "' is not one of template "
                                    + templated.path("routeTemplateRef").asText() + "'s " + names);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new ConfigException("cannot read the routes in " + routesDir + ": " + e.getMessage(), e);
        }
        return problems;
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node.isArray() ? node : List.of();
    }

    private static List<String> directsWithoutConsumer(CamelContext context, ModelCamelContext model) {
        Set<String> consumed = new TreeSet<>();
        for (Route route : context.getRoutes()) {
            String name = directName(route.getEndpoint().getEndpointUri());
            if (name != null) {
                consumed.add(name);
            }
        }
        List<String> problems = new ArrayList<>();
        for (RouteDefinition route : model.getRouteDefinitions()) {
            for (ToDefinition to : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), ToDefinition.class)) {
                String uri;
                try {
                    uri = context.resolvePropertyPlaceholders(to.getEndpointUri());
                } catch (RuntimeException templateLocal) {
                    continue; // a template's own placeholder: its routes' endpoints are checked by Camel
                }
                String name = directName(uri);
                if (name != null && !consumed.contains(name) && !uri.contains("failIfNoConsumers=false")) {
                    String where = route.getResource() != null ? route.getResource().getLocation().replaceFirst("^file:", "")
                            + ": " : "";
                    problems.add(where + "route " + route.getId() + " sends to direct:" + name
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
