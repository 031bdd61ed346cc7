package io.quantmini.app;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CamelNumberSettingsTest {

    /** Camel read a profile's pool-size=abc as 0, 30s as 30000 and a figure past an int's range wrapped (checked). */
    @Test
    void aThreadPoolProfilesOptionIsCheckedAsTheDefaultProfilesIs() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            List<String> problems = CamelNumberSettings.problems(context, new TreeMap<>(Map.of(
                    "camel.threadpool.config[myPool].pool-size", "abc",
                    "camel.threadpool.config[myPool].keep-alive-time", "60",
                    "camel.threadpool.config[myPool].rejected-policy", "Abort",
                    "camel.threadpool.config[other].maxPoolSize", "99999999999")));
            assertEquals(List.of("camel.threadpool.config[myPool].pool-size=abc: Camel takes a whole number there (the"
                    + " digits 0-9, or a duration such as 30s), and would read this as 0",
                    "camel.threadpool.config[other].maxPoolSize=99999999999: Camel takes a number up to 2147483647"
                    + " there, and would read this as 1215752191"), problems);
        }
    }
}
