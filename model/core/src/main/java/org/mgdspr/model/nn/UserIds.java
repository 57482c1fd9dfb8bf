package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;

import org.mgdspr.model.features.LongTermList;

import java.util.Objects;

/**
 * A batch of users as int64 id tensors ({@code B} = batch size), id 0 = padding; made by {@link UserBatcher}.
 *
 * @param unigrams     {@code (B, maxUnigrams)}
 * @param bigrams      {@code (B, maxBigrams)}
 * @param words        {@code (B, maxWords)}
 * @param historyWords {@code (B, maxHistoryWords)}
 * @param realTime     the five field tensors, each {@code (B, maxRealTime)}
 * @param shortTerm    the five field tensors, each {@code (B, maxShortTerm)}
 * @param longTerm     {@code (B, 12, maxLongTerm)}, rows in {@link LongTermList} order
 */
public record UserIds(NDArray unigrams, NDArray bigrams, NDArray words, NDArray historyWords,
                      BehaviorIdTensors realTime, BehaviorIdTensors shortTerm, NDArray longTerm) {

    public UserIds {
        Objects.requireNonNull(unigrams, "unigrams");
        Objects.requireNonNull(bigrams, "bigrams");
        Objects.requireNonNull(words, "words");
        Objects.requireNonNull(historyWords, "historyWords");
        Objects.requireNonNull(realTime, "realTime");
        Objects.requireNonNull(shortTerm, "shortTerm");
        Objects.requireNonNull(longTerm, "longTerm");
    }

    public long batchSize() {
        return words.getShape().get(0);
    }
}
