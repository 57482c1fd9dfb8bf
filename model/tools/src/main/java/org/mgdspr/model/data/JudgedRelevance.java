package org.mgdspr.model.data;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Relevance labels given explicitly per pair (human judgments, or a labels file). Immutable. */
public final class JudgedRelevance implements RelevanceLabels {

    private final Map<String, Map<String, Double>> byQuery;
    private final double goodThreshold;

    /** @param byQuery grades per query (keys are normalised here) per item id */
    public JudgedRelevance(Map<String, Map<String, Double>> byQuery, double goodThreshold) {
        if (Double.isNaN(goodThreshold)) {
            throw new IllegalArgumentException("goodThreshold must be a number but was NaN");
        }
        Map<String, Map<String, Double>> copy = new HashMap<>();
        for (Map.Entry<String, Map<String, Double>> entry : byQuery.entrySet()) {
            Map<String, Double> grades = copy.computeIfAbsent(Queries.normalize(entry.getKey()), q -> new LinkedHashMap<>());
            for (Map.Entry<String, Double> grade : entry.getValue().entrySet()) {
                if (grade.getValue() == null || !Double.isFinite(grade.getValue())) {
                    throw new IllegalArgumentException("grade of query [" + entry.getKey() + "] item ["
                        + grade.getKey() + "] must be finite but was " + grade.getValue());
                }
                grades.put(grade.getKey(), grade.getValue());
            }
        }
        copy.replaceAll((q, grades) -> Collections.unmodifiableMap(grades));
        this.byQuery = Map.copyOf(copy);
        this.goodThreshold = goodThreshold;
    }

    @Override
    public double grade(String query, String itemId) {
        Double grade = judged(query).get(itemId);
        return grade == null ? Double.NaN : grade;
    }

    @Override
    public Map<String, Double> judged(String query) {
        Map<String, Double> grades = byQuery.get(Queries.normalize(query));
        return grades == null ? Map.of() : grades;
    }

    @Override
    public double goodThreshold() {
        return goodThreshold;
    }

    /** Normalised queries that have at least one judgment. */
    public Set<String> queries() {
        return byQuery.keySet();
    }

    public int pairCount() {
        return byQuery.values().stream().mapToInt(Map::size).sum();
    }
}
