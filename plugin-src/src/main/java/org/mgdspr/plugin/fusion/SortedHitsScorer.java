package org.mgdspr.plugin.fusion;

import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Scorer;

/** Scores a fixed, ascending list of a segment's documents with given scores. */
final class SortedHitsScorer extends Scorer {

    private final int[] docs;
    private final float[] scores;
    private int index = -1;

    /**
     * @param docs   ascending doc ids of one segment
     * @param scores their scores
     */
    SortedHitsScorer(int[] docs, float[] scores) {
        this.docs = docs;
        this.scores = scores;
    }

    @Override
    public int docID() {
        return index < 0 ? -1 : index >= docs.length ? DocIdSetIterator.NO_MORE_DOCS : docs[index];
    }

    @Override
    public float score() {
        return scores[index];
    }

    @Override
    public float getMaxScore(int upTo) {
        float max = 0f;
        for (int i = Math.max(index, 0); i < docs.length && docs[i] <= upTo; i++) {
            max = Math.max(max, scores[i]);
        }
        return max;
    }

    @Override
    public DocIdSetIterator iterator() {
        return new DocIdSetIterator() {
            @Override
            public int docID() {
                return SortedHitsScorer.this.docID();
            }

            @Override
            public int nextDoc() {
                index = Math.min(index + 1, docs.length);
                return docID();
            }

            @Override
            public int advance(int target) {
                int doc = nextDoc();
                while (doc < target) {
                    doc = nextDoc();
                }
                return doc;
            }

            @Override
            public long cost() {
                return docs.length;
            }
        };
    }
}
