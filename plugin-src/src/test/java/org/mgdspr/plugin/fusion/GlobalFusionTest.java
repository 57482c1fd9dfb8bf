package org.mgdspr.plugin.fusion;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.fusion.FusionMethod;
import org.mgdspr.model.fusion.FusionSpec;
import org.mgdspr.model.fusion.ScoreNormalization;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fusion of global channel lists: the order and scores of every method, documents told apart by index as well as
 * id, and ties pulled apart so that the order does not depend on how a search breaks ties.
 */
class GlobalFusionTest {

    private static ChannelList list(String name, String... idsAndScores) {
        List<ChannelHit> hits = new ArrayList<>();
        for (int i = 0; i < idsAndScores.length; i += 2) {
            String[] indexAndId = idsAndScores[i].split("/");
            hits.add(new ChannelHit(indexAndId[0], indexAndId[1], Float.parseFloat(idsAndScores[i + 1])));
        }
        return new ChannelList(name, hits);
    }

    private static List<String> order(List<GlobalFusion.IndexedDoc> fused) {
        return fused.stream().map(doc -> doc.index() + "/" + doc.doc().id()).toList();
    }

    private static float score(List<GlobalFusion.IndexedDoc> fused, String indexAndId) {
        return fused.stream().filter(doc -> (doc.index() + "/" + doc.doc().id()).equals(indexAndId)).findFirst()
            .orElseThrow().doc().score();
    }

    @Test
    void unionKeepsTheVectorOrderOfLargeScoresAndRanksLexicalOnlyHitsAfter() {
        List<GlobalFusion.IndexedDoc> fused = GlobalFusion.fuse(FusionSpec.defaults(FusionMethod.UNION), List.of(
            list("knn", "a/7", "5000.5", "a/3", "5000.25", "b/9", "5000"),
            list("lexical", "a/4", "12", "b/9", "8", "a/1", "3")));
        assertEquals(List.of("a/7", "a/3", "b/9", "a/4", "a/1"), order(fused));
    }

    @Test
    void rrfSumsGlobalReciprocalRanksAndBreaksTiesInTheKnnChannelsOrder() {
        List<GlobalFusion.IndexedDoc> fused = GlobalFusion.fuse(
            new FusionSpec(FusionMethod.RRF, 1, 1, 1, ScoreNormalization.MIN_MAX), List.of(
                list("knn", "a/7", "3", "a/3", "2", "a/9", "1"),
                list("lexical", "a/9", "12", "a/4", "8")));
        // 9: 1/(1+3) + 1/(1+1) = 0.75; 7: 0.5; 3 and 4 tie at 1/3, and 3 came first (k-NN channel)
        assertEquals(List.of("a/9", "a/7", "a/3", "a/4"), order(fused));
        assertEquals(0.75f, score(fused, "a/9"));
        assertEquals(1f / 3, score(fused, "a/4"));
        assertEquals(Math.nextUp(1f / 3), score(fused, "a/3"), "a tie moves by one unit in the last place");
        GlobalFusion.IndexedDoc nine = fused.get(0);
        assertArrayEquals(new int[] {3, 1}, nine.doc().ranks());
        assertArrayEquals(new float[] {1f, 12f}, nine.doc().channelScores());
    }

    @Test
    void theSameIdInTwoIndicesIsTwoDocuments() {
        List<GlobalFusion.IndexedDoc> fused = GlobalFusion.fuse(
            new FusionSpec(FusionMethod.RRF, 60, 1, 1, ScoreNormalization.MIN_MAX), List.of(
                list("knn", "a/1", "0.9", "b/1", "0.8"), list("lexical", "b/1", "4")));
        assertEquals(List.of("b/1", "a/1"), order(fused));
    }

    @Test
    void weightedFusionNormalisesOverTheGlobalListAndLetsAHeavierLexicalChannelLead() {
        List<GlobalFusion.IndexedDoc> fused = GlobalFusion.fuse(
            new FusionSpec(FusionMethod.WEIGHTED, 60, 0.2, 0.8, ScoreNormalization.MIN_MAX), List.of(
                list("knn", "a/7", "0.9", "a/3", "0.8", "b/9", "0.1"), list("lexical", "b/9", "12", "a/4", "8")));
        // min-max: knn 7 -> 1, 3 -> 0.875, 9 -> 0; lexical 9 -> 1, 4 -> 0
        assertEquals(List.of("b/9", "a/7", "a/3", "a/4"), order(fused));
        assertEquals(0.8f, score(fused, "b/9"), 1e-6f);
        assertEquals(0f, score(fused, "a/4"), "the lowest score stays exact; no score goes below 0");
    }

    @Test
    void manyTiesBecomeDistinctScoresInFirstAppearanceOrder() {
        List<GlobalFusion.IndexedDoc> fused = GlobalFusion.fuse(
            new FusionSpec(FusionMethod.WEIGHTED, 60, 1, 1, ScoreNormalization.MIN_MAX), List.of(
                list("knn", "a/1", "1", "a/2", "1", "a/3", "1"), list("lexical", "a/4", "2", "a/5", "2")));
        for (int i = 1; i < fused.size(); i++) {
            assertTrue(fused.get(i - 1).doc().score() > fused.get(i).doc().score(), order(fused).toString());
            assertTrue(fused.get(i).doc().score() >= 0f);
        }
        assertEquals(List.of("a/1", "a/2", "a/3", "a/4", "a/5"), order(fused));
    }

    @Test
    void aSingleChannelKeepsItsScores() {
        List<GlobalFusion.IndexedDoc> fused = GlobalFusion.fuse(FusionSpec.defaults(FusionMethod.UNION),
            List.of(list("knn", "a/2", "9", "a/5", "4")));
        assertEquals(List.of("a/2", "a/5"), order(fused));
        assertEquals(9f, score(fused, "a/2"));
        assertEquals(4f, score(fused, "a/5"));
    }

    @Test
    void aChannelListOutOfScoreOrderIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> list("knn", "a/1", "0.1", "a/2", "0.9"));
    }
}
