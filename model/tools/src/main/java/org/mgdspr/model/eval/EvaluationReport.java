package org.mgdspr.model.eval;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Metrics of every evaluated system, overall and per request segment (for example ambiguous queries).
 *
 * @param systems     system name ({@link #MODEL}, {@link #NO_USER}, {@link #BM25}) to metric name to value
 * @param segments    segment name to the same per-system map restricted to that segment
 * @param catalogSize items in the retrieval pool
 * @param requests    test requests evaluated
 */
public record EvaluationReport(
    Map<String, Map<String, Double>> systems,
    Map<String, Map<String, Map<String, Double>>> segments,
    int catalogSize,
    int requests) {

    public static final String MODEL = "mgdspr";
    public static final String NO_USER = "mgdspr_no_user";
    public static final String BM25 = "bm25";
    public static final String TEACHER = "teacher";
    /** Systems named {@code fusion/<name>} are fusions of the model and BM25; JSON lists them under {@code fusion}. */
    public static final String FUSION_PREFIX = "fusion/";

    public EvaluationReport {
        Objects.requireNonNull(systems, "systems");
        if (!systems.containsKey(MODEL)) {
            throw new IllegalArgumentException("an evaluation report needs the " + MODEL + " system, got "
                + systems.keySet());
        }
        systems = copy(systems);
        Map<String, Map<String, Map<String, Double>>> segmentCopy = new LinkedHashMap<>();
        Objects.requireNonNull(segments, "segments").forEach((name, bySystem) -> segmentCopy.put(name, copy(bySystem)));
        segments = Collections.unmodifiableMap(segmentCopy);
    }

    /** One metric of the model, e.g. {@code "recall@1000"}; NaN when it was not computed. */
    public double model(String metric) {
        return systems.get(MODEL).getOrDefault(metric, Double.NaN);
    }

    /**
     * The model's metrics at the top level (so {@code recall@10} etc. are top-level keys), then one object per
     * other system ({@code bm25}, {@code no_user_context}, {@code teacher}), the object {@code fusion} with one metrics
     * object per fusion ({@code rrf}, {@code weighted}, ...), the segments and the sizes; {@code extra} members
     * (training summary, dataset description) are appended.
     */
    public JsonObject toJson(JsonObject extra) {
        JsonObject json = metricsJson(systems.get(MODEL));
        if (systems.containsKey(BM25)) {
            json.add("bm25", metricsJson(systems.get(BM25)));
        }
        if (systems.containsKey(NO_USER)) {
            json.add("no_user_context", metricsJson(systems.get(NO_USER)));
        }
        if (systems.containsKey(TEACHER)) {
            json.add(TEACHER, metricsJson(systems.get(TEACHER)));
        }
        JsonObject fusion = new JsonObject();
        systems.forEach((system, metrics) -> {
            if (system.startsWith(FUSION_PREFIX)) {
                fusion.add(system.substring(FUSION_PREFIX.length()), metricsJson(metrics));
            }
        });
        if (!fusion.isEmpty()) {
            json.add("fusion", fusion);
        }
        JsonObject segmentJson = new JsonObject();
        segments.forEach((segment, bySystem) -> {
            JsonObject one = new JsonObject();
            bySystem.forEach((system, metrics) -> one.add(system, metricsJson(metrics)));
            segmentJson.add(segment, one);
        });
        json.add("segments", segmentJson);
        json.addProperty("catalog_size", catalogSize);
        json.addProperty("test_requests", requests);
        if (extra != null) {
            extra.entrySet().forEach(member -> json.add(member.getKey(), member.getValue()));
        }
        return json;
    }

    public String toJsonString(JsonObject extra) {
        return new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create()
            .toJson(toJson(extra));
    }

    private static JsonObject metricsJson(Map<String, Double> metrics) {
        JsonObject json = new JsonObject();
        metrics.forEach(json::addProperty);
        return json;
    }

    private static Map<String, Map<String, Double>> copy(Map<String, Map<String, Double>> bySystem) {
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        bySystem.forEach((system, metrics) -> copy.put(system,
            Collections.unmodifiableMap(new LinkedHashMap<>(metrics))));
        return Collections.unmodifiableMap(copy);
    }
}
