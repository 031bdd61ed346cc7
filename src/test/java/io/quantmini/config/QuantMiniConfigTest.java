package io.quantmini.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantMiniConfigTest {

    @TempDir
    Path dir;

    private Path configWith(String replace, String with) throws Exception {
        String shipped = Files.readString(Path.of("config", QuantMiniConfig.FILE_NAME));
        assertTrue(shipped.contains(replace), replace);
        Files.writeString(dir.resolve(QuantMiniConfig.FILE_NAME), shipped.replace(replace, with));
        return dir;
    }

    @Test
    void shippedConfigLoadsWithItsDocumentedDefaults() {
        QuantMiniConfig config = QuantMiniConfig.load(Path.of("config"), Map.of(), Map.of());
        assertEquals("https://api.polygon.io", config.baseUrl().toString());
        assertEquals(50, config.maxConcurrent());
        assertEquals("America/New_York", config.scheduleTimeZone().getId());
        assertEquals(Path.of("data"), config.dataRoot());
    }

    @Test
    void environmentOverridesTheFileAndCommandLineOverridesBoth() {
        Map<String, String> env = Map.of("DATA_ROOT", "/lake/from-env", "POLYGON_BASE_URL", "http://127.0.0.1:8089");
        QuantMiniConfig fromEnv = QuantMiniConfig.load(Path.of("config"), env, Map.of());
        assertEquals(Path.of("/lake/from-env"), fromEnv.dataRoot());
        assertEquals("http://127.0.0.1:8089", fromEnv.baseUrl().toString());
        QuantMiniConfig fromCli = QuantMiniConfig.load(Path.of("config"), env, Map.of(QuantMiniConfig.DATA_ROOT, "/lake/cli"));
        assertEquals(Path.of("/lake/cli"), fromCli.dataRoot());
    }

    @Test
    void badValueNamesTheKeyAndTheFile() throws Exception {
        Path config = configWith("quantmini.polygon.max-concurrent=50", "quantmini.polygon.max-concurrent=lots");
        ConfigException e = assertThrows(ConfigException.class, () -> QuantMiniConfig.load(config, Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("quantmini.polygon.max-concurrent"), e.getMessage());
        assertTrue(e.getMessage().contains(config.resolve(QuantMiniConfig.FILE_NAME).toString()), e.getMessage());
        assertTrue(e.getMessage().contains("'lots'"), e.getMessage());
    }

    @Test
    void badEnvironmentValueNamesTheVariable() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> QuantMiniConfig.load(Path.of("config"), Map.of("POLYGON_BASE_URL", "ftp://nowhere"), Map.of()));
        assertTrue(e.getMessage().contains("POLYGON_BASE_URL"), e.getMessage());
    }

    @Test
    void missingKeyAndUnknownKeyAndMissingFileAreNamed() throws Exception {
        Path missing = configWith("quantmini.schedule.time-zone=America/New_York", "");
        assertTrue(assertThrows(ConfigException.class, () -> QuantMiniConfig.load(missing, Map.of(), Map.of()))
                .getMessage().contains("missing setting 'quantmini.schedule.time-zone'"));
        Path typo = configWith("quantmini.schedule.time-zone=", "quantmini.schedule.timezone=UTC\nquantmini.schedule.time-zone=");
        assertTrue(assertThrows(ConfigException.class, () -> QuantMiniConfig.load(typo, Map.of(), Map.of()))
                .getMessage().contains("unknown setting 'quantmini.schedule.timezone'"));
        ConfigException noFile = assertThrows(ConfigException.class,
                () -> QuantMiniConfig.load(dir.resolve("nowhere"), Map.of(), Map.of()));
        assertTrue(noFile.getMessage().contains("quantmini.properties"), noFile.getMessage());
    }

    @Test
    void keyFromCredentialsFileNeverShowsInToStringOrProperties() throws Exception {
        Path config = configWith("quantmini.polygon.max-concurrent=50", "quantmini.polygon.max-concurrent=50");
        Files.writeString(config.resolve(QuantMiniConfig.CREDENTIALS_FILE), "polygon_api_key: \"from-file-SECRET\"\n");
        QuantMiniConfig loaded = QuantMiniConfig.load(config, Map.of(), Map.of());
        assertEquals("from-file-SECRET", loaded.apiKey().reveal());
        assertFalse(loaded.apiKey().toString().contains("SECRET"));
        assertFalse(loaded.asCamelProperties().toString().contains("SECRET"));
        QuantMiniConfig env = QuantMiniConfig.load(config, Map.of("POLYGON_API_KEY", "env-wins"), Map.of());
        assertEquals("env-wins", env.apiKey().reveal(), "POLYGON_API_KEY takes precedence over the file");
    }

    @Test
    void brokenCredentialsFileIsReportedWithoutQuotingIt() throws Exception {
        Path config = configWith("quantmini.polygon.max-concurrent=50", "quantmini.polygon.max-concurrent=50");
        Files.writeString(config.resolve(QuantMiniConfig.CREDENTIALS_FILE), "polygon_api_key: [\"SECRET-broken\"\n");
        ConfigException e = assertThrows(ConfigException.class, () -> QuantMiniConfig.load(config, Map.of(), Map.of()));
        assertTrue(e.getMessage().contains(QuantMiniConfig.CREDENTIALS_FILE), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
    }
}
