package io.quantmini.cli;

import io.quantmini.config.QuantMiniConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the configuration, the routes and the lake are. {@code config/} and {@code routes/} default to the
 * project's own (the launcher sets {@code QUANTMINI_HOME}), so the CLI works from any working directory.
 */
public final class LakeOptions {

    @Option(names = "--config-dir", paramLabel = "DIR",
            description = "Folder holding quantmini.properties (default: $QUANTMINI_CONFIG_DIR, else <project>/config).")
    Path configDir;

    @Option(names = "--routes-dir", paramLabel = "DIR",
            description = "Folder of *.camel.yaml routes (default: $QUANTMINI_ROUTES_DIR, else <project>/routes).")
    Path routesDir;

    @Option(names = "--data-root", paramLabel = "PATH",
            description = "The lake's root folder (overrides DATA_ROOT and quantmini.data-root).")
    String dataRoot;

    static Path home() {
        String home = System.getenv("QUANTMINI_HOME");
        return home == null || home.isBlank() ? Path.of("") : Path.of(home);
    }

    Path configDir() {
        return configDir != null ? configDir : fromEnvironment("QUANTMINI_CONFIG_DIR", home().resolve("config"));
    }

    Path routesDir() {
        return routesDir != null ? routesDir : fromEnvironment("QUANTMINI_ROUTES_DIR", home().resolve("routes"));
    }

    QuantMiniConfig load(Map<String, String> extraOverrides) {
        Map<String, String> overrides = new HashMap<>(extraOverrides);
        if (dataRoot != null) {
            overrides.put(QuantMiniConfig.DATA_ROOT, dataRoot);
        }
        return QuantMiniConfig.load(configDir(), System.getenv(), overrides);
    }

    private static Path fromEnvironment(String variable, Path fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Path.of(value);
    }
}
