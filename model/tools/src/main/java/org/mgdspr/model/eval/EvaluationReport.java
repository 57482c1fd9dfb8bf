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
 * @param systems     system name ({@link #MODEL}, {@link #NO_USER}, {@link #BM25}, {@link #ORACLE}, ...) to metric
 *                    name to value
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
    /** The model's hits re-ordered by the personal brand boost ({@link BrandBoost}). */
    public static final String BRAND_BOOST = "mgdspr_brand_boost";
    public static final String BM25 = "bm25";
    public static final String TEACHER = "teacher";
    /** Systems named {@code fusion/<name>} are fusions of the model and BM25; JSON lists them under {@code fusion}. */
    public static final String FUSION_PREFIX = "fusion/";
    /** The simulator's ranking by the click model with each user's true taste ({@code ClickOracle}). */
    public static final String ORACLE = "oracle";
    /** The same ranking with the taste left out: the query's ground truth alone. */
    public static final String ORACLE_NO_PREFERENCE = "oracle_no_preference";

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
     * Share of the personalization gap the user context closes on {@code metric}, overall ({@code segment} null) or
     * in a segment: (with context - without) / (oracle - without), where "with" and "without" are {@link #MODEL} and
     * {@link #NO_USER} and the oracle is {@link #ORACLE}. 1 means the context is worth as much as knowing the
     * user's true taste, 0 that it is worth nothing; NaN when a system is missing or the oracle is not above the
     * model without context (no gap to close).
     */
    public double gapClosed(String segment, String metric) {
        return gapClosed(MODEL, segment, metric);
    }

    /** The same share for another personalized system than the model, e.g. {@link #BRAND_BOOST}. */
    public double gapClosed(String system, String segment, String metric) {
        Map<String, Map<String, Double>> bySystem = segment == null ? systems : segments.get(segment);
        if (bySystem == null || !bySystem.containsKey(system) || !bySystem.containsKey(NO_USER)
            || !bySystem.containsKey(ORACLE)) {
            return Double.NaN;
        }
        double without = bySystem.get(NO_USER).getOrDefault(metric, Double.NaN);
        double gap = bySystem.get(ORACLE).getOrDefault(metric, Double.NaN) - without;
        return gap > 0 ? (bySystem.get(system).getOrDefault(metric, Double.NaN) - without) / gap : Double.NaN;
    }

    /**
     * The model's metrics at the top level (so {@code recall@10} etc. are top-level keys), then one object per
     * other system ({@code bm25}, {@code no_user_context}, {@code teacher}, {@code oracle},
     * {@code oracle_no_preference}), the object {@code fusion} with one metrics object per fusion ({@code rrf},
     * {@code weighted}, ...), with an oracle the {@link #gapClosed} shares of every recall (key {@code gap_closed}:
     * {@code all} and one object per segment), the segments and the sizes; {@code extra} members (training summary,
     * dataset description) are appended.
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
        if (systems.containsKey(BRAND_BOOST)) {
            json.add("brand_boost", metricsJson(systems.get(BRAND_BOOST)));
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
        for (String oracle : new String[] {ORACLE, ORACLE_NO_PREFERENCE}) {
            if (systems.containsKey(oracle)) {
                json.add(oracle, metricsJson(systems.get(oracle)));
            }
        }
        if (systems.containsKey(ORACLE)) {
            json.add("gap_closed", gapClosedJson(MODEL));
            if (systems.containsKey(BRAND_BOOST)) {
                json.add("gap_closed_brand_boost", gapClosedJson(BRAND_BOOST));
            }
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

    private JsonObject gapClosedJson(String system) {
        JsonObject json = new JsonObject();
        json.add("all", gapClosedJson(system, null));
        segments.keySet().forEach(segment -> json.add(segment, gapClosedJson(system, segment)));
        return json;
    }

    private JsonObject gapClosedJson(String system, String segment) {
        JsonObject json = new JsonObject();
        systems.get(MODEL).keySet().stream().filter(metric -> metric.startsWith("recall@"))
            .forEach(metric -> json.addProperty(metric, gapClosed(system, segment, metric)));
        return json;
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
