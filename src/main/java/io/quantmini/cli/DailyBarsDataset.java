package io.quantmini.cli;

import picocli.CommandLine.Option;

/** The {@code --type} of the commands that build derived layers from a bronze dataset of daily bars. */
public final class DailyBarsDataset {

    @Option(names = {"-t", "--type"}, defaultValue = "stocks_daily", paramLabel = "DATASET",
            description = "Bronze dataset of daily bars (default ${DEFAULT-VALUE}).")
    String name;
}
