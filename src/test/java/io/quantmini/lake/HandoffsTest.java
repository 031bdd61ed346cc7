package io.quantmini.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandoffsTest {

    @TempDir
    Path root;

    @Test
    void aWaitingFileThatIsNotAHandoffNamesNoDatasetAndUnpublishedMarksAreNotPending() throws IOException {
        Handoffs handoffs = new Handoffs(new LakeLayout(root), Clock.systemUTC());
        Path folder = Files.createDirectories(new LakeLayout(root).handoffFolder(Handoffs.SILVER));
        Files.writeString(folder.resolve("0-garbage.json"), "not json");
        assertFalse(handoffs.pendingFor(Handoffs.SILVER, "stocks_daily"), "an ingest still hands off");

        handoffs.markUnpublished(Handoffs.SILVER, "stocks_daily");
        assertFalse(handoffs.pendingFor(Handoffs.SILVER, "stocks_daily"), "a mark is owed, not waiting");
        assertEquals(1, handoffs.unpublished(Handoffs.SILVER, "stocks_daily").size());

        handoffs.write(Handoffs.SILVER, "stocks_daily", List.of(LocalDate.of(2024, 1, 2)));
        assertTrue(handoffs.pendingFor(Handoffs.SILVER, "stocks_daily"));
        assertFalse(handoffs.pendingFor(Handoffs.SILVER, "other"));
    }

    /**
     * An on-demand run over the whole lake removes the waiting handoffs of its dataset; a file there that is not a
     * handoff is left for the consumer to set aside, and no longer fails the run (it threw after the run's work).
     */
    @Test
    void anOnDemandRunRemovesItsDatasetsHandoffsAndLeavesAFileThatIsNotOne() throws IOException {
        Handoffs handoffs = new Handoffs(new LakeLayout(root), Clock.systemUTC());
        Path ours = handoffs.write(Handoffs.SILVER, "stocks_daily", List.of(LocalDate.of(2024, 1, 2)));
        Path theirs = handoffs.write(Handoffs.SILVER, "other", List.of(LocalDate.of(2024, 1, 2)));
        Path garbage = Files.writeString(ours.resolveSibling("0-garbage.json"), "not json");

        Handoffs.removeSatisfied(handoffs.pending(Handoffs.SILVER), "stocks_daily");

        assertFalse(Files.exists(ours));
        assertTrue(Files.exists(theirs));
        assertTrue(Files.exists(garbage));
    }

    /**
     * A handoff set aside is moved, not copied: a stage that failed on a full disk could not write the copy, and the
     * failure that mattered was lost under "No space left on device". Where the original cannot be moved (it is gone),
     * the body is written instead.
     */
    @Test
    void aHandoffIsSetAsideByMovingIt() throws IOException {
        Handoffs handoffs = new Handoffs(new LakeLayout(root), Clock.systemUTC());
        Path written = handoffs.write(Handoffs.GOLD, "stocks_daily", List.of(LocalDate.of(2024, 1, 2)));
        byte[] asWritten = Files.readAllBytes(written);

        Path kept = handoffs.quarantine(Handoffs.GOLD, written, "not used".getBytes());
        assertEquals(written.resolveSibling(Handoffs.FAILED).resolve(written.getFileName()), kept);
        assertFalse(Files.exists(written));
        assertEquals(new String(asWritten), Files.readString(kept), "the file itself, not the body handed over");

        // failed/ cannot take it (a file stands there): renamed in place, where the consumer does not read it either
        Path second = handoffs.write(Handoffs.GOLD, "stocks_daily", List.of(LocalDate.of(2024, 1, 3)));
        Path failedFolder = second.resolveSibling(Handoffs.FAILED);
        FileTrees.delete(failedFolder);
        Files.writeString(failedFolder, "not a folder");
        Path inPlace = handoffs.quarantine(Handoffs.GOLD, second, new byte[0]);
        assertEquals(second.resolveSibling(second.getFileName() + ".failed"), inPlace);
        assertFalse(Files.exists(second));
        assertFalse(handoffs.pendingFor(Handoffs.GOLD, "stocks_daily"));
        FileTrees.delete(failedFolder);

        Path gone = written.resolveSibling("20240101T000000Z-gone.json");
        Path copy = handoffs.quarantine(Handoffs.GOLD, gone, "{\"stage\":\"gold\"}".getBytes());
        assertEquals("{\"stage\":\"gold\"}", Files.readString(copy));
    }
}
