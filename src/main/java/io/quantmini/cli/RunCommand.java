package io.quantmini.cli;

import io.quantmini.app.QuantMiniCamel;
import io.quantmini.config.QuantMiniConfig;
import io.quantmini.lake.LakeLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Clock;
import java.util.List;
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
        DemoMarketRecord.refuseDemoLake(new LakeLayout(config.dataRoot()), "`run`");
        config.requireApiKeyForBaseUrl();
        QuantMiniCamel daemon = QuantMiniCamel.create(config, routes.routesDir(), true, Clock.systemUTC());
        // once the routes passed their checks and run, the lake's daemon lock held: not announced for a daemon that
        // never starts
        daemon.runUntilStopped(() -> {
            spec.commandLine().getOut().printf("quantmini run: %s, lake %s, routes %s; %s%n",
                    banner(daemon.schedules()), config.dataRoot().toAbsolutePath().normalize(),
                    routes.routesDir().toAbsolutePath().normalize(), BuildVersion.text());
            spec.commandLine().getOut().flush();
        });
        return 0;
    }

    /**
     * The schedules as Quartz fires them, e.g. {@code schedule '0 0 6 ? * MON-FRI' (America/New_York; next Mon
     * 2026-11-30 06:00)}: the banner is all the log says until the first firing.
     */
    static String banner(List<String> schedules) {
        if (schedules.isEmpty()) {
            return "nothing scheduled (no started route starts from quartz:)";
        }
        return (schedules.size() == 1 ? "schedule " : "schedules ") + String.join(", ", schedules);
    }
}
