package io.quantmini.cli;

import io.quantmini.bronze.DatasetSchema;
import io.quantmini.calendar.MarketDayGaps;
import io.quantmini.calendar.NyseCalendar;
import io.quantmini.config.ConfigException;
import io.quantmini.config.QuantMiniConfig;
import io.quantmini.lake.DayFiles;
import io.quantmini.lake.LakeLayout;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
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
        try {
            NyseCalendar calendar = NyseCalendar.load(NyseCalendar.closuresFile(options.configDir()));
            MarketDayGaps gaps = MarketDayGaps.of(calendar, DayFiles.list(lake.bronzeDataset(name)).navigableKeySet());
            for (String warning : gaps.warnings(name)) {
                err.println("quantmini: warning: " + warning);
            }
        } catch (IOException | RuntimeException e) { // a warning: the stage's work is done, and stays done
            err.println("quantmini: warning: bronze " + name + " not compared with the NYSE calendar: "
                    + e.getMessage());
        }
        err.flush();
    }
}
