package io.quantmini.cli;

import io.quantmini.app.QuantMiniCamel;
import io.quantmini.config.QuantMiniConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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
        spec.commandLine().getOut().printf("quantmini run: schedule '%s' (%s), lake %s, routes %s%n",
                config.asCamelProperties().getProperty(QuantMiniConfig.SCHEDULE_CRON), config.scheduleTimeZone(),
                config.dataRoot().toAbsolutePath().normalize(), routes.routesDir().toAbsolutePath().normalize());
        spec.commandLine().getOut().flush();
        QuantMiniCamel.create(config, routes.routesDir(), true, Clock.systemUTC()).runUntilStopped();
        return 0;
    }
}
