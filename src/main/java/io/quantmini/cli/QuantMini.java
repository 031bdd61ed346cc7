package io.quantmini.cli;

import io.quantmini.config.ApiKey;
import io.quantmini.config.ConfigException;
import io.quantmini.config.QuantMiniConfig;
import io.quantmini.lake.LakeWriteException;
import io.quantmini.text.Printable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/** The {@code quantmini} command line. Exit codes: 0 success, 1 the run failed, 2 bad arguments or configuration. */
@Command(name = "quantmini", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Polygon.io market data into a landing / bronze / silver / gold lake.",
        subcommands = {DataCommand.class, TransformCommand.class, ConvertCommand.class, ReplayCommand.class,
                DemoCommand.class, RunCommand.class})
public final class QuantMini {

    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        exit(commandLine().execute(args));
    }

    /**
     * Ends the process with the command's status, unless a signal (SIGTERM, Ctrl-C) is already stopping the JVM: then
     * that stop's status (143, 130) stands. A command the signal cut short returns its own (1) once its hooks let it
     * finish, and the JDK halts at once on a non-zero exit that comes after the hooks have run, so calling
     * {@code System.exit} there raced the signal's halt for the status.
     */
    static void exit(int status) {
        exit(status, ShutdownHook::jvmStopping, ShutdownHook::awaitHalt, System::exit);
    }

    /** {@link #exit(int)} with the JVM's parts passed in: the race it guards against cannot be forced in a test. */
    static void exit(int status, BooleanSupplier jvmStopping, Runnable awaitHalt, IntConsumer systemExit) {
        if (jvmStopping.getAsBoolean()) {
            awaitHalt.run();
        }
        systemExit.accept(status);
    }

    public static CommandLine commandLine() {
        ApiKey.of(System.getenv("POLYGON_API_KEY")); // read before the arguments: a usage error may quote it
        CommandLine commandLine = new CommandLine(new QuantMini());
        commandLine.registerConverter(LocalDate.class, QuantMini::date);
        // picocli's own read any script's digits ('５０' as 50): the digits 0-9 only, as in the settings
        commandLine.registerConverter(Integer.class, text -> (int) whole(text, Integer.MAX_VALUE));
        commandLine.registerConverter(int.class, text -> (int) whole(text, Integer.MAX_VALUE));
        commandLine.registerConverter(Long.class, text -> whole(text, Long.MAX_VALUE));
        commandLine.registerConverter(long.class, text -> whole(text, Long.MAX_VALUE));
        // picocli's own handler, its message masked as every other error line is
        commandLine.setParameterExceptionHandler((failure, args) -> {
            CommandLine cmd = failure.getCommandLine();
            cmd.getErr().println(Printable.oneLine(ApiKey.maskAll(failure.getMessage())));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(failure, cmd.getErr())) {
                cmd.usage(cmd.getErr());
            }
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        commandLine.setExecutionExceptionHandler((failure, cmd, parsed) -> {
            printError(cmd.getErr(), oneLine(failure));
            return failure instanceof ConfigException || failure instanceof IllegalArgumentException
                    ? EXIT_USAGE : EXIT_FAILED;
        });
        withVersion(commandLine, new BuildVersion());
        return commandLine;
    }

    /** Every command offers --version (mixinStandardHelpOptions): each prints this build's, not an empty line. */
    private static void withVersion(CommandLine command, BuildVersion version) {
        command.getCommandSpec().versionProvider(version);
        command.getSubcommands().values().forEach(sub -> withVersion(sub, version));
    }

    /**
     * An error line of the command line, {@code quantmini: <message>}, with the API key masked as in every log line,
     * and one line whatever the message quotes ({@link Printable#oneLine}).
     */
    static void printError(PrintWriter err, String message) {
        err.println("quantmini: " + Printable.oneLine(ApiKey.maskAll(message)));
    }

    static String oneLine(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException fs) {
                return LakeWriteException.describe(fs); // its own message is often just the path
            }
        }
        Throwable shown = failure;
        while (shown.getCause() != null
                && (shown.getMessage() == null || shown.getMessage().contains("Exception occurred"))) {
            shown = shown.getCause();
        }
        String message = shown.getMessage();
        return message == null ? shown.getClass().getSimpleName() : message;
    }

    /** An option's whole number, written in the digits 0-9 (a sign allowed), from -max - 1 to max. */
    private static long whole(String text, long max) {
        if (!QuantMiniConfig.isAsciiInteger(text)) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a whole number in the digits 0-9");
        }
        try {
            long value = Long.parseLong(text);
            if (value > max || value < -max - 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is too large");
        }
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a date (YYYY-MM-DD)");
        }
    }
}
