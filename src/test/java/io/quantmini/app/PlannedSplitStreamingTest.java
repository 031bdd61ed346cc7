package io.quantmini.app;

import io.quantmini.LogCapture;
import io.quantmini.ingest.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hand-made ingest route whose split of the planner's days is not streaming still ingests, but a stop on a long range
 * takes seconds: start-up says so once, naming the route, its file and what to add.
 */
class PlannedSplitStreamingTest {

    private static final String STREAMING = "            streaming: true\n";

    @TempDir
    Path temp;

    @Test
    void theShippedRoutesGetNoSuchWarning() throws Exception {
        for (boolean daemon : new boolean[] {false, true}) {
            List<String> warnings = warningsAtStart(TestApp.ROUTES_DIR, daemon);
            assertTrue(warnings.stream().noneMatch(warning -> warning.contains("streaming")), warnings.toString());
        }
    }

    @Test
    void aSplitOfThePlannedDaysWithoutStreamingIsNamedWithWhatToAdd() throws Exception {
        Path routes = temp.resolve("routes");
        TestApp.copyTree(TestApp.ROUTES_DIR, routes);
        TestApp.edit(routes.resolve("stocks_daily.camel.yaml"), STREAMING, "");
        List<String> warnings = warningsAtStart(routes, false);
        assertEquals(List.of("route stocks_daily-ingest (file:" + routes.resolve("stocks_daily.camel.yaml") + ")"
                + " splits the planner's days without streaming: a stop then waits while every day left goes through"
                + " the route (seconds on a long range): add streaming: true to its split, as the shipped routes have"
                + " it"), warnings);

        // said false, and by the daemon too: once
        TestApp.edit(routes.resolve("splits.camel.yaml"), STREAMING, "            streaming: false\n");
        warnings = LogCapture.warnings(QuantMiniCamel.class, () -> Daemons.startThenClose(app(routes, true)))
                .stream().sorted().toList(); // Camel may read the route files in any order
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("route splits-ingest (file:" + routes.resolve("splits.camel.yaml")),
                warnings.toString());
        assertTrue(warnings.get(1).startsWith("route stocks_daily-ingest ("), warnings.toString());
    }

    private List<String> warningsAtStart(Path routes, boolean daemon) throws Exception {
        return LogCapture.warnings(QuantMiniCamel.class, () -> app(routes, daemon).start().close());
    }

    /** The application on a lake of the test's own; no request is made, so the base URL leads nowhere. */
    private QuantMiniCamel app(Path routes, boolean daemon) {
        return QuantMiniCamel.create(TestApp.config(temp.resolve("lake"), "http://127.0.0.1:9", Map.of()), routes,
                daemon, Clock.systemUTC());
    }
}
