package io.quantmini.gold;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SymbolFilesTest {

    private static final Path FULL_DISK = Path.of("/dev/full"); // Linux: every write fails with ENOSPC

    @TempDir
    Path tmp;

    /**
     * A full build writes its files in place, and a write the disk refuses said only "No space left on device": the
     * run's error named the gold folder, not the file (found by the fault-injection QA helper).
     */
    @Test
    void aWriteTheDiskRefusesInABuildFolderNamesTheFile() throws IOException {
        assumeTrue(Files.isWritable(FULL_DISK), "needs /dev/full");
        QlibLayout layout = new QlibLayout(tmp);
        SymbolFiles files = new SymbolFiles(layout, true);
        Path close = layout.featureFile("aaa", "close");
        Files.createDirectories(close.getParent());
        Files.createSymbolicLink(close, FULL_DISK);
        IOException bin = assertThrows(IOException.class,
                () -> files.writeWhole("aaa", List.of("close"), 0, new float[][] {{1f, 2f}}, false));
        assertEquals(close + ": No space left on device", bin.getMessage());

        Path calendar = tmp.resolve("calendars").resolve("day.txt");
        Files.createDirectories(calendar.getParent());
        Files.createSymbolicLink(calendar, FULL_DISK);
        IOException text = assertThrows(IOException.class, () -> files.writeFile(calendar, new byte[] {'x'}));
        assertEquals(calendar + ": No space left on device", text.getMessage());
    }
}
