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
}
