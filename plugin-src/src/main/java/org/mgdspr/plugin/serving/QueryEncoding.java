package org.mgdspr.plugin.serving;

import java.util.List;

/**
 * What the coordinating node computes once per {@code mgdspr} search: the personalized query vector from the user
 * tower, and the key terms the model's lexicon detects in the query text (empty unless detection was asked for).
 */
public record QueryEncoding(float[] vector, List<String> keyTerms) {

    public QueryEncoding {
        keyTerms = List.copyOf(keyTerms);
    }
}
