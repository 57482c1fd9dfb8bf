package org.mgdspr.model.fusion;

import org.apache.lucene.util.NumericUtils;

import java.util.Arrays;

/**
 * The fused result of the channels: every retrieved document once, in ascending doc id order, with its fused score
 * and, per channel, its rank (from 1; 0 when that channel did not retrieve it) and that channel's score.
 */
public final class FusedList {

    private final int[] docs;
    private final float[] scores;
    private final int[][] ranks;
    private final float[][] channelScores;

    FusedList(int[] docs, float[] scores, int[][] ranks, float[][] channelScores) {
        this.docs = docs;
        this.scores = scores;
        this.ranks = ranks;
        this.channelScores = channelScores;
    }

    public int size() {
        return docs.length;
    }

    public int channels() {
        return ranks.length;
    }

    /** The documents in ascending id order. */
    public int[] docs() {
        return docs.clone();
    }

    /** The fused scores, parallel to {@link #docs()}. */
    public float[] scores() {
        return scores.clone();
    }

    /** Position {@code i}'s rank in channel {@code channel}, from 1, or 0 when that channel did not retrieve it. */
    public int rank(int channel, int i) {
        return ranks[channel][i];
    }

    /** Position {@code i}'s score in channel {@code channel} (0 when that channel did not retrieve it). */
    public float channelScore(int channel, int i) {
        return channelScores[channel][i];
    }

    /** The position of {@code doc} in {@link #docs()}, or a negative number when no channel retrieved it. */
    public int indexOf(int doc) {
        return Arrays.binarySearch(docs, doc);
    }

    /** The best {@code depth} documents by fused score, ties broken by lower doc id (as Lucene does). */
    public int[] top(int depth) {
        if (depth < 0) {
            throw new IllegalArgumentException("depth must be >= 0 but was " + depth);
        }
        // one primitive sort of (score, doc) packed so that the natural order of the longs is the result's order
        long[] keys = new long[docs.length];
        for (int i = 0; i < docs.length; i++) {
            // the complement of Lucene's sortable bits orders scores highest first (+0 before -0, as Float.compare)
            keys[i] = (long) ~NumericUtils.floatToSortableInt(scores[i]) << 32 | (docs[i] & 0xFFFFFFFFL);
        }
        Arrays.sort(keys);
        int[] top = new int[Math.min(depth, keys.length)];
        for (int i = 0; i < top.length; i++) {
            top[i] = (int) keys[i];
        }
        return top;
    }
}
