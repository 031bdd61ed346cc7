package io.quantmini.app;

import io.quantmini.LogCapture;
import io.quantmini.ingest.IngestRequest;
import io.quantmini.ingest.IngestRun;
import io.quantmini.ingest.TestApp;
import io.quantmini.polygon.InFlightRequests;
import io.quantmini.replay.PolygonResponder;
import io.quantmini.replay.ReplayServer;
import io.quantmini.replay.SyntheticMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What `quantmini run` says when it is stopped: the operator's journal tells an idle stop and a finished one. */
class DaemonStopTest {

    @TempDir
    Path temp;

    @Test
    void anIdleDaemonSaysItHasNothingInProgressThenThatItStopped() throws Exception {
        QuantMiniCamel daemon = QuantMiniCamel.create(TestApp.config(temp.resolve("lake"), "http://127.0.0.1:9",
                Map.of()), TestApp.ROUTES_DIR, true, Clock.systemUTC());
        List<String> said = LogCapture.messages(QuantMiniCamel.class, () -> Daemons.startThenClose(daemon));
        List<String> stopping = said.stream().filter(line -> line.startsWith("stop")).toList();
        assertEquals(List.of("stopping: no work in progress", "stopped"), stopping, said.toString());
        assertEquals("stopped", said.get(said.size() - 1), "the last line");
    }

    /**
     * A stop cuts what is still unanswered after its grace, in this app: once stopped, it leaves the requests of
     * another app in the same JVM alone (the test that ran next had its answers cut 5 s after a daemon's stop, and
     * counted 9 retries too many).
     */
    @Test
    void aStoppedDaemonLeavesTheRequestsOfAnotherAppAlone() throws Exception {
        QuantMiniCamel daemon = QuantMiniCamel.create(TestApp.config(temp.resolve("daemon-lake"), "http://127.0.0.1:9",
                Map.of()), TestApp.ROUTES_DIR, true, Clock.systemUTC());
        Daemons.startThenClose(daemon);
        LocalDate day = LocalDate.of(2024, 1, 2);
        SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(3, day, day, 7), TestApp.calendar());
        PolygonResponder slow = (path, query, baseUrl) -> market.respond(path, query, baseUrl)
                .withDelay((InFlightRequests.STOP_GRACE_SECONDS + 1) * 1000L); // still unanswered when the grace ends
        IngestRun run;
        try (ReplayServer server = ReplayServer.start(slow, 0)) {
            run = TestApp.ingest(TestApp.config(temp.resolve("lake"), server.baseUrl(),
                    Map.of("quantmini.polygon.timeout-seconds", "30")),
                    new IngestRequest("stocks_daily", day, day, false));
        }
        assertEquals(0, run.retries(), run.failures().toString());
        assertEquals(1, run.requests());
        assertFalse(run.failed(), run.failures().toString());
    }
}
