package io.quantmini.lake;

import io.quantmini.LogCapture;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandoffTakerTest {

    @TempDir
    Path root;

    /**
     * The stage fails, and so does what should make a later run redo it (gold's unpublished marker, on the same full
     * disk, say): the handoff is reported with the stage's own failure, not the marker's, and becomes the marker by a
     * rename (which needs no space). Set aside in failed/, it left gold half-updated, with nothing to make a later run
     * redo it (found by the daemon fault-injection QA helper).
     */
    @Test
    void aStageFailureIsReportedEvenWhenItsAftermathFailsToo() throws Exception {
        Handoffs handoffs = new Handoffs(new LakeLayout(root), Clock.systemUTC());
        Path handoff = handoffs.write("gold", "stocks_daily", List.of(LocalDate.of(2024, 1, 2)));
        HandoffTaker taker = new HandoffTaker(handoffs, "gold", dataset -> null, dataset -> {
            throw new IOException("cannot write the unpublished marker");
        });
        Exchange exchange = exchange(handoff, Files.readAllBytes(handoff));

        List<String> said = LogCapture.messages(HandoffTaker.class, () -> assertNull(taker.take(exchange, dataset -> {
            throw new IOException("gold build failed: disk full");
        })));
        assertEquals(1, said.size(), said::toString);
        String message = said.get(0);
        assertTrue(message.endsWith(": gold build failed: disk full"), message);
        assertTrue(message.contains("its marker could not be written: cannot write the unpublished marker"), message);
        Path marker = handoff.resolveSibling(handoff.getFileName() + Handoffs.UNPUBLISHED);
        assertEquals(List.of(marker), handoffs.unpublished("gold", "stocks_daily"), "a later run redoes it");
        assertTrue(Files.notExists(handoff));
    }

    /** The stage committed: the taker removes the handoff itself (the shipped routes consume with noop). */
    @Test
    void aHandoffGoesOnceItsStageCommitted() throws Exception {
        Handoffs handoffs = new Handoffs(new LakeLayout(root), Clock.systemUTC());
        Path handoff = handoffs.write("silver", "stocks_daily", List.of(LocalDate.of(2024, 1, 2)));
        List<String> ran = new java.util.ArrayList<>();
        assertEquals("done", taker(handoffs).take(exchange(handoff, Files.readAllBytes(handoff)), dataset -> {
            ran.add(dataset);
            return "done";
        }));
        assertEquals(List.of("stocks_daily"), ran);
        assertTrue(Files.notExists(handoff));
    }

    /**
     * A handoff the disk will not let go of once its stage committed is said once, with the reason (Camel's own delete
     * said "Cannot delete file" with a stack trace, every poll, and the stage ran again each time: found by the daemon
     * fault-injection QA helper).
     */
    @Test
    void aHandoffThatCannotBeRemovedIsSaidOnceWithTheReason() throws Exception {
        Handoffs handoffs = new Handoffs(new LakeLayout(root), Clock.systemUTC());
        Path handoff = handoffs.write("silver", "stocks_daily", List.of(LocalDate.of(2024, 1, 2)));
        Exchange exchange = exchange(handoff, Files.readAllBytes(handoff));
        List<String> said = LogCapture.messages(HandoffTaker.class, () -> assertEquals("done",
                taker(handoffs).take(exchange, dataset -> {
                    Files.delete(handoff); // a file root cannot fail to delete: a folder in its place that is not empty
                    Files.createDirectories(handoff.resolve("kept"));
                    return "done";
                })));
        assertEquals(List.of("silver handoff " + handoff.getFileName() + " carried out, but cannot be removed (not"
                + " taken again; its removal is tried again at each poll): " + handoff
                + ": a folder that is not empty"), said);
        Path another = handoffs.write("silver", "stocks_daily", List.of(LocalDate.of(2024, 1, 3)));
        HandoffFilter filter = new HandoffFilter(handoffs);
        assertFalse(filter.accept(routed(handoff)), "the route takes it no more");
        assertTrue(filter.accept(routed(another)));
        assertEquals(List.of(another), handoffs.pending("silver"), "not a handoff waiting: an ingest still hands off");

        // a route copied from an older version (delete: true, no filter) hands it over again: not run again
        List<String> ran = new java.util.ArrayList<>();
        assertNull(taker(handoffs).take(exchange(handoff, new byte[0]), dataset -> ran.add(dataset) ? "ran" : null));
        assertEquals(List.of(), ran);

        // once the disk lets it go, the filter's next look removes it and forgets it
        Files.delete(handoff.resolve("kept"));
        assertFalse(filter.accept(routed(handoff)));
        assertTrue(Files.notExists(handoff));
        assertFalse(handoffs.carriedOut(handoff));
    }

    private static GenericFile<File> routed(Path handoff) {
        GenericFile<File> file = new GenericFile<>();
        file.setAbsoluteFilePath(handoff.toString());
        return file;
    }

    /**
     * A handoff the disk will not read is set aside like one that is not a handoff, with one ERROR line naming the
     * file and the reason, and the stage does not run. It failed inside Camel's type conversion, outside the taker's
     * care: a 60-90-line stack trace whose cause named no file (found by the daemon fault-injection QA helper).
     */
    @Test
    void aHandoffTheDiskWillNotReadIsSetAsideWithOneLine() throws Exception {
        Handoffs handoffs = new Handoffs(new LakeLayout(root), Clock.systemUTC());
        Path folder = handoffs.folder("silver");
        Path unreadable = Files.createDirectories(folder.resolve("20240102T000000Z-unreadable.json"));
        Exchange exchange = exchange(unreadable, unreadable.toFile()); // what the file route hands: read on demand
        List<String> ran = new java.util.ArrayList<>();
        List<String> said = LogCapture.messages(HandoffTaker.class, () -> assertNull(
                taker(handoffs).take(exchange, dataset -> ran.add(dataset) ? "ran" : null)));
        Path kept = folder.resolve(Handoffs.FAILED).resolve(unreadable.getFileName());
        assertEquals(List.of("silver handoff " + unreadable.getFileName() + " not carried out, kept in " + kept + ": "
                + unreadable + ": Is a directory"), said);
        assertEquals(List.of(), ran);
        assertTrue(Files.notExists(unreadable));
        assertTrue(Files.isDirectory(kept));
    }

    private static HandoffTaker taker(Handoffs handoffs) {
        return new HandoffTaker(handoffs, "silver", dataset -> null, dataset -> null);
    }

    private static Exchange exchange(Path handoff, Object body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setHeader(Exchange.FILE_NAME, handoff.getFileName().toString());
        exchange.getIn().setHeader(Exchange.FILE_PATH, handoff.toString());
        exchange.getIn().setBody(body);
        return exchange;
    }
}
