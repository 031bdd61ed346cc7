package io.quantmini.polygon;

import io.quantmini.app.QuantMiniCamel;
import io.quantmini.ingest.IngestRequest;
import io.quantmini.ingest.IngestRun;
import io.quantmini.ingest.TestApp;
import io.quantmini.replay.ReplayServer;
import io.quantmini.replay.SyntheticMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A request's deadline timer ends with its answer, not when the deadline passes. */
class RequestDeadlineTest {

    /**
     * Each timer held its request (~5 KB) for the whole deadline, 10 minutes by default, though its answer had long
     * been read: a daemon or a backfill kept every request of the last 10 minutes in its heap.
     */
    @Test
    void anAnsweredRequestLeavesNoTimerAndIsNoLongerInFlight(@TempDir Path lake) throws Exception {
        LocalDate start = LocalDate.of(2024, 1, 2);
        LocalDate end = LocalDate.of(2024, 1, 31);
        SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(20, start, end, 7), TestApp.calendar());
        int timersBefore = RequestDeadline.pendingTimers();
        try (ReplayServer polygon = ReplayServer.start(market, 0);
             QuantMiniCamel app = QuantMiniCamel.create(TestApp.config(lake, polygon.baseUrl(), Map.of()),
                     TestApp.ROUTES_DIR, false, Clock.systemUTC()).start()) {
            IngestRun run = app.ingest(new IngestRequest("stocks_daily", start, end, false));
            assertFalse(run.failed(), run::failureSummary);
            assertTrue(run.requests() >= 20, "requests: " + run.requests());
            // the timers are the JVM's: other tests' requests may still hold some (a hostile server's answer never
            // read), so compare with before
            assertTrue(RequestDeadline.pendingTimers() <= timersBefore,
                    RequestDeadline.pendingTimers() + " timers pending, " + timersBefore + " before the run");
            assertEquals(0, app.requestsInFlight().inFlight(), "requests listed after the run");
        }
    }
}
