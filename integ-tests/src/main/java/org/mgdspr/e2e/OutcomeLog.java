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

    private static final int DETAIL_CHARS = 400;
    private static final Pattern HTTP_ERROR = Pattern.compile("-> HTTP (\\d{3}): ([A-Za-z_]+)");

    /** One finished request. */
    private record Outcome(long startNanos, long nanos, Result result) {

        boolean answered() {
            return result.type().equals(OK);
        }
    }

    private final List<Outcome> outcomes = new ArrayList<>();

    /** How one request ended: {@link #OK}, or an error's type with the start of its message. */
    record Result(String type, String detail) {
        static final Result ANSWERED = new Result(OK, "");

        Result {
            detail = detail.length() <= DETAIL_CHARS ? detail : detail.substring(0, DETAIL_CHARS) + "...";
        }

        static Result of(RuntimeException error) {
            return new Result(errorType(error), String.valueOf(error.getMessage()));
        }
    }

    synchronized void add(long startNanos, Result result) {
        outcomes.add(new Outcome(startNanos, System.nanoTime() - startNanos, result));
    }

    /** The error type of a failed request: the HTTP status and OpenSearch's error type, else the root cause's class. */
    private static String errorType(RuntimeException error) {
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

    /**
     * Per phase: the requests and how they ended, with one example message per error type; answers slower than
     * {@code slowNanos} count as slow.
     */
    synchronized JsonObject summary(ChaosTimeline timeline, long slowNanos) {
        JsonObject phases = new JsonObject();
        for (ChaosTimeline.Phase phase : ChaosTimeline.Phase.values()) {
            List<Outcome> in = outcomes.stream()
                .filter(o -> timeline.phaseOf(o.startNanos(), o.startNanos() + o.nanos()) == phase).toList();
            long[] answered = in.stream().filter(Outcome::answered).mapToLong(Outcome::nanos).toArray();
            Map<String, Integer> errors = new TreeMap<>();
            Map<String, String> examples = new TreeMap<>();
            in.stream().filter(o -> !o.answered()).forEach(o -> {
                errors.merge(o.result().type(), 1, Integer::sum);
                examples.putIfAbsent(o.result().type(), o.result().detail());
            });
            JsonObject json = new JsonObject();
            json.addProperty("requests", in.size());
            json.addProperty("answered", answered.length);
            json.add("errors", counts(errors));
            JsonObject exampleJson = new JsonObject();
            examples.forEach(exampleJson::addProperty);
            json.add("error_examples", exampleJson);
            json.addProperty("slow", in.stream().filter(o -> o.nanos() > slowNanos).count());
            if (answered.length > 0) {
                // the throughput of LatencyStats is only read for windows of time
                LatencyStats stats = LatencyStats.of(answered, phase.windowed ? timeline.seconds(phase) : 1);
                json.addProperty("p50_ms", stats.p50Millis());
                json.addProperty("p99_ms", stats.p99Millis());
                if (phase.windowed) {
                    json.addProperty("answers_per_s", stats.throughputPerSecond());
                }
            }
            if (phase.windowed) {
                json.addProperty("seconds", timeline.seconds(phase));
                json.addProperty("longest_gap_without_answer_s", longestGapSeconds(in, timeline, phase));
            }
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
        long[] ends = in.stream().filter(Outcome::answered).mapToLong(o -> o.startNanos() + o.nanos())
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
