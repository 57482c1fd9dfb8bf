package org.mgdspr.model.fusion;

import java.util.Locale;

/**
 * How {@link FusionMethod#WEIGHTED} puts one channel's scores on a common scale before weighting them. BM25 scores
 * are unbounded and vary per query; cosines live in [-1, 1]: without normalisation one channel would dominate.
 *
 * <p>Both map the channel's lowest retrieved score to 0, which is also what a document the channel did not
 * retrieve gets, so fused scores are never negative (Lucene requires that) and a channel never ranks a document it
 * missed above one it found.
 */
public enum ScoreNormalization {

    /** {@code (s - min) / (max - min)}, over the channel's hits; all 1 when they tie. */
    MIN_MAX,

    /**
     * {@code (s - min) / standard deviation}, over the channel's hits: the z-score shifted so that the lowest hit is
     * 0. Unlike min-max, one outlying top score does not squash the others.
     */
    Z_SCORE;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ScoreNormalization fromJsonName(String name) {
        for (ScoreNormalization normalization : values()) {
            if (normalization.jsonName().equals(name)) {
                return normalization;
            }
        }
        throw new IllegalArgumentException("normalization must be one of [min_max, z_score] but was [" + name + "]");
    }

    /** The normalised scores of one channel's hits, in the same order. */
    public float[] normalize(float[] scores) {
        float[] normalized = new float[scores.length];
        if (scores.length == 0) {
            return normalized;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (float score : scores) {
            min = Math.min(min, score);
            max = Math.max(max, score);
            sum += score;
        }
        double scale;
        if (this == MIN_MAX) {
            scale = max - min;
        } else {
            double mean = sum / scores.length;
            double squares = 0;
            for (float score : scores) {
                squares += (score - mean) * (score - mean);
            }
            scale = Math.sqrt(squares / scores.length);
        }
        for (int i = 0; i < scores.length; i++) {
            normalized[i] = scale > 0 ? (float) ((scores[i] - min) / scale) : 1f;
        }
        return normalized;
    }
}
