package org.mgdspr.plugin.serving;

import java.util.Arrays;
import java.util.List;

/**
 * What the coordinating node computes once per {@code mgdspr} search: the personalized query vector from the user
 * tower, and the key terms the model's lexicon detects in the query text (empty unless detection was asked for).
 */
public record QueryEncoding(float[] vector, List<String> keyTerms) {

    public QueryEncoding {
        keyTerms = List.copyOf(keyTerms);
    }

    /** By value: a record would compare the vector arrays by identity. */
    @Override
    public boolean equals(Object other) {
        return other instanceof QueryEncoding that && Arrays.equals(vector, that.vector) && keyTerms.equals(that.keyTerms);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(vector) + keyTerms.hashCode();
    }

    @Override
    public String toString() {
        return "QueryEncoding[vector=" + Arrays.toString(vector) + ", keyTerms=" + keyTerms + "]";
    }
}
