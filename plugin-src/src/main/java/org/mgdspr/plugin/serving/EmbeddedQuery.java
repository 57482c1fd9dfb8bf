package org.mgdspr.plugin.serving;

import java.util.List;
import java.util.Map;

/**
 * The user tower's vector for one query and context, the query's normalised words as the tower read them (after
 * spelling correction when the model corrects, so a client can show what a misspelled query was taken for), and
 * each brand's share of the behaviour items the tower read, which a brand boost adds.
 */
public record EmbeddedQuery(float[] vector, List<String> words, Map<String, Double> brandShares) {

    public EmbeddedQuery {
        words = List.copyOf(words);
        brandShares = Map.copyOf(brandShares);
    }
}
