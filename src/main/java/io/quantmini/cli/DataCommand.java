package io.quantmini.cli;

import picocli.CommandLine.Command;

@Command(name = "data", mixinStandardHelpOptions = true, description = "Fetch market data into the lake.",
        subcommands = IngestCommand.class)
public final class DataCommand {
}
