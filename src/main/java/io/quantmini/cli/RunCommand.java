package io.quantmini.cli;

import io.quantmini.app.QuantMiniCamel;
import io.quantmini.config.ConfigException;
import io.quantmini.config.QuantMiniConfig;
import io.quantmini.lake.LakeLayout;
import io.quantmini.lake.RunLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the long-lived scheduler (quartz routes in routes/, e.g. the daily ingest) until stopped.")
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LakeOptions lake;

    @Mixin
    RoutesOption routes;

    @Override
    public Integer call() throws Exception {
        QuantMiniConfig config = lake.load(Map.of());
        config.requireApiKeyForBaseUrl();
        QuantMiniCamel daemon = QuantMiniCamel.create(config, routes.routesDir(), true, Clock.systemUTC());
        // after create, which checks the lake: one daemon per lake (a second one doubles every request to Polygon)
        Path lockFile = new LakeLayout(config.dataRoot()).daemonLock();
        try (RunLock only = RunLock.tryAcquire(lockFile)) {
            if (only == null) {
                daemon.close();
                throw new ConfigException("another `quantmini run` is running on the lake " + config.dataRoot()
                        + " (it holds " + lockFile + "): one daemon per lake; stop that one first");
            }
            // once Camel runs and the routes passed their checks: not announced for a daemon that never starts
            daemon.runUntilStopped(() -> {
                spec.commandLine().getOut().printf("quantmini run: schedule '%s' (%s; next %s), lake %s, routes %s%n",
                        config.asCamelProperties().getProperty(QuantMiniConfig.SCHEDULE_CRON),
                        config.scheduleTimeZone(), nextFiring(config), config.dataRoot().toAbsolutePath().normalize(),
                        routes.routesDir().toAbsolutePath().normalize());
                spec.commandLine().getOut().flush();
            });
        }
        return 0;
    }

    /** e.g. {@code Mon 2026-11-30 06:00}: the banner is all the log says until the first firing. */
    private static String nextFiring(QuantMiniConfig config) {
        java.time.ZonedDateTime next = config.nextScheduledFiring(java.time.Instant.now());
        return next == null ? "never" : next.format(java.time.format.DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm",
                java.util.Locale.ROOT));
    }
}
