package io.quantmini.polygon;

import io.quantmini.app.QuantMiniCamel;
import io.quantmini.config.QuantMiniConfig;
import io.quantmini.ingest.IngestRequest;
import io.quantmini.ingest.IngestRun;
import io.quantmini.ingest.TestApp;
import org.apache.hc.client5.http.classic.ExecRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a stop (a signal, after its grace) and a request deadline do to the requests to Polygon still unanswered. */
class InFlightRequestsTest {

    private static final LocalDate DAY = LocalDate.of(2024, 1, 2);

    @TempDir
    Path temp;

    /** Two runs started together in one app, for the tests over one connection: one of them waits for the other. */
    private final IngestRun bars = new IngestRun(new IngestRequest("stocks_daily", DAY, DAY, false));
    private final IngestRun splits = new IngestRun(new IngestRequest("splits", DAY, DAY, false));
    private final ExecutorService threads = Executors.newFixedThreadPool(3);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** An application with one connection to Polygon (max-concurrent 1), started. */
    private QuantMiniCamel oneConnectionApp(RawLoopbackServer polygon, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put(QuantMiniConfig.MAX_CONCURRENT, "1");
        return QuantMiniCamel.create(TestApp.config(temp.resolve("lake"), polygon.baseUrl(), all), TestApp.ROUTES_DIR,
                false, Clock.systemUTC()).start();
    }

    /** Starts {@link #bars} and {@link #splits} in {@code app} at once. */
    private List<Future<?>> startBoth(QuantMiniCamel app) {
        return List.of(threads.submit(() -> app.ingest(bars)), threads.submit(() -> app.ingest(splits)));
    }

