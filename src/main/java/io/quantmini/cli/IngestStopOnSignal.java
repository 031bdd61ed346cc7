package io.quantmini.cli;

import io.quantmini.app.QuantMiniCamel;
import io.quantmini.ingest.IngestRun;
import io.quantmini.polygon.InFlightRequests;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM or Ctrl-C during an ingest: no new day starts, the days in flight finish (each is written atomically),
 * and the summary says what was left, before the process exits (143 or 130). Without it the run went on starting
 * days until Camel's shutdown timeout cut them off mid-request. Held from the run's start until its summary is out.
 */
final class IngestStopOnSignal {
    private final CountDownLatch reported = new CountDownLatch(1);
    private final ShutdownHook hook;
    /** The requests the stop cuts after its grace: those of the application running the ingest, once it runs. */
    private volatile InFlightRequests requests;

    IngestStopOnSignal(IngestRun run) {
        hook = ShutdownHook.register("ingest-stop-on-signal", () -> {
            run.abort("a signal asked the process to stop (an --incremental re-run fetches the days it left)");
            try {
                // A request still unanswered after the grace is cut: a stalled server would hold the stop for the
                // whole request deadline. Its day fails, is not retried, and the summary still comes out.
                if (!reported.await(InFlightRequests.STOP_GRACE_SECONDS, TimeUnit.SECONDS) && requests != null) {
                    requests.cutAll();
                }
                reported.await(60, TimeUnit.SECONDS); // the JVM exits when the hooks end
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** The application whose requests a stop cuts: the one running the ingest. */
    void cuts(QuantMiniCamel app) {
        requests = app.requestsInFlight();
    }

    /** The summary is out: a hook already running returns now. */
    void reported() {
        reported.countDown();
        hook.close();
    }
}
