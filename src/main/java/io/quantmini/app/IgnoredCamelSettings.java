package io.quantmini.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The Camel settings given outside quantmini.properties, which Camel is told not to read ({@link QuantMiniCamel}'s
 * camel properties): {@code CAMEL_*} environment variables and {@code -Dcamel.*} system properties. An operator who
 * set one expects it to apply, so start-up names them once, without their values (one may hold a secret).
 */
final class IgnoredCamelSettings {

    private IgnoredCamelSettings() {
    }

    /** The warning naming what {@code environment} and {@code systemProperties} give Camel in vain, or null. */
    static String warning(Map<String, String> environment, Properties systemProperties, String settingsFile) {
        List<String> ignored = new ArrayList<>();
        new TreeSet<>(environment.keySet()).stream()
                .filter(name -> name.toUpperCase(Locale.ROOT).startsWith("CAMEL_"))
                .forEach(name -> ignored.add("environment variable " + name));
        new TreeSet<>(systemProperties.stringPropertyNames()).stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).startsWith("camel."))
                .forEach(name -> ignored.add("system property -D" + name));
        if (ignored.isEmpty()) {
            return null;
        }
        return "ignored: " + String.join(", ", ignored) + ". Camel's settings are read from " + settingsFile
                + " alone, where start-up checks them: put them there (as camel.* keys)";
    }
}
