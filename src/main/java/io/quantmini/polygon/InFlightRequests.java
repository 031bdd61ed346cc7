package io.quantmini.polygon;

import org.apache.hc.client5.http.classic.ExecRuntime;
import org.apache.hc.core5.concurrent.Cancellable;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests to Polygon in flight right now, so that they can be cut short wherever they are (waiting for a
 * connection, connecting, or reading): by a stopping process, since a server that stalls mid-answer would otherwise
 * hold a Ctrl-C for the whole request deadline, and by that deadline itself ({@link RequestDeadline}). A request is
 * listed when it starts and forgotten once its answer is read or it is cut. One per application: a stop cuts the
 * requests of its own application, never those of another in the same JVM.
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
}
