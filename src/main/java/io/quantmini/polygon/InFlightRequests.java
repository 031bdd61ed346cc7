package io.quantmini.polygon;

import org.apache.hc.client5.http.classic.ExecRuntime;
import org.apache.hc.core5.concurrent.Cancellable;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The requests to Polygon in flight right now, so that they can be cut short wherever they are (waiting for a
 * connection, connecting, or reading): by a stopping process, since a server that stalls mid-answer would otherwise
 * hold a Ctrl-C for the whole request deadline, and by that deadline itself ({@link RequestDeadline}). A request is
 * listed when it starts and forgotten once its answer is read or it is cut. One per application: a stop cuts the
 * requests of its own application, never those of another in the same JVM, and the deadlines' timer is the
 * application's too, its thread ended with the application ({@link #close}).
 */
public final class InFlightRequests {

    /** How long a stop (a signal) gives the requests in flight to be answered before it cuts them. */
    public static final int STOP_GRACE_SECONDS = 5;

    /** What a stop's cut request fails with, before the request's path. */
    static final String CUT_BY_THE_STOP = "cut by the stop";

    /** Each request in flight, with what cuts it wherever it is: waiting for a connection, connecting, or reading. */
    private final Map<ExecRuntime, Cancellable> listed = new ConcurrentHashMap<>();
    /**
     * Why each cut request was cut, for its failure to say so. Weakly held: the entry goes with the request, so a
     * long-lived process does not keep one per request it ever cut.
     */
    private final Map<ExecRuntime, String> whyCut = Collections.synchronizedMap(new WeakHashMap<>());
    /** Each request's deadline: one thread, made at the first request. */
    private final ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "polygon-request-deadline");
        thread.setDaemon(true);
        return thread;
    });

    public InFlightRequests() {
        // A request's timer goes when its answer has been read: left queued, each held the request for the whole
        // deadline (10 minutes by default), ~5 KB a request, so a backfill's heap grew with its request rate.
        deadlines.setRemoveOnCancelPolicy(true);
    }

    /**
     * @param request how to cut it: the request as the caller made it, which the client cancels in whatever step it
     *                is (see {@link RequestDeadline})
     */
    void started(ExecRuntime runtime, Cancellable request) {
        listed.put(runtime, request);
    }

    /** A request answered (its body read or closed) or failed on its own: nothing to cut any more. */
    void finished(ExecRuntime request) {
        listed.remove(request);
    }

    /** How many requests are listed: for tests. */
    int inFlight() {
        return listed.size();
    }

    /**
     * Runs {@code cut} {@code seconds} from now, unless the timer returned is cancelled first (the answer read).
     *
     * @throws IOException once the application has stopped ({@link #close}): no request is sent any more
     */
    ScheduledFuture<?> atDeadline(Runnable cut, long seconds) throws IOException {
        try {
            return deadlines.schedule(cut, seconds, TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopped) {
            throw new IOException("not sent: the application has stopped");
        }
    }

    /** Deadlines still to come, of requests whose answer is not read yet: for tests. */
    int pendingDeadlines() {
        return deadlines.getQueue().size();
    }

    /**
     * Cuts one request, if it is still in flight.
     *
     * @param because what its failure says, before its path
     * @return whether it was in flight, and is now cut
     */
    boolean cut(ExecRuntime request, String because) {
        Cancellable cutter = listed.remove(request);
        if (cutter == null) {
            return false; // answered, or cut by another, meanwhile
        }
        whyCut.put(request, because); // before the cancel: the request fails at once, in its own thread
        cutter.cancel();
        return true;
    }

    /** Why the request was cut ({@link #CUT_BY_THE_STOP}, its deadline), or null if it was not. */
    String cutBecause(ExecRuntime request) {
        return whyCut.get(request);
    }

    /**
     * Cuts every request in flight: one holding a connection has it closed, so its read fails; one still waiting for
     * a connection (all of them busy) gives up the wait, instead of taking the next free one and running to its
     * deadline. A stopped run retries nothing.
     */
    public int cutAll() {
        int cut = 0;
        // the waiting ones first: a connection the others' cut frees is then taken by none of them
        for (boolean waiting : new boolean[] {true, false}) {
            for (ExecRuntime request : listed.keySet()) {
                if ((!waiting || !request.isEndpointAcquired()) && cut(request, CUT_BY_THE_STOP)) {
                    cut++;
                }
            }
        }
        return cut;
    }

    /**
     * The application has stopped: the deadlines' timer thread ends. What is still in flight was cut by the stop, or
     * fails as the client closes its connections.
     */
    public void close() {
        deadlines.shutdownNow();
    }
}
