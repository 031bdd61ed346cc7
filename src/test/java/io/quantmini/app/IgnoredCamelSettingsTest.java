package io.quantmini.app;

import io.quantmini.LogCapture;
import io.quantmini.ingest.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Camel settings given where Camel no longer reads them are named at start-up, not ignored without a word. */
class IgnoredCamelSettingsTest {

    @TempDir
    Path temp;

    @Test
    void camelVariablesAndPropertiesAreNamedWithoutTheirValues() {
        Properties system = new Properties();
        system.setProperty("camel.main.durationMaxSeconds", "3");
        system.setProperty("java.version", "17");
        Map<String, String> environment = Map.of("CAMEL_MAIN_DURATIONMAXSECONDS", "3s",
                "CAMEL_COMPONENT_HTTP_SECRET", "hunter2", "PATH", "/bin", "DATA_ROOT", "/lake");
        String warning = IgnoredCamelSettings.warning(environment, system, "q.properties");
        assertEquals("ignored: environment variable CAMEL_COMPONENT_HTTP_SECRET, environment variable"
                + " CAMEL_MAIN_DURATIONMAXSECONDS, system property -Dcamel.main.durationMaxSeconds. Camel's settings"
                + " are read from q.properties alone, where start-up checks them: put them there (as camel.* keys)",
                warning);
        assertNull(IgnoredCamelSettings.warning(Map.of("PATH", "/bin"), new Properties(), "q.properties"));
    }

    @Test
    void startUpSaysSoOnce() throws Exception {
        System.setProperty("camel.main.durationMaxSeconds", "3");
        try {
            List<String> warnings = LogCapture.warnings(QuantMiniCamel.class, () -> QuantMiniCamel.create(
                    TestApp.config(temp.resolve("lake"), "http://127.0.0.1:9", Map.of()), TestApp.ROUTES_DIR, false,
                    Clock.systemUTC()).start().close());
            assertEquals(1, warnings.stream().filter(w -> w.startsWith("ignored: ")).count(), warnings.toString());
            assertTrue(warnings.stream().anyMatch(w -> w.contains("-Dcamel.main.durationMaxSeconds")),
                    warnings.toString());
            // the test's config folder is relative (config): the warning names the file absolute
            assertTrue(warnings.stream().anyMatch(w -> w.contains(" read from "
                    + TestApp.CONFIG_DIR.toAbsolutePath().resolve("quantmini.properties") + " alone")),
                    warnings.toString());
        } finally {
            System.clearProperty("camel.main.durationMaxSeconds");
        }
    }
}
