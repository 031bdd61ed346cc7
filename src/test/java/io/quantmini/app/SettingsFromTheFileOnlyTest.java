package io.quantmini.app;

import io.quantmini.config.QuantMiniConfig;
import io.quantmini.ingest.TestApp;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Camel reads no Java system property (nor, the same way, environment variable) over quantmini.properties: one named
 * after a route placeholder moved the handoff routes off the lake or replaced the checked cron, and -Dcamel.* replaced
 * Camel's settings unchecked.
 */
class SettingsFromTheFileOnlyTest {

    @TempDir
    Path temp;

    @Test
    void javaSystemPropertiesDoNotReachCamel() throws Exception {
        Path elsewhere = temp.resolve("elsewhere");
        Map<String, String> said = Map.of("quantmini.data-root", elsewhere.toString(),
                "quantmini.schedule.cron", "0 0 7 1 1 ? 2098", "camel.component.http.max-total-connections", "1");
        said.forEach(System::setProperty);
        try {
            QuantMiniConfig config = TestApp.config(temp.resolve("lake"), "http://127.0.0.1:9", Map.of());
            try (QuantMiniCamel app = QuantMiniCamel.create(config, TestApp.ROUTES_DIR, true, Clock.systemUTC())
                    .start()) {
                assertEquals(TestApp.NEVER_FIRES,
                        ((QuartzEndpoint) app.context().getRoute("schedule-daily").getEndpoint()).getCron());
                FileEndpoint silver = (FileEndpoint) app.context().getRoute("silver-handoff").getEndpoint();
                assertEquals(temp.resolve("lake/_handoff/silver").toFile(), silver.getFile());
                assertEquals(config.maxConcurrent(),
                        app.context().getComponent("http", HttpComponent.class).getMaxTotalConnections());
            }
            assertTrue(Files.notExists(elsewhere), "a handoff route made its folder elsewhere");
        } finally {
            said.keySet().forEach(System::clearProperty);
        }
    }
}
