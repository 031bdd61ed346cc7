package io.quantmini.app;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quantmini.text.Misspelling;
import org.apache.camel.util.StringHelper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The keys of a route file's templated routes and of their parameters ({@code valu:} for {@code value:},
 * {@code routeTemplateRf:}), checked before Camel reads the file: Camel's YAML DSL refuses any other, but in Java's
 * words ("Error constructing YAML node id: org.apache.camel.model.TemplatedRouteParameterDefinition ... Unsupported
 * field: valu"), without the keys it takes. They are those of Camel 4.22's YAML DSL schema (camelYamlDsl.json,
 * TemplatedRouteDefinition and TemplatedRouteParameterDefinition); like Camel, a key written with dashes
 * ({@code route-id}) is read as the one in camel case ({@code routeId}).
 */
final class TemplatedRouteKeys {

    private static final List<String> OF_TEMPLATED_ROUTE = List.of("routeTemplateRef", "routeId", "parameters",
            "prefixId", "group", "beans");
    private static final List<String> OF_PARAMETER = List.of("name", "value");
    /** Where a key is in the file's list of routes, as a JSON pointer. */
    private static final Pattern TEMPLATED_ROUTE_KEY = Pattern.compile("/\\d+/templatedRoute/[^/]+");
    private static final Pattern PARAMETER_KEY = Pattern.compile("/\\d+/templatedRoute/parameters/\\d+/[^/]+");
    private static final YAMLFactory YAML = new YAMLFactory();

    private TemplatedRouteKeys() {
    }

    /** One problem per key Camel would refuse, with {@code file}'s line and column, in the file's order. */
    static List<String> problems(Path file) throws IOException {
        List<String> problems = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(file.toFile())) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token != JsonToken.FIELD_NAME) {
                    continue;
                }
                String where = parser.getParsingContext().pathAsPointer().toString();
                boolean ofParameter = PARAMETER_KEY.matcher(where).matches();
                List<String> keys = ofParameter ? OF_PARAMETER
                        : TEMPLATED_ROUTE_KEY.matcher(where).matches() ? OF_TEMPLATED_ROUTE : null;
                String key = parser.currentName();
                if (keys != null && !keys.contains(StringHelper.dashToCamelCase(key))) {
                    JsonLocation at = parser.currentTokenLocation();
                    String meant = Misspelling.meant(key, keys);
                    problems.add(file + " line " + at.getLineNr() + ", column " + at.getColumnNr() + ": a"
                            + " templatedRoute" + (ofParameter ? " parameter" : "") + " takes the keys " + listed(keys)
                            + ", not '" + key + "'" + (meant == null ? "" : " (did you mean " + meant + "?)"));
                }
            }
        }
        return problems;
    }

    /** {@code a, b and c}. */
    private static String listed(List<String> keys) {
        return String.join(", ", keys.subList(0, keys.size() - 1)) + " and " + keys.get(keys.size() - 1);
    }
}
