package io.quantmini.cli;

import io.quantmini.bronze.DatasetSchema;
import io.quantmini.config.QuantMiniConfig;
import io.quantmini.lake.LakeLayout;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.util.Map;

/** The {@code --type} of the commands that build derived layers from a bronze dataset of daily bars. */
public final class DailyBarsDataset {

    @Option(names = {"-t", "--type"}, defaultValue = "stocks_daily", paramLabel = "DATASET",
            description = "Bronze dataset of daily bars (default ${DEFAULT-VALUE}).")
    String name;

    /** The lake, refused (as a usage error) unless the dataset can feed silver and gold there. */
    LakeLayout lake(CommandSpec spec, LakeOptions options) {
        QuantMiniConfig config = options.load(Map.of());
        LakeLayout lake = new LakeLayout(config.dataRoot());
        String problem = DatasetSchema.whyNotDailyBars(options.configDir().resolve("datasets"), lake, name);
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem);
        }
        config.writableDataRoot(); // a read-only lake: exit 2 with the key, as ingest does, not an I/O error mid-run
        return lake;
    }
}
