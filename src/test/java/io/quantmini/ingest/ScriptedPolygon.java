package io.quantmini.ingest;

import io.quantmini.replay.PolygonResponder;
import io.quantmini.replay.ReplayResponse;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fake Polygon for failure tests: requests whose path contains a scripted fragment get the scripted
 * answers first, in order; everything else (and a fragment whose script ran out) goes to the delegate.
 */
public final class ScriptedPolygon implements PolygonResponder {

    private final PolygonResponder delegate;
    private final Map<String, Deque<ReplayResponse>> scripts = new LinkedHashMap<>();
    private final Map<String, ReplayResponse> always = new LinkedHashMap<>();

    public ScriptedPolygon(PolygonResponder delegate) {
        this.delegate = delegate;
    }

    public synchronized ScriptedPolygon first(String pathFragment, ReplayResponse... responses) {
        scripts.computeIfAbsent(pathFragment, k -> new ArrayDeque<>()).addAll(java.util.List.of(responses));
        return this;
    }

    public synchronized ScriptedPolygon always(String pathFragment, ReplayResponse response) {
        always.put(pathFragment, response);
        return this;
    }

    @Override
    public ReplayResponse respond(String path, Map<String, String> query, String baseUrl) {
        synchronized (this) {
            for (Map.Entry<String, ReplayResponse> entry : always.entrySet()) {
                if (path.contains(entry.getKey())) {
                    return entry.getValue();
                }
            }
            for (Map.Entry<String, Deque<ReplayResponse>> entry : scripts.entrySet()) {
                if (path.contains(entry.getKey()) && !entry.getValue().isEmpty()) {
                    return entry.getValue().poll();
                }
            }
        }
        return delegate.respond(path, query, baseUrl);
    }
}
