package io.quantmini.polygon;

import io.quantmini.app.QuantMiniCamel;
import io.quantmini.config.QuantMiniConfig;
import io.quantmini.ingest.IngestRequest;
import io.quantmini.ingest.IngestRun;
import io.quantmini.ingest.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a stop (a signal, after its grace) does to the requests to Polygon still unanswered. */
class InFlightRequestsTest {

    private static final LocalDate DAY = LocalDate.of(2024, 1, 2);

    @TempDir
    Path temp;

    /**
     * One connection (max-concurrent 1), held by a request the server never answers, and two runs in one app: the
     * second run's request waits for that connection. The stop cuts both. Before, it cut only the one holding the
     * connection; the waiting one then took the freed connection and waited out its whole deadline (60 s here).
     */
    @Test
    void aStopCutsTheRequestsWaitingForAConnectionToo() throws Exception {
        int before = InFlightRequests.inFlight(); // another test's request, its answer never read, may still be listed
        try (StallingServer polygon = new StallingServer()) {
            QuantMiniConfig config = TestApp.config(temp.resolve("lake"), polygon.baseUrl(), Map.of(
                    QuantMiniConfig.MAX_CONCURRENT, "1", QuantMiniConfig.TIMEOUT_SECONDS, "60",
                    QuantMiniConfig.REQUEST_DEADLINE_SECONDS, "60"));
            IngestRun bars = new IngestRun(new IngestRequest("stocks_daily", DAY, DAY, false));
            IngestRun splits = new IngestRun(new IngestRequest("splits", DAY, DAY, false));
            ExecutorService runs = Executors.newFixedThreadPool(2);
            try (QuantMiniCamel app = QuantMiniCamel.create(config, TestApp.ROUTES_DIR, false, Clock.systemUTC())
                    .start()) {
                Future<?> barsRun = runs.submit(() -> app.ingest(bars));
                Future<?> splitsRun = runs.submit(() -> app.ingest(splits));
                long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while ((polygon.asked() < 1 || InFlightRequests.inFlight() < before + 2)
                        && System.nanoTime() < giveUp) {
                    Thread.sleep(20);
                }
                assertEquals(1, polygon.asked(), "one request holds the one connection");
                assertEquals(before + 2, InFlightRequests.inFlight(), "the other waits for it");

                long stopped = System.nanoTime();
                String reason = "a signal asked the process to stop";
                bars.abort(reason);
                splits.abort(reason);
                assertEquals(2, InFlightRequests.cutAll(), "the request holding the connection and the one waiting");
                barsRun.get(30, TimeUnit.SECONDS);
                splitsRun.get(30, TimeUnit.SECONDS);
                double seconds = (System.nanoTime() - stopped) / 1e9;

                assertTrue(seconds < 5, "ended " + seconds + " s after the stop, not at the 60 s deadline");
                assertEquals(1, polygon.asked(), "the waiting request was not sent after the stop");
                for (IngestRun run : List.of(bars, splits)) {
                    assertEquals(1, run.failedDays(), run.failureSummary());
                    assertTrue(run.failureSummary().contains("cut by the stop (/v"), run.failureSummary());
                    assertEquals(0, run.retries(), "a stopped run retries nothing: " + run.failureSummary());
                }
            } finally {
                polygon.close(); // the requests still stalled, if the stop left any, fail now: the app can close
                runs.shutdownNow();
            }
        }
    }

    /** A fake Polygon on loopback that accepts every connection and never answers. */
    private static final class StallingServer implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> stalled = new CopyOnWriteArrayList<>();

        StallingServer() throws IOException {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        stalled.add(server.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "stalling-polygon");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        /** Connections accepted: each carries one request, never answered. */
        int asked() {
            return stalled.size();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket connection : stalled) {
                connection.close();
            }
        }
    }
}
