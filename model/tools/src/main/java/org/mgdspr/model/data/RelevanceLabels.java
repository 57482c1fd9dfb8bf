package org.mgdspr.model.data;

import java.util.Map;

/**
 * Graded relevance of (query, item) pairs, the stand-in for the paper's relevance model behind {@code P_good}.
 * Queries are matched after {@link Queries#normalize}.
 */
public interface RelevanceLabels {

    /** No labels at all: every pair is unjudged. */
    RelevanceLabels NONE = new RelevanceLabels() {
        @Override
        public double grade(String query, String itemId) {
            return Double.NaN;
        }

        @Override
        public Map<String, Double> judged(String query) {
            return Map.of();
        }

        @Override
        public double goodThreshold() {
            return Double.POSITIVE_INFINITY;
        }
    };

    /** The grade of the pair, or NaN when the pair was never judged. */
    double grade(String query, String itemId);

    /** Every judged item of the query with its grade; empty for an unknown query. */
    Map<String, Double> judged(String query);

    /** Grades at or above this count as "good". */
    double goodThreshold();

    /**
     * The nDCG gain of a grade, what evaluation and the trainer's fits count: the grade above {@code gainOffset}
     * (the dataset's "irrelevant" grade), never below 0.
     */
    static double gain(double grade, double gainOffset) {
        return Math.max(0, grade - gainOffset);
    }

    default boolean isGood(String query, String itemId) {
        return grade(query, itemId) >= goodThreshold();
    }
}
