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

    /** The build in a git checkout (as this one is, cloned) writes the commit, and --version prints it. */
    @Test
    void thisBuildNamesItsCommitInTheVersionLine() throws Exception {
        assertTrue(Files.exists(Path.of(".git")), "the project is not a git checkout: run the tests from a clone");
        Properties written = new Properties();
        try (var in = BuildVersion.class.getResourceAsStream(BuildVersion.BUILD_PROPERTIES)) {
            assertTrue(in != null, BuildVersion.BUILD_PROPERTIES + " missing from the build");
            written.load(in);
        }
        String commit = written.getProperty("git.commit.id.abbrev");
        assertTrue(commit.matches("[0-9a-f]{7,}"), commit);
        CommandLine cli = QuantMini.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        assertEquals(0, cli.execute("--version"));
        assertTrue(out.toString().startsWith("quantmini 0.1.0 (commit " + commit), out.toString());
    }

    private static Properties build(String commit, String dirty) {
        Properties build = new Properties();
        build.setProperty("git.commit.id.abbrev", commit);
        build.setProperty("git.dirty", dirty);
        return build;
    }
}
