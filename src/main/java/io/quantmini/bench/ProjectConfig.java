package io.quantmini.bench;

import java.nio.file.Path;

/**
 * The project's {@code config/} folder for the benchmarks: under {@code QUANTMINI_HOME} (which {@code scripts/bench}
 * sets), else under the working directory, so a benchmark runs from any directory.
 */
public final class ProjectConfig {

    private ProjectConfig() {
    }

    public static Path dir() {
        return Path.of(System.getenv().getOrDefault("QUANTMINI_HOME", ".")).resolve("config");
    }

    /** A dataset's schema file, e.g. {@code stocks_daily}. */
    public static Path datasetSchema(String dataset) {
        return dir().resolve("datasets").resolve(dataset + ".yaml");
    }
}
