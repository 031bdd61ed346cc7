package io.quantmini.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildVersionTest {

    @Test
    void theVersionNamesTheCommitAndWhetherTheTreeWasClean() {
        assertEquals("quantmini 0.1.0 (commit 1c298eb)", BuildVersion.text(build("1c298eb", "false")));
        assertEquals("quantmini 0.1.0 (commit 1c298eb, with uncommitted changes)",
                BuildVersion.text(build("1c298eb", "true")));
        assertEquals("quantmini 0.1.0 (commit unknown: not built from a git checkout)",
                BuildVersion.text(new Properties()));
    }

    /** The build writes the commit of the checkout it ran in (the clone CI tests), and --version prints it. */
    @Test
    void thisBuildNamesItsCommitInTheVersionLine() throws Exception {
        CommandLine cli = QuantMini.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        assertEquals(0, cli.execute("--version"));
        if (!Files.exists(Path.of(".git"))) { // a source archive: nothing to name
            assertEquals("quantmini 0.1.0 (commit unknown: not built from a git checkout)", out.toString().strip());
            return;
        }
        Properties written = new Properties();
        try (var in = BuildVersion.class.getResourceAsStream(BuildVersion.BUILD_PROPERTIES)) {
            assertTrue(in != null, BuildVersion.BUILD_PROPERTIES + " missing from a build in a git checkout");
            written.load(in);
        }
        String commit = written.getProperty("git.commit.id.abbrev");
        Process head = new ProcessBuilder("git", "rev-parse", "--short=7", "HEAD").start();
        assertEquals(new String(head.getInputStream().readAllBytes()).strip(), commit);
        assertTrue(out.toString().startsWith("quantmini 0.1.0 (commit " + commit), out.toString());
    }

    @Test
    void everyCommandPrintsTheVersion() {
        for (String[] command : new String[][] {{"data", "ingest"}, {"transform", "features"}, {"convert", "qlib"},
                {"replay", "serve"}, {"demo"}, {"run"}, {"data"}}) {
            CommandLine cli = QuantMini.commandLine();
            StringWriter out = new StringWriter();
            cli.setOut(new PrintWriter(out, true));
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "-V";
            assertEquals(0, cli.execute(args));
            assertEquals(BuildVersion.text(), out.toString().strip(), String.join(" ", command));
        }
    }

    private static Properties build(String commit, String dirty) {
        Properties build = new Properties();
        build.setProperty("git.commit.id.abbrev", commit);
        build.setProperty("git.dirty", dirty);
        return build;
    }
}
