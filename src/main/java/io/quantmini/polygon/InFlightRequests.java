package io.quantmini.polygon;

import org.apache.hc.client5.http.classic.ExecRuntime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests to Polygon holding a connection right now, so that a stopping process can cut them: a server that
 * stalls mid-answer would otherwise hold a Ctrl-C for the whole request deadline. A request is listed when it starts
 * and forgotten once its answer is read or its deadline passes ({@link RequestDeadline}).
 */
public final class InFlightRequests {

    /** How long a stop (a signal) gives the requests in flight to be answered before it cuts them. */
    public static final int STOP_GRACE_SECONDS = 5;

    private static final Set<ExecRuntime> HOLDING = ConcurrentHashMap.newKeySet();
    /** Requests cut by {@link #cutAll}, until their deadline passes: their failure says so. */
    private static final Set<ExecRuntime> CUT = ConcurrentHashMap.newKeySet();

    private InFlightRequests() {
    }

    static void started(ExecRuntime request) {
        HOLDING.add(request);
    }

    /**
     * A request answered (its body read or closed) or failed before its deadline: nothing to cut any more. Whether a
     * stop cut it stays known, for its failure to say so.
     */
    static void finished(ExecRuntime request) {
        HOLDING.remove(request);
    }

    /** How many requests are listed: for tests. */
    static int holding() {
        return HOLDING.size();
    }

    static void forget(ExecRuntime request) {
        HOLDING.remove(request);
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

    /** Closes the connection of every request still holding one: its read fails, and a stopped run retries nothing. */
    public static int cutAll() {
        int cut = 0;
        for (ExecRuntime request : HOLDING) {
            if (request.isEndpointAcquired()) {
                CUT.add(request);
                request.discardEndpoint();
                cut++;
            }
            HOLDING.remove(request);
        }
        return cut;
    }
}
