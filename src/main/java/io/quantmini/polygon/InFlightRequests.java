package io.quantmini.polygon;

import org.apache.hc.client5.http.classic.ExecRuntime;
import org.apache.hc.core5.concurrent.Cancellable;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests to Polygon in flight right now, so that a stopping process can cut them: a server that stalls
 * mid-answer would otherwise hold a Ctrl-C for the whole request deadline. A request is listed when it starts,
 * whether it holds a connection yet or still waits for one, and forgotten once its answer is read or its deadline
 * passes ({@link RequestDeadline}).
 */
public final class InFlightRequests {

    /** How long a stop (a signal) gives the requests in flight to be answered before it cuts them. */
    public static final int STOP_GRACE_SECONDS = 5;

    /** Each request in flight, with what cuts it wherever it is: waiting for a connection, connecting, or reading. */
    private static final Map<ExecRuntime, Cancellable> IN_FLIGHT = new ConcurrentHashMap<>();
    /** Requests cut by {@link #cutAll}, until their deadline passes: their failure says so. */
    private static final Set<ExecRuntime> CUT = ConcurrentHashMap.newKeySet();

    private InFlightRequests() {
    }

    /**
     * @param request how to cut it: the request as the caller made it, which the client cancels in whatever step it
     *                is (see {@link RequestDeadline})
     */
    static void started(ExecRuntime runtime, Cancellable request) {
        IN_FLIGHT.put(runtime, request);
    }

    /**
     * A request answered (its body read or closed) or failed before its deadline: nothing to cut any more. Whether a
     * stop cut it stays known, for its failure to say so.
     */
    static void finished(ExecRuntime request) {
        IN_FLIGHT.remove(request);
    }

    /** How many requests are listed: for tests. */
    static int inFlight() {
        return IN_FLIGHT.size();
    }

    static void forget(ExecRuntime request) {
        IN_FLIGHT.remove(request);
        CUT.remove(request);
    }

    static boolean wasCut(ExecRuntime request) {
        return CUT.contains(request);
    }

    /** Requests whose connection their deadline closed, with that deadline, until their failure has said so. */
    private static final java.util.Map<ExecRuntime, Long> PAST_DEADLINE =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    static void pastDeadline(ExecRuntime request, long seconds) {
        PAST_DEADLINE.put(request, seconds);
    }

    /** The deadline that closed the request's connection, or null; forgotten once asked. */
    static Long takePastDeadline(ExecRuntime request) {
        return PAST_DEADLINE.remove(request);
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
                        && IN_FLIGHT.remove(listed.getKey(), listed.getValue())) {
                    CUT.add(listed.getKey());
                    listed.getValue().cancel();
                    cut++;
                }
            }
        }
        return cut;
    }
}
