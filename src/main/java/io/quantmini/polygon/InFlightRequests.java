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
 * listed when it starts and forgotten once its answer is read or it is cut.
 */
public final class InFlightRequests {

    /** How long a stop (a signal) gives the requests in flight to be answered before it cuts them. */
    public static final int STOP_GRACE_SECONDS = 5;

    /** What a stop's cut request fails with, before the request's path. */
    static final String CUT_BY_THE_STOP = "cut by the stop";

    /** Each request in flight, with what cuts it wherever it is: waiting for a connection, connecting, or reading. */
    private static final Map<ExecRuntime, Cancellable> IN_FLIGHT = new ConcurrentHashMap<>();
    /**
     * Why each cut request was cut, for its failure to say so. Weakly held: the entry goes with the request, so a
     * long-lived process does not keep one per request it ever cut.
     */
    private static final Map<ExecRuntime, String> CUT_BECAUSE = Collections.synchronizedMap(new WeakHashMap<>());

    private InFlightRequests() {
    }

    /**
     * @param request how to cut it: the request as the caller made it, which the client cancels in whatever step it
     *                is (see {@link RequestDeadline})
     */
    static void started(ExecRuntime runtime, Cancellable request) {
        IN_FLIGHT.put(runtime, request);
    }

    /** A request answered (its body read or closed) or failed on its own: nothing to cut any more. */
    static void finished(ExecRuntime request) {
        IN_FLIGHT.remove(request);
    }

    /** How many requests are listed: for tests. */
    static int inFlight() {
        return IN_FLIGHT.size();
    }

    /**
     * Cuts one request, if it is still in flight.
     *
     * @param because what its failure says, before its path
     * @return whether it was in flight, and is now cut
     */
    static boolean cut(ExecRuntime request, String because) {
        Cancellable listed = IN_FLIGHT.get(request);
        return listed != null && cut(request, listed, because);
    }

    private static boolean cut(ExecRuntime request, Cancellable listed, String because) {
        if (!IN_FLIGHT.remove(request, listed)) {
            return false; // answered, or cut by another, meanwhile
        }
        CUT_BECAUSE.put(request, because); // before the cancel: the request fails at once, in its own thread
        listed.cancel();
        return true;
    }

    /** Why the request was cut ({@link #CUT_BY_THE_STOP}, its deadline), or null if it was not. */
    static String cutBecause(ExecRuntime request) {
        return CUT_BECAUSE.get(request);
    }

    /**
     * Cuts every request in flight: one holding a connection has it closed, so its read fails; one still waiting for
     * a connection (all of them busy) gives up the wait, instead of taking the next free one and running to its
     * deadline. A stopped run retries nothing.
     */
    public static int cutAll() {
        int cut = 0;
        // the waiting ones first: a connection the others' cut frees is then taken by none of them
        for (boolean waiting : new boolean[] {true, false}) {
            for (Map.Entry<ExecRuntime, Cancellable> listed : IN_FLIGHT.entrySet()) {
                if ((!waiting || !listed.getKey().isEndpointAcquired())
                        && cut(listed.getKey(), listed.getValue(), CUT_BY_THE_STOP)) {
                    cut++;
                }
            }
        }
        return cut;
    }
}
