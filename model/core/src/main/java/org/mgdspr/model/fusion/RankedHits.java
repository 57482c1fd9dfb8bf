package org.mgdspr.model.fusion;

import java.util.Arrays;

/**
 * One channel's retrieved documents, best first, with the channel's scores (non-increasing).
 *
 * @param docs   document ids (any non-negative int: Lucene doc ids, catalog positions), each at most once
 * @param scores the channel's score of each document
 */
public record RankedHits(int[] docs, float[] scores) {

    public RankedHits {
        if (docs.length != scores.length) {
            throw new IllegalArgumentException(docs.length + " documents but " + scores.length + " scores");
        }
        docs = docs.clone();
        scores = scores.clone();
    }

    public int size() {
        return docs.length;
    }

    /** The first {@code depth} hits; all of them when there are no more. */
    public RankedHits top(int depth) {
        if (depth < 0) {
            throw new IllegalArgumentException("depth must be >= 0 but was " + depth);
        }
        return depth >= docs.length ? this
            : new RankedHits(Arrays.copyOf(docs, depth), Arrays.copyOf(scores, depth));
    }

    @Override
    public int[] docs() {
        return docs.clone();
    }

    @Override
    public float[] scores() {
        return scores.clone();
    }

    int doc(int rank) {
        return docs[rank];
    }

    float score(int rank) {
        return scores[rank];
    }

    float[] scoresView() {
        return scores;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RankedHits that && Arrays.equals(docs, that.docs) && Arrays.equals(scores, that.scores);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(docs) + Arrays.hashCode(scores);
    }

    @Override
    public String toString() {
        return "RankedHits[docs=" + Arrays.toString(docs) + ", scores=" + Arrays.toString(scores) + "]";
    }
}
