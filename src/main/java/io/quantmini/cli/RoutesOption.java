package io.quantmini.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Where the YAML routes are, for the commands that start Camel (demo, data ingest, run). The commands that read and
 * write the lake without Camel (transform, convert) do not offer it, so that nobody expects it to change them.
 */
public final class RoutesOption {

    @Option(names = "--routes-dir", paramLabel = "DIR",
            description = "Folder of *.camel.yaml routes (default: $QUANTMINI_ROUTES_DIR, else <project>/routes).")
    Path routesDir;

    Path routesDir() {
        return routesDir != null ? LakeOptions.given("--routes-dir", routesDir)
                : LakeOptions.fromEnvironment("QUANTMINI_ROUTES_DIR", LakeOptions.home().resolve("routes"));
    }
}
