package io.quantmini.cli;

import io.quantmini.bronze.DatasetSchema;
import io.quantmini.calendar.MarketDayGaps;
import io.quantmini.calendar.NyseCalendar;
import io.quantmini.config.ConfigException;
import io.quantmini.config.QuantMiniConfig;
import io.quantmini.lake.LakeLayout;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The {@code --type} of the commands that build derived layers from a bronze dataset of daily bars. */
public final class DailyBarsDataset {

    @Option(names = {"-t", "--type"}, defaultValue = "stocks_daily", paramLabel = "DATASET",
            description = "Bronze dataset of daily bars (default ${DEFAULT-VALUE}).")
    String name;

    /** The lake, refused (exit 2) unless the dataset can feed silver and gold there and the lake is writable. */
    LakeLayout lake(LakeOptions options) {
        QuantMiniConfig config = options.load(Map.of());
        // a missing, mistyped or read-only lake: exit 2 naming the setting, as ingest does, not an error mid-run
        LakeLayout lake = new LakeLayout(config.existingDataRoot());
        String problem = DatasetSchema.whyNotDailyBars(options.configDir().resolve("datasets"), lake, name);
        if (problem != null) {
            throw new ConfigException(problem); // exit 2, one line: the lake's state, so no usage text
        }
        return lake;
    }

    /**
     * Says on {@code err} where the dataset's bronze days differ from the NYSE calendar ({@link MarketDayGaps}): the
     * stage built silver or gold from them as they are, and a failed day, or one never fetched, would go unnoticed.
     */
    void warnOfCalendarGaps(LakeOptions options, LakeLayout lake, PrintWriter err) {
        warn(err, MarketDayGaps.warningsOfBronze(() -> NyseCalendar.load(NyseCalendar.closuresFile(
                options.configDir())), lake.bronzeDataset(name), name));
    }

    /** Each line on {@code err} as a warning: it never changes a command's exit status. */
    static void warn(PrintWriter err, List<String> warnings) {
        for (String warning : warnings) {
            err.println("quantmini: warning: " + warning);
        }
        err.flush();
    }
}
