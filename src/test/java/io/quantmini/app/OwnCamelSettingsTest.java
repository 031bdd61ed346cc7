package io.quantmini.app;

import io.quantmini.config.QuantMiniConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The camel.* settings start-up sets are those the configuration refuses from the file, so none is lost in silence. */
class OwnCamelSettingsTest {

    /** Settings start-up gives only a default for, or sets for one-shot commands only: the file's value counts. */
    private static final Set<String> THE_FILE_MAY_SET = Set.of("camel.component.quartz.enable-jmx",
            "camel.component.quartz.interrupt-jobs-on-shutdown");

    @Test
    void everyCamelSettingStartUpSetsIsOneTheFileCannotSet() {
        QuantMiniConfig config = QuantMiniConfig.load(Path.of("config"), Map.of(), Map.of());
        Set<String> set = new TreeSet<>();
        for (boolean daemon : new boolean[] {true, false}) {
            Properties properties = QuantMiniCamel.camelProperties(config, Path.of("routes"), daemon);
            properties.stringPropertyNames().stream().filter(key -> key.startsWith("camel."))
                    .filter(key -> !THE_FILE_MAY_SET.contains(key)).map(QuantMiniConfig::camelOptionName)
                    .forEach(set::add);
        }
        assertTrue(set.size() >= 13, String.valueOf(set));
        assertEquals(new TreeSet<>(QuantMiniConfig.CAMEL_SETTINGS_OF_OUR_OWN.keySet()), set);
    }
}
