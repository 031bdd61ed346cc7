package io.quantmini.lake;

import io.quantmini.LogCapture;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setHeader(Exchange.FILE_NAME, handoff.getFileName().toString());
        exchange.getIn().setHeader(Exchange.FILE_PATH, handoff.toString());
        exchange.getIn().setBody(Files.readAllBytes(handoff));

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
}
