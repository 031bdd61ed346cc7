package io.quantmini.gold;

import io.quantmini.lake.Handoffs;
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

import static io.quantmini.gold.GoldTestLake.bar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daemon's gold with features, when bronze moved on after the silver run that handed gold off. */
class GoldHandoffConsumerTest {

    private static final LocalDate D1 = LocalDate.of(2024, 1, 2);

    @TempDir
    Path root;

    @Test
    void silverBehindBronzeWaitsForThePendingSilverRunAndIsAFailureWithoutOne() throws IOException {
        GoldTestLake lake = new GoldTestLake(root);
        lake.day(D1, List.of(bar("AAA", 10))); // bronze without silver: an ingest landed after silver ran
        Handoffs handoffs = new Handoffs(lake.lake, Clock.systemUTC());
        GoldHandoffConsumer gold = new GoldHandoffConsumer(lake.lake, handoffs, true, dataset -> null);
        Path failed = lake.lake.handoffFolder(Handoffs.GOLD).resolve(Handoffs.FAILED);

        handoffs.write(Handoffs.SILVER, GoldTestLake.DATASET, List.of(D1)); // that ingest's handoff to silver
        assertNull(gold.consume(handoff(handoffs)));
        assertFalse(Files.exists(failed), "waiting for silver is no failure: nothing set aside");
        assertFalse(Files.exists(lake.lake.goldQlib()), "and gold was not built with NaN features");

        for (Path pending : handoffs.pending(Handoffs.SILVER)) {
            Files.delete(pending); // no silver run coming: a failure to look at
        }
        assertNull(gold.consume(handoff(handoffs)));
        assertTrue(Files.isDirectory(failed));
        assertEquals(1, Files.list(failed).count());
    }

    private static Exchange handoff(Handoffs handoffs) throws IOException {
        Path file = handoffs.write(Handoffs.GOLD, GoldTestLake.DATASET, List.of(D1));
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setHeader(Exchange.FILE_NAME, file.getFileName().toString());
        exchange.getIn().setBody(Files.readAllBytes(file));
        Files.delete(file); // as the file consumer takes it
        return exchange;
    }
}
