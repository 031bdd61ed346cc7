package io.quantmini.cli;

import io.quantmini.bronze.DatasetSchema;
import io.quantmini.lake.LakeLayout;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The {@code --type} of the commands that build derived layers from a bronze dataset of daily bars. */
public final class DailyBarsDataset {

    @Option(names = {"-t", "--type"}, defaultValue = "stocks_daily", paramLabel = "DATASET",
            description = "Bronze dataset of daily bars (default ${DEFAULT-VALUE}).")
    String name;

    /**
     * The lake, refused (as a usage error) unless the dataset's schema ({@code config/datasets/<name>.yaml}) has
     * the columns of daily bars and the lake holds bronze data of it: silver and gold of another dataset (splits,
     * say) would be garbage, and gold would replace the lake's one Qlib provider with it.
     */
    LakeLayout lake(CommandSpec spec, LakeOptions options) {
        Path schemaFile = options.configDir().resolve("datasets").resolve(name + ".yaml");
        if (!Files.isRegularFile(schemaFile)) {
            throw new ParameterException(spec.commandLine(), "unknown dataset '" + name + "': no schema " + schemaFile);
        }
        List<String> missing = DatasetSchema.load(schemaFile).missingDailyBarColumns();
        if (!missing.isEmpty()) {
            throw new ParameterException(spec.commandLine(), name + " is not a dataset of daily bars: its schema "
                    + schemaFile + " has no " + String.join(", ", missing) + " column" + (missing.size() > 1 ? "s" : ""));
        }
        return options.withBronze(spec, name);
    }
}
