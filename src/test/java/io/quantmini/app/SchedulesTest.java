package io.quantmini.app;

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

/** What `quantmini run` announces is what Quartz fires, wherever the cron was set. */
class SchedulesTest {

    /** A schedule in the properties, far ahead so that its next firing is fixed. */
    private static final Map<String, String> PROPERTIES_SCHEDULE = Map.of(
            "quantmini.schedule.cron", "0 15 7 1 1 ? 2099", "quantmini.schedule.time-zone", "Europe/London");

    @TempDir
    Path temp;

    @Test
    void theScheduleIsThePropertiesCronWhenTheRouteUsesIt() throws Exception {
        List<String> schedules = schedulesOf(TestApp.ROUTES_DIR, PROPERTIES_SCHEDULE);
        assertEquals(List.of("'0 15 7 1 1 ? 2099' (Europe/London; next Thu 2099-01-01 07:15)"), schedules);
    }

    /** An operator who types a cron into the route, as the brief allows, sees that cron, not the properties' one. */
    @Test
    void aCronAndZoneTypedIntoTheRouteAreTheOnesShown() throws Exception {
        Path routes = temp.resolve("routes");
        TestApp.copyTree(TestApp.ROUTES_DIR, routes);
        Path schedule = routes.resolve("schedule.camel.yaml");
        TestApp.edit(schedule, "cron: \"{{quantmini.schedule.cron}}\"", "cron: \"0 45 5 1 1 ? 2098\"");
        TestApp.edit(schedule, "trigger.timeZone: \"RAW({{quantmini.schedule.time-zone}})\"",
                "trigger.timeZone: \"Asia/Tokyo\"");

        List<String> schedules = schedulesOf(routes, PROPERTIES_SCHEDULE);
        assertEquals(List.of("'0 45 5 1 1 ? 2098' (Asia/Tokyo; next Wed 2098-01-01 05:45 = 2097-12-31T20:45:00Z in the"
                + " log's UTC)"), schedules);
    }

    /** A cron with a seconds field shows its seconds: "20:12" for a firing at 20:12:50 read as one already past. */
    @Test
    void aFiringOffTheMinuteShowsItsSeconds() throws Exception {
        List<String> schedules = schedulesOf(TestApp.ROUTES_DIR, Map.of("quantmini.schedule.cron",
                "50 12 20 1 1 ? 2099", "quantmini.schedule.time-zone", "America/New_York"));
        assertEquals(List.of("'50 12 20 1 1 ? 2099' (America/New_York; next Thu 2099-01-01 20:12:50 ="
                + " 2099-01-02T01:12:50Z in the log's UTC)"), schedules);
    }

    /** A second quartz route shows too (a simple trigger by its interval); one that is not started does not. */
    @Test
    void everyStartedQuartzRouteShowsAndOnlyThose() throws Exception {
        Path routes = temp.resolve("more");
        TestApp.copyTree(TestApp.ROUTES_DIR, routes);
        Files.writeString(routes.resolve("extra.camel.yaml"), """
                - route:
                    id: extra-simple
                    from:
                      uri: quartz:zzz/simple
                      parameters:
                        trigger.repeatInterval: 60000
                        trigger.repeatCount: -1
                      steps:
                        - log: tick
                - route:
                    id: extra-off
                    autoStartup: false
                    from:
                      uri: quartz:zzz/off
                      parameters:
                        cron: "0 0 1 1 1 ? 2097"
                      steps:
                        - log: never
                """);
        List<String> schedules = schedulesOf(routes, Map.of("quantmini.schedule.cron", "0 15 7 1 1 ? 2099"));
        assertEquals(2, schedules.size(), schedules::toString);
        assertTrue(schedules.get(0).startsWith("'0 15 7 1 1 ? 2099' ("), schedules::toString);
        assertTrue(schedules.get(1).startsWith("every 60000 ms ("), schedules::toString);
    }

    @Test
    void routesWithoutAQuartzRouteScheduleNothing() throws Exception {
        Path routes = temp.resolve("unscheduled");
        TestApp.copyTree(TestApp.ROUTES_DIR, routes);
        Files.delete(routes.resolve("schedule.camel.yaml"));
        assertEquals(List.of(), schedulesOf(routes, Map.of()));
    }

    private List<String> schedulesOf(Path routes, Map<String, String> properties) throws Exception {
        try (QuantMiniCamel daemon = QuantMiniCamel.create(TestApp.config(temp.resolve("lake"), "http://127.0.0.1:9",
                properties), routes, true, Clock.systemUTC())) {
            daemon.start();
            return daemon.schedules();
        }
    }
}
