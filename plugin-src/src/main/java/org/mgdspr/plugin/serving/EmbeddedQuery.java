package org.mgdspr.plugin.serving;

import java.util.List;

/**
 * The user tower's vector for one query and context, and the query's normalised words as the tower read them: after
 * spelling correction when the model corrects, so a client can show what a misspelled query was taken for.
 */
public record EmbeddedQuery(float[] vector, List<String> words) {

    public EmbeddedQuery {
        words = List.copyOf(words);
    }
}
