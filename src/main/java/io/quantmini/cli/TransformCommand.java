package io.quantmini.cli;

import io.quantmini.lake.Handoffs;
import io.quantmini.lake.LakeLayout;
import io.quantmini.silver.SilverHandoffConsumer;
import io.quantmini.silver.SilverResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "transform", mixinStandardHelpOptions = true, description = "Build derived layers from bronze.",
        subcommands = TransformCommand.Features.class)
public final class TransformCommand {

    @Command(name = "features", mixinStandardHelpOptions = true,
            description = "Bring silver (bronze + Qlib's 158 Alpha158 features) up to date with bronze.")
    public static final class Features implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        LakeOptions lake;

        @Mixin
        DailyBarsDataset dataset;

        @Option(names = {"-s", "--start"}, paramLabel = "YYYY-MM-DD", description = "First output day (default: all).")
        LocalDate start;

        @Option(names = {"-e", "--end"}, paramLabel = "YYYY-MM-DD", description = "Last output day (default: all).")
        LocalDate end;

        @Option(names = "--full", description = "Rebuild every day in range, not only those whose bronze changed.")
        boolean full;

        @Override
        public Integer call() throws Exception {
            if (start != null && end != null && start.isAfter(end)) {
                throw new ParameterException(spec.commandLine(), "--start " + start + " is after --end " + end);
            }
            LakeLayout layout = dataset.lake(lake);
            SilverResult result;
            try (ShutdownHook notice = StopNotice.register("transform features", spec.commandLine().getErr())) {
                result = run(layout, dataset.name, start, end, full);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(summary(dataset.name, result));
            if (result.daysWritten() == 0 && (start != null || end != null)) {
                warnOfAnEmptyRange(layout);
            }
            dataset.warnOfCalendarGaps(lake, layout, spec.commandLine().getErr());
            return 0;
        }

        /** A range that holds no bronze day (a mistyped year?) says so: "days written=0" alone reads as up to date. */
        private void warnOfAnEmptyRange(LakeLayout layout) throws java.io.IOException {
            java.util.NavigableMap<LocalDate, Path> bronze = io.quantmini.lake.DayFiles.list(
                    layout.bronzeDataset(dataset.name));
            LocalDate from = start == null ? LocalDate.MIN : start;
            LocalDate to = end == null ? LocalDate.MAX : end;
            if (!bronze.isEmpty() && bronze.subMap(from, true, to, true).isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("quantmini: no bronze day of " + dataset.name + " in " + (start == null ? "" : start) + ".."
                        + (end == null ? "" : end) + " (bronze holds " + bronze.firstKey() + ".." + bronze.lastKey()
                        + "): nothing to compute");
                err.flush();
            }
        }

        /**
         * Runs the stage, then hands the changed days to gold. A run over the whole history satisfies every
         * pending silver handoff of the dataset, so those are removed (a bounded run leaves them).
         */
        static SilverResult run(LakeLayout layout, String dataset, LocalDate start, LocalDate end, boolean full)
                throws Exception {
            Handoffs handoffs = new Handoffs(layout, Clock.systemUTC());
            java.util.List<Path> pendingBefore = handoffs.pending(Handoffs.SILVER);
            SilverResult result = new SilverHandoffConsumer(layout, handoffs).update(dataset, start, end, full);
            if (start == null && end == null) {
                Handoffs.removeSatisfied(pendingBefore, dataset);
            }
            return result;
        }

        static String summary(String dataset, SilverResult result) {
            double seconds = result.readSeconds() + result.computeSeconds() + result.writeSeconds();
            String removed = result.daysRemoved().isEmpty() ? "" : " removed=" + result.daysRemoved().size();
            return String.format(Locale.ROOT, "silver %s: days written=%d%s rows=%d symbols=%d seconds=%.1f "
                            + "(read %.1f, compute %.1f, write %.1f)", dataset, result.daysWritten(), removed,
                    result.rows(), result.symbols(), seconds, result.readSeconds(), result.computeSeconds(),
                    result.writeSeconds());
        }
    }
}
