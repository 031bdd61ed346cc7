package io.quantmini.app;

import io.quantmini.config.ConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ingest endpoints the route files name ({@code direct:ingest-<dataset>}), read from their YAML text: whether a
 * dataset's is there, and the one message for a dataset no route ingests, whether `data ingest` finds that before
 * Camel starts or a run finds no consumer once Camel runs.
 */
public final class IngestEndpoints {

    /**
     * An ingest endpoint a route file names, as a whole: a dataset's name, in the characters {@code --type} takes (the
     * schedule's {@code ${...}} is none).
     */
    private static final Pattern NAMED = Pattern.compile("direct:ingest-[A-Za-z0-9_-]+");

    private IngestEndpoints() {
    }

    /**
     * Whether a route file in {@code routesDir} names the dataset's ingest endpoint: a first look at the YAML text only
     * (a route could be written in a form this misses: Camel, once started, is the judge). True when the files cannot
     * be read: Camel names an unreadable routes folder or file when it loads them.
     */
    public static boolean named(Path routesDir, String dataset) {
        String consumer = QuantMiniCamel.ingestUri(dataset);
        try {
            return named(routesDir).stream().anyMatch(named -> named.uri().equals(consumer));
        } catch (IOException unreadable) {
            return true;
        }
    }

    /**
     * The refusal of a run of {@code dataset}, which no route ingests: it names the routes folder and the ingest
     * endpoints its files name, so that a misspelled endpoint in the dataset's own route file is in plain sight.
     */
    public static ConfigException noRoute(Path routesDir, String dataset) {
        List<String> named = new ArrayList<>();
        try {
            for (Named uri : named(routesDir)) {
                String shown = uri.uri() + " (" + uri.file() + ")";
                if (!named.contains(shown)) {
                    named.add(shown);
                }
            }
        } catch (IOException unreadable) {
            named.clear(); // the folder, named, is then what to look at
        }
        return new ConfigException("no route consumes " + QuantMiniCamel.ingestUri(dataset) + ": is there a routes/"
                + dataset + ".camel.yaml (in " + routesDir.toAbsolutePath().normalize() + ")?" + (named.isEmpty() ? ""
                : " The route files there name " + String.join(", ", named)));
    }

    /** An ingest endpoint a route file names, and the file's name. */
    private record Named(String uri, String file) {
    }

    /** Each ingest endpoint the route files name, in file order. */
    private static List<Named> named(Path routesDir) throws IOException {
        List<Named> named = new ArrayList<>();
        for (Path file : RouteChecks.routeFiles(routesDir)) {
            Matcher ingest = NAMED.matcher(Files.readString(file));
            while (ingest.find()) {
                named.add(new Named(ingest.group(), file.getFileName().toString()));
            }
        }
        return named;
    }
}
