package io.quantmini.app;

import io.quantmini.cli.QuantMini;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The command line run in this JVM, what it printed kept for the test to read (and clear between runs). */
final class CliRun {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** Runs {@code quantmini args...} and returns its exit code. */
    int run(String... args) {
        CommandLine cli = QuantMini.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
