package org.mgdspr.plugin.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Per-node latency recorders of inference calls, keyed by operation (for example {@code item_tower}). */
public final class InferenceStats {

    private final ConcurrentHashMap<String, LatencyRecorder> recorders = new ConcurrentHashMap<>();

    public void record(String operation, long nanos) {
        recorders.computeIfAbsent(operation, key -> new LatencyRecorder()).record(nanos);
    }

    /** Sorted by operation so responses are stable. */
    public Map<String, LatencySnapshot> snapshot() {
        Map<String, LatencySnapshot> snapshot = new TreeMap<>();
        recorders.forEach((operation, recorder) -> snapshot.put(operation, recorder.snapshot()));
        return snapshot;
    }
}
