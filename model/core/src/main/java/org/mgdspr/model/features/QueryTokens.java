package org.mgdspr.model.features;

import java.util.List;

/**
 * The three granularities of one query (paper §3.2.1), as strings before hashing.
 *
 * @param unigrams for Chinese, characters (a Latin/digit run counts as one character); for English, boundary-marked
 *                 character trigrams of every word
 * @param bigrams  for Chinese, adjacent character pairs over the whole query; for English, adjacent word pairs
 *                 including the sentence-boundary pairs
 * @param words    segmented, normalised words
 */
public record QueryTokens(List<String> unigrams, List<String> bigrams, List<String> words) {

    public QueryTokens {
        unigrams = List.copyOf(unigrams);
        bigrams = List.copyOf(bigrams);
        words = List.copyOf(words);
    }
}
