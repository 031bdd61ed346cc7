package io.quantmini.app;

import io.quantmini.LogCapture;
import io.quantmini.ingest.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A handoff route copied from an older version (Camel's {@code delete: true}, no filter) still carries handoffs out,
 * but a handoff the disk will not let go then costs a stack trace at every poll: the daemon says so once at start,
 * naming the route, its file and the options to set.
 */
class HandoffRouteOptionsTest {

    private static final String SHIPPED = "        noop: true\n        idempotent: false\n        filter:"
            + " \"#handoffFilter\"\n";

    @TempDir
    Path temp;

    @Test
    void theShippedRoutesGetNoWarning() throws Exception {
        assertEquals(List.of(), warningsAtStart(TestApp.ROUTES_DIR, true));
    }

    @Test
    void anOlderVersionsDeletingRouteIsNamedWithWhatToSet() throws Exception {
        Path routes = routesWithSilverOptions("        delete: true\n");
        List<String> warnings = warningsAtStart(routes, true);
        assertEquals(1, warnings.size(), warnings.toString());
        String warning = warnings.get(0);
        assertTrue(warning.startsWith("route silver-handoff (file:" + routes.resolve("silver.camel.yaml")), warning);
        assertTrue(warning.contains("set noop: true (not delete"), warning);
        assertTrue(warning.contains("filter: \"#handoffFilter\""), warning);
        assertTrue(!warning.contains("idempotent"), "delete takes each file once: " + warning);
    }

    @Test
    void noopWithoutIdempotentFalseIsNamed() throws Exception {
        List<String> warnings = warningsAtStart(routesWithSilverOptions(
                "        noop: true\n        filter: \"#handoffFilter\"\n"), true);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).endsWith("set idempotent: false (otherwise a handoff moved back from failed/ is not"
                + " taken again until a restart)"), warnings.get(0));
    }

    /** {@code quantmini run} (Camel's main loop, not {@link QuantMiniCamel#start}) says it too, once. */
    @Test
    void theDaemonSaysItOnce() throws Exception {
        Path routes = routesWithSilverOptions("        delete: true\n");
        List<String> warnings = LogCapture.warnings(QuantMiniCamel.class,
                () -> Daemons.startThenClose(app(routes, true)));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("route silver-handoff ("), warnings.get(0));
    }

    /** One-shot commands do not start the handoff routes: nothing to say. */
    @Test
    void oneShotCommandsSayNothingOfRoutesTheyDoNotStart() throws Exception {
        assertEquals(List.of(), warningsAtStart(routesWithSilverOptions("        delete: true\n"), false));
    }

    private Path routesWithSilverOptions(String options) throws Exception {
        Path routes = temp.resolve("routes");
        TestApp.copyTree(TestApp.ROUTES_DIR, routes);
        Path silver = routes.resolve("silver.camel.yaml");
        String shipped = Files.readString(silver);
        assertTrue(shipped.contains(SHIPPED), "the shipped silver route's options");
        Files.writeString(silver, shipped.replace(SHIPPED, options));
        return routes;
    }

    private List<String> warningsAtStart(Path routes, boolean daemon) throws Exception {
        return LogCapture.warnings(QuantMiniCamel.class, () -> {
            try (QuantMiniCamel app = app(routes, daemon).start()) {
                assertTrue(app.context().getRoutes().size() > 2);
            }
        });
    }

    /** The application on a lake of the test's own; no request is made, so the base URL leads nowhere. */
    private QuantMiniCamel app(Path routes, boolean daemon) {
        return QuantMiniCamel.create(TestApp.config(temp.resolve("lake"), "http://127.0.0.1:9", Map.of()), routes,
                daemon, Clock.systemUTC());
    }
}
