package io.quantmini.polygon;

import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ScheduledFuture;

/**
 * A bound on a whole request, body included. The client's timeouts bound each wait for a byte, so a server that
 * sends one byte a minute holds a request (and a fetch thread) for ever. When the deadline passes, the request is cut
 * wherever it is ({@link InFlightRequests#cut}): holding a connection, the connection is closed under it and the read
 * in progress fails; still waiting for a free connection, it gives up the wait, instead of taking one later and
 * running with no bound at all. Either way it is retried like any dropped connection. A request whose answer has been
 * read (to its end, or closed) cancels its timer.
 */
final class RequestDeadline implements ExecChainHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDeadline.class);
    private static final String SETTING = "quantmini.polygon.request-deadline-seconds";

    private final long seconds;
    private final InFlightRequests inFlight;

    /** @param inFlight the application's requests in flight, where each request is listed to be cut, and its timer */
    RequestDeadline(long seconds, InFlightRequests inFlight) {
        this.seconds = seconds;
        this.inFlight = inFlight;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        String path = request.getPath() == null ? "" : request.getPath().replaceAll("\\?.*", "");
        inFlight.started(scope.execRuntime, cancellable(scope));
        String pastDeadline = "no complete answer within " + seconds + " s (" + SETTING + ")";
        ScheduledFuture<?> timer;
        try {
            timer = inFlight.atDeadline(() -> {
                boolean waiting = !scope.execRuntime.isEndpointAcquired();
                if (inFlight.cut(scope.execRuntime, pastDeadline)) {
                    LOG.warn("{}: no complete answer after {} s ({}): {}", path, seconds, SETTING,
                            waiting ? "still waiting for a free connection, given up" : "closing the connection");
                }
            }, seconds);
        } catch (IOException applicationStopped) {
            inFlight.finished(scope.execRuntime);
            throw applicationStopped;
        }
        Runnable answered = () -> {
            if (timer.cancel(false)) {
                inFlight.finished(scope.execRuntime);
            }
        };
        ClassicHttpResponse response;
        try {
            response = chain.proceed(request, scope);
        } catch (IOException | HttpException | RuntimeException e) {
            answered.run();
            throw e;
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            answered.run();
        } else {
            response.setEntity(new AnswerBeingRead(entity, answered));
        }
        return response;
    }

    /**
     * What cuts the request wherever it is. The request as the caller made it (camel-http's) is the one the client
     * cancels: waiting for a connection, it gives up the wait; holding one, the connection is closed. A request the
     * client cannot cancel has its connection closed, if it holds one yet.
     */
    private static Cancellable cancellable(ExecChain.Scope scope) {
        if (scope.originalRequest instanceof Cancellable request) {
            return request;
        }
        return () -> {
            scope.execRuntime.discardEndpoint();
            return true;
        };
    }

    /** The answer's body, which calls {@code answered} once read to its end or closed. */
    private static final class AnswerBeingRead extends HttpEntityWrapper {
        private final Runnable answered;

        AnswerBeingRead(HttpEntity entity, Runnable answered) {
            super(entity);
            this.answered = answered;
        }

        @Override
        public InputStream getContent() throws IOException {
            return new FilterInputStream(super.getContent()) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b < 0) {
                        answered.run();
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n < 0) {
                        answered.run();
                    }
                    return n;
                }

                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        answered.run();
                    }
                }
            };
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                answered.run();
            }
        }
    }
}
