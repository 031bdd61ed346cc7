package io.quantmini.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantmini.lake.Handoffs;
import io.quantmini.silver.BronzeLake.Bar;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Silver hands its changed days to gold, and a run killed between its last write and that handoff owes it still. */
class SilverHandoffConsumerTest {

    @TempDir
    Path tmp;

    private BronzeLake lake(int days) throws IOException {
        BronzeLake.Walk walk = new BronzeLake.Walk(11);
        Map<LocalDate, List<Bar>> market = new TreeMap<>();
        List<LocalDate> dates = BronzeLake.weekdays(LocalDate.of(2024, 1, 2), days);
        for (int d = 0; d < days; d++) {
            market.put(dates.get(d), new ArrayList<>(List.of(walk.bar("AAA", d), walk.bar("BBB", d))));
        }
        BronzeLake lake = new BronzeLake(tmp);
        for (Map.Entry<LocalDate, List<Bar>> day : market.entrySet()) {
            lake.writeDay(day.getKey(), day.getValue());
        }
        return lake;
    }

    /**
     * The last bronze day removed by hand: silver removes its day and writes no other (no later day read it), and gold
     * is still handed the change, so that it drops the day too. Before, nothing was handed and gold kept it.
     */
    @Test
    void aRunThatOnlyRemovesADayHandsItToGold() throws IOException {
        BronzeLake lake = lake(30);
        Handoffs handoffs = new Handoffs(lake.lake, Clock.systemUTC());
        SilverHandoffConsumer silver = new SilverHandoffConsumer(lake.lake, handoffs);
        silver.update(BronzeLake.DATASET);
        java.nio.file.Files.delete(handoffs.pending(Handoffs.GOLD).get(0)); // gold took the first run's
        LocalDate last = BronzeLake.weekdays(LocalDate.of(2024, 1, 2), 30).get(29);
        java.nio.file.Files.delete(lake.lake.bronzeDayFile(BronzeLake.DATASET, last));

        SilverResult result = silver.update(BronzeLake.DATASET);

        assertEquals(0, result.daysWritten());
        assertEquals(List.of(last), result.daysRemoved());
        assertEquals(false, java.nio.file.Files.exists(lake.lake.silverDayFile(BronzeLake.DATASET, last)));
        List<Path> toGold = handoffs.pending(Handoffs.GOLD);
        assertEquals(1, toGold.size());
        Handoffs.Handoff handoff = Handoffs.parse(java.nio.file.Files.readAllBytes(toGold.get(0)), "test");
        assertEquals(List.of(last), handoff.days());
    }

    @Test
    void aHandoffOwedByAKilledRunIsWrittenByTheNextRunThoughNothingIsStale() throws IOException {
        BronzeLake lake = lake(30);
        Handoffs handoffs = new Handoffs(lake.lake, Clock.systemUTC());
        SilverHandoffConsumer silver = new SilverHandoffConsumer(lake.lake, handoffs);

        assertEquals(30, silver.update(BronzeLake.DATASET).daysWritten());
        assertEquals(1, handoffs.pending(Handoffs.GOLD).size());
        assertEquals(List.of(), handoffs.unpublished(Handoffs.GOLD, BronzeLake.DATASET));

        assertEquals(0, silver.update(BronzeLake.DATASET).daysWritten());
        assertEquals(1, handoffs.pending(Handoffs.GOLD).size(), "nothing changed, nothing owed: no handoff");

        // killed after silver committed, before the handoff: its mark is all that is left of what it owed
        handoffs.markUnpublished(Handoffs.GOLD, BronzeLake.DATASET);
        handoffs.markUnpublished(Handoffs.GOLD, "another_dataset");
        assertEquals(0, silver.update(BronzeLake.DATASET).daysWritten());
        assertEquals(2, handoffs.pending(Handoffs.GOLD).size(), "the owed handoff is written");
        assertEquals(List.of(), handoffs.unpublished(Handoffs.GOLD, BronzeLake.DATASET));
        assertEquals(1, handoffs.unpublished(Handoffs.GOLD, "another_dataset").size(), "another dataset's mark stays");
    }

    @Test
    void twoRunsAtOnceTakeTurnsAndNeitherTakesTheOthersMarkForAKilledRunsDebt() throws Exception {
        // The daemon's silver and an operator's transform features on one lake: the second waits for the first.
        BronzeLake lake = lake(400);
        Handoffs handoffs = new Handoffs(lake.lake, Clock.systemUTC());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<SilverResult> first = pool.submit(() ->
                    new SilverHandoffConsumer(lake.lake, handoffs).update(BronzeLake.DATASET, null, null, true));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (handoffs.unpublished(Handoffs.GOLD, BronzeLake.DATASET).isEmpty() && !first.isDone()
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            org.junit.jupiter.api.Assertions.assertFalse(first.isDone(), "the second run starts while the first runs");
            java.util.concurrent.Future<SilverResult> second = pool.submit(() ->
                    new SilverHandoffConsumer(lake.lake, handoffs).update(BronzeLake.DATASET));
            assertEquals(400, first.get().daysWritten());
            assertEquals(0, second.get().daysWritten(), "it found the first run's work done");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, handoffs.pending(Handoffs.GOLD).size(), "one handoff: the first run's");
        assertEquals(List.of(), handoffs.unpublished(Handoffs.GOLD, BronzeLake.DATASET));
    }
}
