package io.quantmini.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantmini.cli.ReplayCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The {@code replay serve} command; lives here so the replay test filter runs it. */
class ReplayCommandTest {

    private static final Pattern SERVING = Pattern.compile("Replaying (.+) on (http://127\\.0\\.0\\.1:\\d+)");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "serve --dir src/test/resources/polygon-fixtures --synthetic --start 2024-01-01 --end 2024-01-31 | either"
                    + " --dir or --synthetic",
            "serve | --dir DIR",
            "serve --dir src/test/resources/polygon-fixtures --tickers 5 | only apply with --synthetic",
            "serve --synthetic --start 2024-02-01 --end 2024-01-01 | is after --end",
            "serve --synthetic --start 2024-02-01 | needs --start and --end",
            "serve --synthetic --start 2024-13-01 --end 2024-12-31 | 2024-13-01",
            "serve --synthetic --start 2024-01-01 --end 2024-12-31 --tickers 0 | --tickers must be between 1 and"
                    + " 456,976",
            "serve --synthetic --start 2024-01-01 --end 2024-01-31 --tickers 456977 | between 1 and 456,976 (the",
            "serve --synthetic --start 2024-01-01 --end 2024-01-31 --calendar config | --calendar config is a folder",
            "serve --synthetic --start 2024-01-06 --end 2024-01-07 | holds no NYSE trading day: the market would",
            "serve --dir src/test/resources/polygon-fixtures --port 70000 | --port",
            "'' | Missing required subcommand"})
    void badArgumentsAreUsageErrors(String args, String message) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReplayCommand()).setErr(new PrintWriter(err));
        int exit = cli.execute(args.isEmpty() ? new String[0] : args.split(" "));
        assertEquals(2, exit, err.toString());
        assertTrue(err.toString().contains(message), err.toString());
    }

    /** What --dir holds is not a command-line mistake: one line naming the file, exit 2, no usage text. */
    @Test
    void aFolderThatCannotBeServedIsOneLine(@TempDir Path root) throws Exception {
        Path day = Files.createDirectories(root.resolve("landing/grouped/2024-01-02"));
        Files.writeString(day.resolve("_index.jsonl"), "{\"request_id\":\"r\",\"file\":\"../../../../etc/passwd\","
                + "\"path\":\"/v1/x\",\"status\":200}\n");
        Path file = Files.writeString(root.resolve("a-file"), "x");
        String[][] cases = {
            {root.resolve("absent").toString(), "--dir " + root.resolve("absent") + " does not exist"},
            {file.toString(), "--dir " + file + " is not a directory"},
            {root.toString(), "line 1: '../../../../etc/passwd' is outside "},
            {Files.createDirectories(root.resolve("empty")).toString(), "--dir: no recorded responses in "}};
        for (String[] c : cases) {
            StringWriter err = new StringWriter();
            int exit = io.quantmini.cli.QuantMini.commandLine().setErr(new PrintWriter(err))
                    .execute("replay", "serve", "--dir", c[0], "--port", "0");
            assertEquals(2, exit, err.toString());
            assertTrue(err.toString().startsWith("quantmini: ") && err.toString().contains(c[1]), err.toString());
            assertEquals(1, err.toString().strip().lines().count(), err.toString());
        }
    }

    @Test
    void helpWorks() {
        StringWriter out = new StringWriter();
        assertEquals(0, new CommandLine(new ReplayCommand()).setOut(new PrintWriter(out)).execute("serve", "--help"));
        assertTrue(out.toString().contains("--synthetic") && out.toString().contains("8089"), out.toString());
    }

    @Test
    void servesFixturesUntilStopped() throws Exception {
        Matcher serving = runUntilServing("serve", "--dir", "src/test/resources/polygon-fixtures", "--port", "0");
        assertTrue(serving.group(1).startsWith("captured fixtures"), serving.group(1));
        assertArrayEquals(
                Files.readAllBytes(Path.of("src/test/resources/polygon-fixtures/captured/v3/reference/splits.json")),
                Http.get(serving.group(2) + "/v3/reference/splits").body());
    }

    @Test
    void servesASyntheticMarket() throws Exception {
        Matcher serving = runUntilServing("serve", "--synthetic", "--tickers", "10", "--start", "2024-01-01",
                "--end", "2024-01-31", "--seed", "3", "--port", "0");
        assertEquals("synthetic market: 10 tickers, 2024-01-01..2024-01-31 (21 trading days), seed 3",
                serving.group(1));
        assertEquals(200, Http.get(serving.group(2) + "/v2/aggs/grouped/locale/us/market/stocks/2024-01-02")
                .statusCode());
    }

    private Thread command;

    /** Runs the command on its own thread until it prints its banner; {@link #stopCommand} interrupts it. */
    private Matcher runUntilServing(String... args) throws InterruptedException {
        StringWriter out = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        command = new Thread(() -> exit.set(new CommandLine(new ReplayCommand())
                .setOut(new PrintWriter(out, true)).execute(args)));
        command.start();
        for (int i = 0; i < 200; i++) {
            Matcher serving = SERVING.matcher(out.toString());
            if (serving.find()) {
                return serving;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no banner; exit " + exit.get() + ", output: " + out);
    }

    @AfterEach
    void stopCommand() throws InterruptedException {
        if (command != null) {
            command.interrupt();
            command.join(5_000);
            assertFalse(command.isAlive(), "replay serve did not stop when interrupted");
        }
    }
}
