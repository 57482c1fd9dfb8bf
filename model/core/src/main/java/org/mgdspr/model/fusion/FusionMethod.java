package org.mgdspr.model.fusion;

import java.util.Locale;

/**
 * How the ranked lists of the retrieval channels (the k-NN channel first, then the lexical channel) become one
 * list. Every method de-duplicates: a document found by several channels appears once.
 */
public enum FusionMethod {

    /**
     * The paper's de-duplicated union (§4). Channels are ordered by priority: every document of the first channel
     * ranks ahead of documents only a later channel found; within a channel, by that channel's own score. Weights
     * do not apply.
     */
    UNION,

    /** Reciprocal-rank fusion: {@code sum over channels of weight / (rank_constant + rank)}, ranks from 1. */
    RRF,

    /**
     * Score-normalised weighted fusion: each channel's scores are normalised over that channel's hits
     * ({@link ScoreNormalization}), then combined as a weighted mean.
     */
    WEIGHTED;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The method named {@code name} (lower case); the error lists every accepted name. */
    public static FusionMethod fromJsonName(String name) {
        for (FusionMethod method : values()) {
            if (method.jsonName().equals(name)) {
                return method;
            }
        }
        throw new IllegalArgumentException("fusion method must be one of [union, rrf, weighted] but was [" + name
            + "]");
    }
}
