package org.mgdspr.e2e;

import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outcome of every request of a chaos run, summarized per phase of its {@link ChaosTimeline}: answers, errors by
 * type, slow requests, latency percentiles of the answers and the longest stretch without any answer.
 */
final class OutcomeLog {

    static final String OK = "ok";

    private static final Pattern HTTP_ERROR = Pattern.compile("-> HTTP (\\d{3}): ([A-Za-z_]+)");

    /** One finished request; {@code result} is {@link #OK} or the type of its error. */
    record Outcome(long startNanos, long nanos, String result) {}

    private final List<Outcome> outcomes = new ArrayList<>();

    synchronized void add(long startNanos, String result) {
        outcomes.add(new Outcome(startNanos, System.nanoTime() - startNanos, result));
    }

    /** The error type of a failed request: the HTTP status and OpenSearch's error type, else the root cause's class. */
    static String errorType(RuntimeException error) {
        Matcher http = HTTP_ERROR.matcher(String.valueOf(error.getMessage()));
        if (http.find()) {
            return "HTTP " + http.group(1) + " " + http.group(2);
        }
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    /** Per phase: requests started in it and how they ended; answers slower than {@code slowNanos} count as slow. */
    synchronized JsonObject summary(ChaosTimeline timeline, long slowNanos) {
        JsonObject phases = new JsonObject();
        for (ChaosTimeline.Phase phase : ChaosTimeline.Phase.values()) {
            List<Outcome> in = outcomes.stream().filter(o -> timeline.phaseOf(o.startNanos()) == phase).toList();
            long[] answered = in.stream().filter(o -> o.result().equals(OK)).mapToLong(Outcome::nanos).toArray();
            Map<String, Integer> errors = new TreeMap<>();
            in.stream().filter(o -> !o.result().equals(OK)).forEach(o -> errors.merge(o.result(), 1, Integer::sum));
            JsonObject json = new JsonObject();
            json.addProperty("seconds", timeline.seconds(phase));
            json.addProperty("requests", in.size());
            json.addProperty("answered", answered.length);
            json.add("errors", counts(errors));
            json.addProperty("slow", in.stream().filter(o -> o.nanos() > slowNanos).count());
            if (answered.length > 0) {
                LatencyStats stats = LatencyStats.of(answered, timeline.seconds(phase));
                json.addProperty("p50_ms", stats.p50Millis());
                json.addProperty("p99_ms", stats.p99Millis());
                json.addProperty("answers_per_s", stats.throughputPerSecond());
            }
            json.addProperty("longest_gap_without_answer_s", longestGapSeconds(in, timeline, phase));
            phases.add(phase.label, json);
        }
        return phases;
    }

    static JsonObject counts(Map<String, Integer> counts) {
        JsonObject json = new JsonObject();
        counts.forEach(json::addProperty);
        return json;
    }

    /** The longest time within the phase during which no request came back answered. */
    private static double longestGapSeconds(List<Outcome> in, ChaosTimeline timeline, ChaosTimeline.Phase phase) {
        long[] ends = in.stream().filter(o -> o.result().equals(OK)).mapToLong(o -> o.startNanos() + o.nanos())
            .sorted().toArray();
        long previous = timeline.startNanos(phase);
        long longest = 0;
        for (long end : ends) {
            longest = Math.max(longest, end - previous);
            previous = Math.max(previous, end);
        }
        longest = Math.max(longest, timeline.endNanos(phase) - previous);
        return longest / 1e9;
    }
}