    private static void awaitBoth(List<Future<?>> runs) throws Exception {
        for (Future<?> run : runs) {
            run.get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * One connection (max-concurrent 1), held by a request the server never answers, and two runs in one app: the
     * second run's request waits for that connection. The stop cuts both. Before, it cut only the one holding the
     * connection; the waiting one then took the freed connection and waited out its whole deadline (60 s here).
     */
    @Test
    void aStopCutsTheRequestsWaitingForAConnectionToo() throws Exception {
        try (RawLoopbackServer polygon = stallingServer();
             QuantMiniCamel app = oneConnectionApp(polygon, Map.of(QuantMiniConfig.TIMEOUT_SECONDS, "60",
                     QuantMiniConfig.REQUEST_DEADLINE_SECONDS, "60"))) {
            List<Future<?>> both = startBoth(app);
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            InFlightRequests inFlight = app.requestsInFlight();
            while ((polygon.accepted() < 1 || inFlight.inFlight() < 2) && System.nanoTime() < giveUp) {
                Thread.sleep(20);
            }
            assertEquals(1, polygon.accepted(), "one request holds the one connection");
            assertEquals(2, inFlight.inFlight(), "the other waits for it");

            long stopped = System.nanoTime();
            String reason = "a signal asked the process to stop";
            bars.abort(reason);
            splits.abort(reason);
            assertEquals(2, inFlight.cutAll(), "the request holding the connection and the one waiting");
            awaitBoth(both);
            double seconds = (System.nanoTime() - stopped) / 1e9;

            assertTrue(seconds < 5, "ended " + seconds + " s after the stop, not at the 60 s deadline");
            assertEquals(1, polygon.accepted(), "the waiting request was not sent after the stop");
            for (IngestRun run : List.of(bars, splits)) {
                assertEquals(1, run.failedDays(), run.failureSummary());
                assertTrue(run.failureSummary().contains("cut by the stop (/v"), run.failureSummary());
                assertEquals(0, run.retries(), "a stopped run retries nothing: " + run.failureSummary());
            }
        }
    }

    /**
     * Two applications in one JVM (tests; an embedding), each with a request the server never answers: a stop of the
     * daemon cuts its own request after the grace and leaves the other application's in flight. Before, the requests
     * in flight were the JVM's, and a stop cut those of every application.
     */
    @Test
    void aStopCutsOnlyTheRequestsOfItsOwnApplication() throws Exception {
        try (RawLoopbackServer polygon = stallingServer()) {
            Map<String, String> stalled = Map.of(QuantMiniConfig.TIMEOUT_SECONDS, "60",
                    QuantMiniConfig.REQUEST_DEADLINE_SECONDS, "60", QuantMiniConfig.MAX_RETRIES, "0");
            QuantMiniCamel daemon = QuantMiniCamel.create(TestApp.config(temp.resolve("daemon-lake"),
                    polygon.baseUrl(), stalled), TestApp.ROUTES_DIR, true, Clock.systemUTC());
            IngestRun daemonsRun = new IngestRun(new IngestRequest("stocks_daily", DAY, DAY, false));
            IngestRun othersRun = new IngestRun(new IngestRequest("stocks_daily", DAY, DAY, false));
            try (QuantMiniCamel other = QuantMiniCamel.create(TestApp.config(temp.resolve("other-lake"),
                    polygon.baseUrl(), stalled), TestApp.ROUTES_DIR, false, Clock.systemUTC()).start()) {
                CountDownLatch started = new CountDownLatch(1);
                Future<?> running = threads.submit(() -> {
                    daemon.runUntilStopped(started::countDown);
                    return null;
                });
                assertTrue(started.await(60, TimeUnit.SECONDS), "the daemon started");
                Future<?> daemonsIngest = threads.submit(() -> daemon.ingest(daemonsRun));
                Future<?> othersIngest = threads.submit(() -> other.ingest(othersRun));
                long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while ((polygon.accepted() < 2 || daemon.requestsInFlight().inFlight() < 1
                        || other.requestsInFlight().inFlight() < 1) && System.nanoTime() < giveUp) {
                    Thread.sleep(20);
                }
                assertEquals(2, polygon.accepted(), "each application's request stalls");

                daemon.close(); // the daemon's stop: its grace, then it cuts what is still unanswered
                running.get(60, TimeUnit.SECONDS);
                daemonsIngest.get(30, TimeUnit.SECONDS);
                assertTrue(daemonsRun.failureSummary().contains("cut by the stop (/v"), daemonsRun.failureSummary());
                assertEquals(1, other.requestsInFlight().inFlight(), "the other application's request is not cut");
                assertFalse(othersIngest.isDone(), "the other application's run goes on: "
                        + othersRun.failureSummary());

                assertEquals(1, other.requestsInFlight().cutAll(), "its own stop cuts it");
                othersIngest.get(30, TimeUnit.SECONDS);
                assertTrue(othersRun.failureSummary().contains("cut by the stop (/v"), othersRun.failureSummary());
            } finally {
                polygon.close();
            }
        }
    }

    /**
     * The same one connection, now held by a request whose answer trickles in (a header byte every 250 ms, so no read
     * ever times out) until its deadline. The request waiting for that connection is given up at its own deadline too.
     * Before, the deadline only closed a connection the request held: the waiting one took the freed connection and
     * then ran with no deadline at all, for as long as the trickle went on.
     */
    @Test
    void theDeadlineCutsARequestStillWaitingForAConnection() throws Exception {
        try (RawLoopbackServer polygon = tricklingServer();
             QuantMiniCamel app = oneConnectionApp(polygon, Map.of(QuantMiniConfig.TIMEOUT_SECONDS, "2",
                     QuantMiniConfig.REQUEST_DEADLINE_SECONDS, "2", QuantMiniConfig.MAX_RETRIES, "0"))) {
            long started = System.nanoTime();
            awaitBoth(startBoth(app));
            double seconds = (System.nanoTime() - started) / 1e9;

            assertTrue(seconds < 15, "both ended at their 2 s deadline, not " + seconds + " s later");
            for (IngestRun run : List.of(bars, splits)) {
                assertEquals(1, run.failedDays(), run.failureSummary());
                assertTrue(run.failureSummary().contains(
                        "no complete answer within 2 s (quantmini.polygon.request-deadline-seconds) (/v"),
                        run.failureSummary());
            }
        }
    }

    /**
     * The wait for a free connection has the client's own bound too (camel-http's, 3 minutes unless set): a request
     * that reaches it names what it waited for, not only the client's "Timeout deadline: 1000 MILLISECONDS".
     */
    @Test
    void aRequestGivenNoFreeConnectionInTimeSaysSo() throws Exception {
        try (RawLoopbackServer polygon = tricklingServer();
             QuantMiniCamel app = oneConnectionApp(polygon, Map.of(QuantMiniConfig.REQUEST_DEADLINE_SECONDS, "60",
                     QuantMiniConfig.MAX_RETRIES, "0", "camel.component.http.connection-request-timeout", "1000"))) {
            startBoth(app);
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (bars.failedDays() + splits.failedDays() < 1 && System.nanoTime() < giveUp) {
                Thread.sleep(20);
            }
            String failures = bars.failureSummary() + " | " + splits.failureSummary();
            assertTrue(failures.contains("no free connection to Polygon in time, all of"
                    + " quantmini.polygon.max-concurrent busy: "), failures);
            app.requestsInFlight().cutAll(); // the request holding the connection: the app can close
        }
    }

    /** A request cut short is remembered (for its failure's words) only as long as the request itself lives. */
    @Test
    void aCutRequestIsForgottenWithTheRequest() throws Exception {
        ExecRuntime request = (ExecRuntime) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ExecRuntime.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "isEndpointAcquired" -> false;
                    default -> null;
                });
        AtomicInteger cancelled = new AtomicInteger();
        InFlightRequests inFlight = new InFlightRequests();
        inFlight.started(request, () -> cancelled.incrementAndGet() > 0);
        assertTrue(inFlight.cut(request, "cut for the test"));
        assertFalse(inFlight.cut(request, "again"), "cut once");
        assertEquals(1, cancelled.get());
        assertEquals("cut for the test", inFlight.cutBecause(request));

        WeakReference<ExecRuntime> gone = new WeakReference<>(request);
        request = null;
        for (int i = 0; i < 50 && gone.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(gone.get(), "nothing but the record of its cut holds the request");
    }

    /** A fake Polygon on loopback that accepts every connection and never answers it, as long as it is open. */
    private static RawLoopbackServer stallingServer() throws IOException {
        return RawLoopbackServer.start(connection -> connection.getInputStream()
                .transferTo(OutputStream.nullOutputStream())); // what the client sends, until it hangs up
    }

    /**
     * A fake Polygon on loopback that accepts every connection and never completes an answer: it sends a status line
     * and then one byte of a header every 250 ms, for ever.
     */
    private static RawLoopbackServer tricklingServer() throws IOException {
        return RawLoopbackServer.start(connection -> {
            OutputStream out = connection.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            while (true) {
                out.flush();
                Thread.sleep(250);
                out.write('a');
            }
        });
    }
}
