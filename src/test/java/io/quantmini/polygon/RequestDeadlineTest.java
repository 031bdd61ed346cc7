package io.quantmini.polygon;

import io.quantmini.app.QuantMiniCamel;
import io.quantmini.ingest.IngestRequest;
import io.quantmini.ingest.IngestRun;
import io.quantmini.ingest.TestApp;
import io.quantmini.replay.ReplayServer;
import io.quantmini.replay.SyntheticMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A request's deadline timer ends with its answer, not when the deadline passes; the timer, with its application. */
class RequestDeadlineTest {

    private static final LocalDate START = LocalDate.of(2024, 1, 2);

    @TempDir
    Path lake;

    /**
     * Each timer held its request (~5 KB) for the whole deadline, 10 minutes by default, though its answer had long
     * been read: a daemon or a backfill kept every request of the last 10 minutes in its heap.
     */
    @Test
    void anAnsweredRequestLeavesNoTimerAndIsNoLongerInFlight() throws Exception {
        LocalDate end = LocalDate.of(2024, 1, 31);
        SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(20, START, end, 7), TestApp.calendar());
        try (ReplayServer polygon = ReplayServer.start(market, 0);
             QuantMiniCamel app = QuantMiniCamel.create(TestApp.config(lake, polygon.baseUrl(), Map.of()),
                     TestApp.ROUTES_DIR, false, Clock.systemUTC()).start()) {
            IngestRun run = app.ingest(new IngestRequest("stocks_daily", START, end, false));
            assertFalse(run.failed(), run::failureSummary);
            assertTrue(run.requests() >= 20, "requests: " + run.requests());
            assertEquals(0, app.requestsInFlight().pendingDeadlines(), "timers left after the run");
            assertEquals(0, app.requestsInFlight().inFlight(), "requests listed after the run");
        }
    }

    /**
     * The deadlines' timer thread is the application's own, and its stop ends it. Before, one timer served the whole
     * JVM, its thread made at the first request and never ended.
     */
    @Test
    void theDeadlineTimerIsTheApplicationsOwnAndEndsWithIt() throws Exception {
        SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(5, START, START, 7), TestApp.calendar());
        Set<Thread> others = timerThreads(); // of other applications in this JVM (tests' that were not closed)
        Set<Thread> own;
        try (ReplayServer polygon = ReplayServer.start(market, 0);
             QuantMiniCamel app = QuantMiniCamel.create(TestApp.config(lake, polygon.baseUrl(), Map.of()),
                     TestApp.ROUTES_DIR, false, Clock.systemUTC()).start()) {
            assertFalse(app.ingest(new IngestRequest("stocks_daily", START, START, false)).failed());
            own = timerThreads();
            own.removeAll(others);
            assertEquals(1, own.size(), "the application's own timer thread, besides " + others);
        }
        Thread timer = own.iterator().next();
        timer.join(5_000);
        assertFalse(timer.isAlive(), "the timer thread ended with the application");
    }

    /** A request started once its application has stopped (a straggler of a forced stop) is not sent. */
    @Test
    void noDeadlineIsSetOnceTheApplicationHasStopped() {
        InFlightRequests inFlight = new InFlightRequests();
        inFlight.close();
        IOException refused = assertThrows(IOException.class, () -> inFlight.atDeadline(() -> { }, 1));
        assertEquals("not sent: the application has stopped", refused.getMessage());
    }

    private static Set<Thread> timerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("polygon-request-deadline"))
                .collect(Collectors.toCollection(HashSet::new));
    }
}
