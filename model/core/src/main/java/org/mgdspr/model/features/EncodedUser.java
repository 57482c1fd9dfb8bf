package org.mgdspr.model.features;

/**
 * The user-tower input of one request as hashed ids, every array padded with 0 to the lengths of the model's
 * {@link org.mgdspr.model.config.FeatureConfig}. Produced by the feature encoder, consumed by the towers
 * through batching; training and serving build it with the same code.
 *
 * @param unigrams     query unigram ids (CJK characters, or character trigrams for English)
 * @param bigrams      query bigram ids (CJK character bigrams, or word bigrams for English)
 * @param words        segmented query word ids
 * @param historyWords ids of earlier query words, most recent first
 * @param realTime     real-time behaviour sequence
 * @param shortTerm    short-term behaviour sequence
 * @param longTerm     12 rows in {@link LongTermList} order, each padded to {@code maxLongTerm}
 */
public record EncodedUser(
    int[] unigrams,
    int[] bigrams,
    int[] words,
    int[] historyWords,
    BehaviorIds realTime,
    BehaviorIds shortTerm,
    int[][] longTerm) {

    public EncodedUser {
        if (longTerm.length != LongTermList.values().length) {
            throw new IllegalArgumentException(
                "long-term input needs " + LongTermList.values().length + " lists, got " + longTerm.length);
        }
    }
}
