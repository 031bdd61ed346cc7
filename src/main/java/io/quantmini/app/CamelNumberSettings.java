package io.quantmini.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantmini.config.QuantMiniConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.CatalogCamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListener;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.util.TimeUtils;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code camel.*} settings of quantmini.properties whose Camel option takes a whole number, checked before Camel
 * binds them. Camel reads such a value as a duration in milliseconds ({@link TimeUtils#toMilliSeconds}), which
 * takes text without a unit it knows as 0: {@code camel.main.shutdownTimeout=abc} became a shutdown timeout of 0,
 * {@code +5} or full-width digits too, and a figure past an int's range wrapped. Which options take a number is
 * Camel's own catalogue: camel-main's configuration metadata, and each component's option list. Options of other maps
 * ({@code camel.rest.endpoint-properties[x]}) have no type there and are left to Camel.
 */
final class CamelNumberSettings {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAIN_METADATA = "META-INF/camel-main-configuration-metadata.json";
    private static final String COMPONENT = "camel.component.";
    private static final Set<String> INTS = Set.of("int", "java.lang.Integer");
    private static final Set<String> LONGS = Set.of("long", "java.lang.Long");
    /**
     * A thread pool profile's option, {@code camel.threadpool.config[name].pool-size}: camel-main's catalogue lists it
     * as the default profile's ({@code camel.threadpool.pool-size}), and Camel reads it the same way.
     */
    private static final Pattern PROFILE = Pattern.compile("^camel\\.threadpool\\.config\\[[^]]*]\\.",
            Pattern.CASE_INSENSITIVE);
    /** What Camel reads as it is meant: its own fast path (digits 0-9, a leading '-'), or a duration such as 1h30m. */
    private static final String READ_AS_MEANT =
            "-?[0-9]+|(?=[0-9])([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?";

    private CamelNumberSettings() {
    }

    /** Refuses, once Camel's context exists and before it binds them, the {@code settings} it would misread. */
    static MainListener checkBeforeBinding(Map<String, String> settings) {
        return new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport main) {
                List<String> problems = problems(main.getCamelContext(), settings);
                if (!problems.isEmpty()) {
                    throw new Misread(String.join("; ", problems));
                }
            }
        };
    }

    /** The settings Camel would misread, each as {@code key=value: why}; none when all are read as meant. */
    static List<String> problems(CamelContext context, Map<String, String> settings) {
        List<String> problems = new ArrayList<>();
        Map<String, String> mainOptions = null;
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String key = setting.getKey();
            String value = RouteChecks.resolved(context, setting.getValue());
            if (value == null || value.startsWith("#") || (value.matches(READ_AS_MEANT) && fitsAnInt(value))) {
                continue; // a bean reference ('#name') is Camel's to look up
            }
            String type;
            if (key.startsWith(COMPONENT)) {
                type = componentOptionType(context, key.substring(COMPONENT.length()));
            } else {
                mainOptions = mainOptions == null ? mainOptions(context) : mainOptions;
                type = mainOptions.get(QuantMiniConfig.camelOptionName(PROFILE.matcher(key).replaceFirst(
                        "camel.threadpool.")));
            }
            if (type == null || !INTS.contains(type) && !LONGS.contains(type)) {
                continue; // Camel's conversion to any other type refuses, by name, what it cannot read
            }
            String why = whyMisread(value, INTS.contains(type));
            if (why != null) {
                problems.add(key + "=" + setting.getValue() + ": " + why);
            }
        }
        return problems;
    }

    /** Why Camel would not read {@code value} as meant for a whole-number option, or null if it would. */
    private static String whyMisread(String value, boolean isInt) {
        Long read = camelReads(value);
        if (!value.matches(READ_AS_MEANT)) {
            return "Camel takes a whole number there (the digits 0-9, or a duration such as 30s)"
                    + (read == null ? "" : ", and would read this as " + (isInt ? read.intValue() : read));
        }
        if (read == null) {
            return "too large: Camel takes a number up to " + Long.MAX_VALUE + " there";
        }
        if (isInt && read != read.intValue()) {
            return "Camel takes a number up to " + Integer.MAX_VALUE + " there, and would read this as "
                    + read.intValue();
        }
        return null;
    }

    /** Whether a value read as a number fits an int: the common case, checked without looking its option up. */
    private static boolean fitsAnInt(String value) {
        Long read = camelReads(value);
        return read != null && read == read.intValue();
    }

    /** The number Camel reads {@code value} as for a whole-number option; null if it fails to (it then says so). */
    private static Long camelReads(String value) {
        try {
            return TimeUtils.toMilliSeconds(value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The Java type of {@code camel.component.<name>.<option>}'s option, from the component's catalogue entry. */
    private static String componentOptionType(CamelContext context, String nameAndOption) {
        int dot = nameAndOption.indexOf('.');
        if (dot < 0 || !(context instanceof CatalogCamelContext catalog)) {
            return null;
        }
        try {
            String schema = catalog.getComponentParameterJsonSchema(nameAndOption.substring(0, dot));
            if (schema == null) {
                return null; // a component Camel does not know: Camel names it
            }
            String option = QuantMiniConfig.camelOptionName(nameAndOption.substring(dot + 1));
            for (var entries = JSON.readTree(schema).path("componentProperties").fields(); entries.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = entries.next();
                if (QuantMiniConfig.camelOptionName(entry.getKey()).equals(option)) {
                    return entry.getValue().path("javaType").asText(null);
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** camel-main's options ({@code camel.main.*}, {@code camel.threadpool.*}, ...) by normal name, with Java types. */
    private static Map<String, String> mainOptions(CamelContext context) {
        Map<String, String> types = new HashMap<>();
        try (InputStream in = context.getClassResolver().loadResourceAsStream(MAIN_METADATA)) {
            if (in == null) {
                return types;
            }
            for (JsonNode option : JSON.readTree(in).path("properties")) {
                types.put(QuantMiniConfig.camelOptionName(option.path("name").asText()),
                        option.path("javaType").asText(null));
            }
        } catch (IOException e) {
            return types;
        }
        return types;
    }

    /** Settings Camel would misread, in words: {@code key=value: why}, each. */
    static final class Misread extends RuntimeException {
        Misread(String problems) {
            super(problems);
        }
    }
}
