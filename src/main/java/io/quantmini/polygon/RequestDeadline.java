package io.quantmini.polygon;

import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A bound on a whole request, body included. The client's timeouts bound each wait for a byte, so a server that
 * sends one byte a minute holds a request (and a fetch thread) for ever. When the deadline passes while the request
 * still holds its connection, the connection is closed under it: the read in progress fails, and the request is
 * retried like any dropped connection. A request that finished has given its connection back, and the late timer
 * does nothing.
 */
final class RequestDeadline implements ExecChainHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDeadline.class);
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "polygon-request-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final long seconds;

    RequestDeadline(long seconds) {
        this.seconds = seconds;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        String path = request.getPath() == null ? "" : request.getPath().replaceAll("\\?.*", "");
        InFlightRequests.started(scope.execRuntime);
        TIMERS.schedule(() -> {
            InFlightRequests.forget(scope.execRuntime);
            if (scope.execRuntime.isEndpointAcquired()) {
                LOG.warn("{}: no complete answer after {} s (quantmini.polygon.request-deadline-seconds): closing the"
                        + " connection", path, seconds);
                InFlightRequests.pastDeadline(scope.execRuntime, seconds);
                scope.execRuntime.discardEndpoint();
            }
        }, seconds, TimeUnit.SECONDS);
        return chain.proceed(request, scope);
    }
}
