package io.quantmini.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version and the commit this build came from, e.g. {@code quantmini 0.1.0 (commit 1c298eb)}: what
 * {@code quantmini --version} prints and the daemon's start line names, so an operator can tell which build a
 * long-lived process runs. The build writes the commit into {@value #BUILD_PROPERTIES} (git-commit-id-maven-plugin);
 * a build from outside a git checkout has no commit to name, and says so.
 */
public final class BuildVersion implements IVersionProvider {

    static final String VERSION = "0.1.0";
    static final String BUILD_PROPERTIES = "/io/quantmini/build.properties";

    @Override
    public String[] getVersion() {
        return new String[] {text()};
    }

    /** This build's version line. */
    public static String text() {
        try (InputStream in = BuildVersion.class.getResourceAsStream(BUILD_PROPERTIES)) {
            Properties build = new Properties();
            if (in != null) {
                build.load(in);
            }
            return text(build);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUILD_PROPERTIES + " in the application's jar", e);
        }
    }

    /** The version line for the build properties {@code build} (empty when the build was not in a git checkout). */
    static String text(Properties build) {
        String commit = build.getProperty("git.commit.id.abbrev", "").strip();
        if (commit.isEmpty()) {
            return "quantmini " + VERSION + " (commit unknown: not built from a git checkout)";
        }
        boolean dirty = Boolean.parseBoolean(build.getProperty("git.dirty", "false").strip());
        return "quantmini " + VERSION + " (commit " + commit + (dirty ? ", with uncommitted changes" : "") + ")";
    }
}
