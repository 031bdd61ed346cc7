package io.quantmini.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a refused start takes away of a data root it made: its empty folders and its lock, nothing else. */
class NewDataRootTest {

    @TempDir
    Path temp;

    @Test
    void aFileThatAppearedKeepsItsFoldersAndTheRootTheOtherEmptyFoldersGo() throws Exception {
        Path parent = temp.resolve("made-parent");
        Path root = parent.resolve("lake");
        NewDataRoot made = NewDataRoot.before(root);
        Path lock = root.resolve(".quantmini-run.lock");
        Files.createDirectories(root.resolve("_handoff/silver"));
        Files.createFile(lock);
        Files.createDirectories(root.resolve("bronze/stocks_daily"));
        Files.writeString(root.resolve("bronze/stocks_daily/day.parquet"), "not this start's");

        made.undo(lock);

        assertEquals("not this start's", Files.readString(root.resolve("bronze/stocks_daily/day.parquet")));
        assertTrue(Files.notExists(root.resolve("_handoff")), "an empty folder goes");
        assertTrue(Files.notExists(lock), "the lock the start held goes");
    }

    @Test
    void aLockFileTheStartDoesNotHoldStays() throws Exception {
        Path root = temp.resolve("lake");
        NewDataRoot made = NewDataRoot.before(root);
        Path lock = root.resolve(".quantmini-run.lock");
        Files.createDirectories(root.resolve("_handoff"));
        Files.createFile(lock);

        made.undo(null);

        assertTrue(Files.exists(lock), "another daemon's lock");
        assertTrue(Files.notExists(root.resolve("_handoff")));
    }

    @Test
    void aRootThatWasThereIsNeverTouched() throws Exception {
        Path root = Files.createDirectories(temp.resolve("lake"));
        assertNull(NewDataRoot.before(root));
    }
}
