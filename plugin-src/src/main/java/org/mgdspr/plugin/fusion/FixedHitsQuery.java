package org.mgdspr.plugin.fusion;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;

import java.util.Arrays;

/**
 * A fixed set of documents of one reader with precomputed scores: the outcome of {@link ChannelFusionQuery}'s
 * rewrite, or one channel's share of it. Equal only to itself for the same fused result, so no cache reuses it for
 * another reader or request.
 */
final class FixedHitsQuery extends Query {

    static final int FUSED = -1;

    private final FusedHits source;
    private final int channel;
    private final int[] docs;
    private final float[] scores;

    FixedHitsQuery(FusedHits source, int channel, int[] docs, float[] scores) {
        this.source = source;
        this.channel = channel;
        this.docs = docs;
        this.scores = scores;
    }

    int size() {
        return docs.length;
    }

    /** Global doc ids, ascending. */
    int[] docs() {
        return docs.clone();
    }

    /** Scores, parallel to {@link #docs()}. */
    float[] scores() {
        return scores.clone();
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        if (searcher.getIndexReader().getContext().id() != source.readerId()) {
            throw new IllegalStateException("fused hits were computed for another index reader");
        }
        return new Weight(this) {
            @Override
            public ScorerSupplier scorerSupplier(LeafReaderContext leaf) {
                int from = lowerBound(leaf.docBase);
                int to = lowerBound(leaf.docBase + leaf.reader().maxDoc());
                if (from == to) {
                    return null;
                }
                Scorer scorer = new HitsScorer(docs, scores, from, to, leaf.docBase, boost);
                return new DefaultScorerSupplier(scorer);
            }

            @Override
            public Explanation explain(LeafReaderContext leaf, int doc) {
                int i = Arrays.binarySearch(docs, leaf.docBase + doc);
                if (i < 0) {
                    return Explanation.noMatch("not among the " + source.describe(channel));
                }
                return source.explain(leaf.docBase + doc, channel, scores[i] * boost);
            }

            @Override
            public boolean isCacheable(LeafReaderContext leaf) {
                // the hits belong to this request alone; caching would only fill the cache's usage history
                return false;
            }
        };
    }

    private int lowerBound(int globalDoc) {
        int i = Arrays.binarySearch(docs, globalDoc);
        return i >= 0 ? i : -i - 1;
    }

    @Override
    public void visit(QueryVisitor visitor) {
        visitor.visitLeaf(this);
    }

    @Override
    public String toString(String field) {
        return "FixedHits(" + source.describe(channel) + ", " + docs.length + " docs)";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FixedHitsQuery that && source == that.source && channel == that.channel;
    }

    @Override
    public int hashCode() {
        return 31 * System.identityHashCode(source) + channel;
    }

    private static final class HitsScorer extends Scorer {

        private final int[] docs;
        private final float[] scores;
        private final int from;
        private final int to;
        private final int docBase;
        private final float boost;
        private int index;

        HitsScorer(int[] docs, float[] scores, int from, int to, int docBase, float boost) {
            this.docs = docs;
            this.scores = scores;
            this.from = from;
            this.to = to;
            this.docBase = docBase;
            this.boost = boost;
            this.index = from - 1;
        }

        @Override
        public int docID() {
            return index < from ? -1 : index >= to ? DocIdSetIterator.NO_MORE_DOCS : docs[index] - docBase;
        }

        @Override
        public float score() {
            return scores[index] * boost;
        }

        @Override
        public float getMaxScore(int upTo) {
            float max = 0f;
            for (int i = Math.max(index, from); i < to && docs[i] - docBase <= upTo; i++) {
                max = Math.max(max, scores[i] * boost);
            }
            return max;
        }

        @Override
        public DocIdSetIterator iterator() {
            return new DocIdSetIterator() {
                @Override
                public int docID() {
                    return HitsScorer.this.docID();
                }

                @Override
                public int nextDoc() {
                    index = Math.min(index + 1, to);
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
                    return to - from;
                }
            };
        }
    }
}
