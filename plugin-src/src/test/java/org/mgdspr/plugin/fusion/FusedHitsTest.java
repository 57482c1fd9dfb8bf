package org.mgdspr.plugin.fusion;

import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.junit.jupiter.api.Test;
import org.mgdspr.model.fusion.FusionMethod;
import org.mgdspr.model.fusion.FusionSpec;
import org.mgdspr.model.fusion.ScoreNormalization;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fused order of every method, including scores large enough to tie if they were squashed into a unit band. */
class FusedHitsTest {

    private static final Object READER = new Object();

    private static TopDocs hits(int[] docs, float[] scores) {
        ScoreDoc[] scoreDocs = new ScoreDoc[docs.length];
        for (int i = 0; i < docs.length; i++) {
            scoreDocs[i] = new ScoreDoc(docs[i], scores[i]);
        }
        return new TopDocs(new TotalHits(docs.length, TotalHits.Relation.EQUAL_TO), scoreDocs);
    }

    /** Doc ids by descending fused score, ties by doc id, as a search would return them. */
    private static int[] ranking(FusedHits fused) {
        FixedHitsQuery query = fused.fusedQuery();
        Integer[] order = new Integer[query.size()];
        float[] scores = query.scores();
        int[] docs = query.docs();
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> docs[i]));
        return Arrays.stream(order).mapToInt(i -> docs[i]).toArray();
    }

    @Test
    void unionKeepsTheVectorOrderOfLargeScoresAndRanksLexicalOnlyHitsAfter() {
        TopDocs knn = hits(new int[] {7, 3, 9}, new float[] {5000.5f, 5000.25f, 5000f});
        TopDocs lexical = hits(new int[] {4, 9, 1}, new float[] {12f, 8f, 3f});
        FusedHits fused = FusedHits.fuse(READER, List.of("knn", "lexical"), List.of(knn, lexical),
            FusionSpec.defaults(FusionMethod.UNION));
        assertArrayEquals(new int[] {7, 3, 9, 4, 1}, ranking(fused));
    }

    @Test
    void rrfSumsReciprocalRanksOverTheChannelsThatFoundADocument() {
        TopDocs knn = hits(new int[] {7, 3, 9}, new float[] {3f, 2f, 1f});
        TopDocs lexical = hits(new int[] {9, 4}, new float[] {12f, 8f});
        FusedHits fused = FusedHits.fuse(READER, List.of("knn", "lexical"), List.of(knn, lexical),
            new FusionSpec(FusionMethod.RRF, 1, 1, 1, ScoreNormalization.MIN_MAX));
        // 9: 1/(1+3) + 1/(1+1) = 0.75; 7: 0.5; 4: 1/3; 3: 1/3 (tie, lower doc id first)
        assertArrayEquals(new int[] {9, 7, 3, 4}, ranking(fused));
        assertEquals(0.75f, fused.fusedQuery().scores()[Arrays.binarySearch(fused.fusedQuery().docs(), 9)], 1e-6f);
    }

    @Test
    void weightedFusionLetsAHeavierLexicalChannelLead() {
        TopDocs knn = hits(new int[] {7, 3, 9}, new float[] {0.9f, 0.8f, 0.1f});
        TopDocs lexical = hits(new int[] {9, 4}, new float[] {12f, 8f});
        FusedHits fused = FusedHits.fuse(READER, List.of("knn", "lexical"), List.of(knn, lexical),
            new FusionSpec(FusionMethod.WEIGHTED, 60, 0.2, 0.8, ScoreNormalization.MIN_MAX));
        // min-max: knn 7 -> 1, 3 -> 0.875, 9 -> 0; lexical 9 -> 1, 4 -> 0
        assertArrayEquals(new int[] {9, 7, 3, 4}, ranking(fused));
        assertEquals(0.8f, fused.fusedQuery().scores()[Arrays.binarySearch(fused.fusedQuery().docs(), 9)], 1e-6f);
        assertEquals("weighted(min_max, knn 0.20, lexical 0.80) fusion of [knn, lexical]",
            fused.describe(FixedHitsQuery.FUSED));
    }

    @Test
    void aSingleChannelKeepsItsScores() {
        FusedHits fused = FusedHits.fuse(READER, List.of("knn"), List.of(hits(new int[] {2, 5}, new float[] {9f, 4f})),
            FusionSpec.defaults(FusionMethod.UNION));
        assertArrayEquals(new float[] {9f, 4f}, fused.fusedQuery().scores());
    }
}
