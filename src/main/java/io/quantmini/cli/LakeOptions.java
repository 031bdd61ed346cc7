package io.quantmini.cli;

import io.quantmini.config.ConfigException;
import io.quantmini.config.QuantMiniConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the configuration and the lake are. {@code config/} defaults to the project's own (the launcher sets
 * {@code QUANTMINI_HOME}), so the CLI works from any working directory; {@link RoutesOption} does the same for
 * {@code routes/}.
 */
public final class LakeOptions {

    @Option(names = "--config-dir", paramLabel = "DIR",
            description = "Folder holding quantmini.properties, datasets/, calendar/ and the key's"
                    + " credentials.yaml (a copy of the project's config/; default: $QUANTMINI_CONFIG_DIR, else"
                    + " <project>/config).")
    Path configDir;

    /** demo, whose lake is ./demo-lake unless given, states its own default (DemoCommand.properties). */
    @Option(names = "--data-root", paramLabel = "PATH",
            description = "The lake's root folder (default: DATA_ROOT, else quantmini.data-root, which is ./data as"
                    + " shipped).")
    String dataRoot;

    static Path home() {
        String home = System.getenv("QUANTMINI_HOME");
        return home == null || home.isBlank() ? Path.of("") : Path.of(home);
    }

    /** The config folder, absolute and normalized as {@link QuantMiniConfig#load} keeps it, for what reads it alone. */
    Path configDir() {
        Path folder = configDir != null ? given("--config-dir", configDir)
                : fromEnvironment("QUANTMINI_CONFIG_DIR", home().resolve("config"));
        return folder.toAbsolutePath().normalize();
    }

    /** A folder option as given: an empty one would be the working directory, which nobody means. */
    static Path given(String option, Path folder) {
        if (folder.toString().isBlank()) {
            throw new ConfigException(option + " is empty: give a folder");
        }
        return folder;
    }

    QuantMiniConfig load(Map<String, String> extraOverrides) {
        Map<String, String> overrides = new HashMap<>(extraOverrides);
        if (dataRoot != null) {
            overrides.put(QuantMiniConfig.DATA_ROOT, dataRoot);
        }
        return QuantMiniConfig.load(configDir(), System.getenv(), overrides);
    }

    static Path fromEnvironment(String variable, Path fallback) {
        String value = System.getenv(variable);
        if (QuantMiniConfig.isSpacesOnly(value)) {
            throw new ConfigException(QuantMiniConfig.spacesOnly(variable));
        }
        return value == null || value.isEmpty() ? fallback : Path.of(value);
    }
}
