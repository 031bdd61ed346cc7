package io.quantmini.cli;

import io.quantmini.ingest.IngestRequest;
import io.quantmini.ingest.IngestRun;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressLineTest {

    private static final LocalDate DAY = LocalDate.of(2024, 1, 2);

    @Test
    void daysAStopLeftUnrequestedAreCountedApartNotAsDone() {
        IngestRun run = new IngestRun(new IngestRequest("stocks_daily", DAY, DAY.plusDays(9), false));
        run.planned(8, 0);
        run.dayFailed(DAY, "HTTP 500");
        assertTrue(ProgressLine.line(run).startsWith("progress: 1/8 days, 0 rows, 0 requests, 0 retries, "),
                ProgressLine.line(run));

        run.abort("a signal asked the process to stop");
        for (int d = 1; d <= 5; d++) {
            run.dayFailed(DAY.plusDays(d), run.notStartedReason());
        }
        String line = ProgressLine.line(run);
        assertTrue(line.startsWith("progress: 1/8 days, "), line);
        assertTrue(line.endsWith(" s; stopping, 5 days not started"), line);
        assertEquals(5, run.notStartedDays());
    }

    /**
     * The days done never go down, even read while a stop records the days it left: a line read the days not started
     * before the days failed, and the ones recorded in between counted as done, then no more on the next line.
     */
    @Test
    void theDaysDoneHoldWhileAStopRecordsTheDaysItLeft() throws InterruptedException {
        int left = 100_000;
        IngestRun run = new IngestRun(new IngestRequest("stocks_daily", DAY, DAY.plusDays(left + 10), false));
        run.planned(left + 10, 0);
        for (int d = 0; d < 10; d++) {
            run.dayFailed(DAY.plusDays(d), "HTTP 500");
        }
        run.abort("a signal asked the process to stop");
        Thread stop = new Thread(() -> {
            for (int d = 10; d < left + 10; d++) {
                run.dayFailed(DAY.plusDays(d), run.notStartedReason());
            }
        });
        java.util.Set<String> seen = new java.util.TreeSet<>();
        stop.start();
        while (stop.isAlive()) {
            seen.add(ProgressLine.line(run).replaceAll(" days, .*", ""));
        }
        stop.join();
        seen.add(ProgressLine.line(run).replaceAll(" days, .*", ""));
        assertEquals(java.util.Set.of("progress: 10/" + (left + 10)), seen);
    }
}
