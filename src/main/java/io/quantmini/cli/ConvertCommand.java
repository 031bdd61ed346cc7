package io.quantmini.cli;

import io.quantmini.gold.GoldResult;
import io.quantmini.gold.QlibGoldStage;
import io.quantmini.gold.SplitsCoverage;
import io.quantmini.lake.Handoffs;
import io.quantmini.lake.LakeLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "convert", mixinStandardHelpOptions = true, description = "Export the lake to other formats.",
        subcommands = ConvertCommand.Qlib.class)
public final class ConvertCommand {

    @Command(name = "qlib", mixinStandardHelpOptions = true,
            description = "Bring gold/qlib (a Qlib provider directory: calendars, instruments, features) up to date.")
    public static final class Qlib implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        LakeOptions lake;

        @Mixin
        DailyBarsDataset dataset;

        @Option(names = "--full",
                description = "Rebuild the whole directory instead of appending / rewriting what changed.")
        boolean full;

        @Option(names = "--with-features", negatable = true, description = "Also write the 158 silver features "
                + "(kmid.day.bin, roc5.day.bin, ...); --no-with-features removes them. Default: as gold has them now.")
        Boolean withFeatures;

        @Override
        public Integer call() throws Exception {
            LakeLayout layout = dataset.lake(lake);
            GoldResult result;
            try (ShutdownHook notice = StopNotice.register("convert qlib", spec.commandLine().getErr())) {
                result = run(layout, dataset.name, full, withFeatures);
            }
            spec.commandLine().getOut().println("gold " + dataset.name + ": " + result.oneLine());
            dataset.warnOfCalendarGaps(lake, layout, spec.commandLine().getErr());
            String splits = SplitsCoverage.warning(layout, dataset.name);
            DailyBarsDataset.warn(spec.commandLine().getErr(), splits == null ? List.of() : List.of(splits));
            return 0;
        }

        /**
         * Runs the stage; gold is then up to date with the whole lake, so pending gold handoffs are satisfied.
         *
         * @param withFeatures null: as gold has them
         */
        static GoldResult run(LakeLayout layout, String dataset, boolean full, Boolean withFeatures) throws Exception {
            List<Path> pendingBefore = new Handoffs(layout, Clock.systemUTC()).pending(Handoffs.GOLD);
            GoldResult result = new QlibGoldStage(layout, dataset).run(full, withFeatures);
            Handoffs.removeSatisfied(pendingBefore, dataset);
            return result;
        }
    }
}
