package org.mgdspr.plugin.fusion;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Matches the live documents whose {@code _id} is one of a given set and scores each with the score given for its
 * id: how a shard serves a fusion computed on the coordinating node. The ids are looked up in each segment's terms
 * dictionary of the id field when the scorer is built, as a terms query would, so nothing is searched ahead of the
 * query phase and the shard's timeout and cancellation checks cover it like any other query.
 */
final class IdScoreQuery extends Query {

    /** Why a matched document got its score. */
    @FunctionalInterface
    interface Explainer {
        Explanation explain(BytesRef id, float score);
    }

    private final String idField;
    private final String description;
    private final TreeMap<BytesRef, Float> scores;
    private final Explainer explainer;

    /**
     * @param idField     the field holding the encoded ids
     * @param description what the scores are, for {@link #toString} and explanations of non-matches
     * @param scores      the score of each encoded id; every score finite and >= 0
     */
    IdScoreQuery(String idField, String description, Map<BytesRef, Float> scores, Explainer explainer) {
        this.idField = Objects.requireNonNull(idField, "idField");
        this.description = Objects.requireNonNull(description, "description");
        this.scores = new TreeMap<>(scores);
        this.explainer = Objects.requireNonNull(explainer, "explainer");
        for (Map.Entry<BytesRef, Float> entry : this.scores.entrySet()) {
            float score = entry.getValue();
            if (!(score >= 0) || Float.isInfinite(score)) {
                throw new IllegalArgumentException("score of id " + entry.getKey() + " must be finite "
                    + "and >= 0 but was " + score);
            }
        }
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new Weight(this) {
            @Override
            public ScorerSupplier scorerSupplier(LeafReaderContext leaf) throws IOException {
                LeafHits hits = leafHits(leaf, boost);
                return hits.docs.length == 0 ? null : new DefaultScorerSupplier(new SortedHitsScorer(hits.docs, hits.scores));
            }

            @Override
            public Explanation explain(LeafReaderContext leaf, int doc) throws IOException {
                LeafHits hits = leafHits(leaf, boost);
                int i = Arrays.binarySearch(hits.docs, doc);
                return i < 0 ? Explanation.noMatch("not among the " + description)
                    : explainer.explain(hits.ids[i], hits.scores[i]);
            }

            @Override
            public boolean isCacheable(LeafReaderContext leaf) {
                // the scores belong to one request; caching would only fill the cache's usage history
                return false;
            }
        };
    }

    /** The live documents of one segment carrying the ids, ascending, with their scores. */
    private LeafHits leafHits(LeafReaderContext leaf, float boost) throws IOException {
        Terms terms = leaf.reader().terms(idField);
        if (terms == null) {
            return LeafHits.EMPTY;
        }
        Bits live = leaf.reader().getLiveDocs();
        TermsEnum termsEnum = terms.iterator();
        PostingsEnum postings = null;
        int[] docs = new int[scores.size()];
        float[] docScores = new float[scores.size()];
        BytesRef[] ids = new BytesRef[scores.size()];
        int count = 0;
        for (Map.Entry<BytesRef, Float> entry : scores.entrySet()) {
            if (!termsEnum.seekExact(entry.getKey())) {
                continue;
            }
            postings = termsEnum.postings(postings, PostingsEnum.NONE);
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                if (live == null || live.get(doc)) {
                    if (count == docs.length) {
                        docs = Arrays.copyOf(docs, 2 * count);
                        docScores = Arrays.copyOf(docScores, 2 * count);
                        ids = Arrays.copyOf(ids, 2 * count);
                    }
                    docs[count] = doc;
                    docScores[count] = entry.getValue() * boost;
                    ids[count++] = entry.getKey();
                }
            }
        }
        return LeafHits.sorted(Arrays.copyOf(docs, count), Arrays.copyOf(docScores, count), Arrays.copyOf(ids, count));
    }

    private record LeafHits(int[] docs, float[] scores, BytesRef[] ids) {

        static final LeafHits EMPTY = new LeafHits(new int[0], new float[0], new BytesRef[0]);

        static LeafHits sorted(int[] docs, float[] scores, BytesRef[] ids) {
            Integer[] order = new Integer[docs.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Integer.compare(docs[a], docs[b]));
            int[] sortedDocs = new int[docs.length];
            float[] sortedScores = new float[docs.length];
            BytesRef[] sortedIds = new BytesRef[docs.length];
            for (int i = 0; i < order.length; i++) {
                sortedDocs[i] = docs[order[i]];
                sortedScores[i] = scores[order[i]];
                sortedIds[i] = ids[order[i]];
            }
            return new LeafHits(sortedDocs, sortedScores, sortedIds);
        }
    }

    @Override
    public void visit(QueryVisitor visitor) {
        visitor.visitLeaf(this);
    }

    @Override
    public String toString(String field) {
        return "IdScore(" + description + ", " + scores.size() + " ids)";
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && idField.equals(((IdScoreQuery) other).idField)
            && description.equals(((IdScoreQuery) other).description) && scores.equals(((IdScoreQuery) other).scores);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), idField, description, scores);
    }
}
