package org.mgdspr.model.nn;

import ai.djl.ndarray.NDList;

import java.util.Objects;

/**
 * The embedded query side of the user tower ({@code d} = tower dim): the three granularities of the current query
 * and the user's earlier query words, each {@code (B, maxLength, d)} with its mask.
 *
 * @param unigrams     query unigram rows (CJK characters, or character trigrams of English words)
 * @param bigrams      query bigram rows
 * @param words        segmented query word rows
 * @param historyWords rows of earlier query words, most recent first
 */
public record QueryInput(MaskedSequence unigrams, MaskedSequence bigrams, MaskedSequence words,
                         MaskedSequence historyWords) implements TowerInput {

    /** Arrays in {@link #toNDList()}. */
    public static final int SIZE = 4 * MaskedSequence.SIZE;

    public QueryInput {
        Objects.requireNonNull(unigrams, "unigrams");
        Objects.requireNonNull(bigrams, "bigrams");
        Objects.requireNonNull(words, "words");
        Objects.requireNonNull(historyWords, "historyWords");
    }

    @Override
    public NDList toNDList() {
        NDList list = new NDList(SIZE);
        list.addAll(unigrams.toNDList());
        list.addAll(bigrams.toNDList());
        list.addAll(words.toNDList());
        list.addAll(historyWords.toNDList());
        return list;
    }

    /** Reads the {@link #SIZE} arrays starting at {@code list[at]}, in {@link #toNDList()} order. */
    public static QueryInput from(NDList list, int at) {
        return new QueryInput(MaskedSequence.from(list, at), MaskedSequence.from(list, at + 2),
            MaskedSequence.from(list, at + 4), MaskedSequence.from(list, at + 6));
    }
}
