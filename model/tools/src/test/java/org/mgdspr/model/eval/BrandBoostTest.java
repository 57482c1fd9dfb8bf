package org.mgdspr.model.eval;

import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Test;
import org.mgdspr.model.features.BehaviorItem;
import org.mgdspr.model.features.BrandAffinity;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.fusion.RankedHits;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrandBoostTest {

    private static final String[] BRANDS = {"acme", "zeta", "zeta", "acme", "zeta"};

    /** Half of the behaviour is zeta, a quarter acme. */
    private static final BrandAffinity TASTE = BrandAffinity.of(new UserContext(
        List.of(new BehaviorItem("b1", "", "", "", "zeta"), new BehaviorItem("b2", "", "", "", "zeta")),
        List.of(new BehaviorItem("b3", "", "", "", "acme"), new BehaviorItem("b4", "", "", "", "")),
        Map.of(), List.of()), 2, 2);

    private static final RankedHits HITS = new RankedHits(new int[] {0, 1, 2, 3, 4},
        new float[] {0.50f, 0.47f, 0.30f, 0.25f, -0.5f});

    /**
     * The boost adds to the k-NN plugin's score, not to the inner product: a hit at inner product -0.2 scores
     * 1 / 1.2 = 0.833, so half of weight 0.58 lifts it above a hit at 0.1 (score 1.1) without a brand; on raw inner
     * products (-0.2 + 0.29 = 0.09) it would stay below.
     */
    @Test
    void scoresCandidatesAsTheKnnPluginDoesForInnerProduct() {
        RankedHits hits = new RankedHits(new int[] {0, 1}, new float[] {0.1f, -0.2f});
        String[] brands = {"", "zeta"};
        assertArrayEquals(new int[] {1, 0}, new BrandBoost(0.58, 2).top(hits, TASTE, i -> brands[i], 2));
        assertArrayEquals(new int[] {0, 1}, new BrandBoost(0.5, 2).top(hits, TASTE, i -> brands[i], 2));
    }

    @Test
    void addsTheWeightTimesTheBrandsShareToEachCandidate() {
        // 1.50 + 0.05, 1.47 + 0.10, 1.30 + 0.10, 1.25 + 0.05, 1 / 1.5 + 0.10
        assertArrayEquals(new int[] {1, 0, 2, 3, 4}, new BrandBoost(0.2, 5).top(HITS, TASTE, i -> BRANDS[i], 5));
        // a boost large enough to re-order the whole list by taste, equal boosts keeping the score order
        assertArrayEquals(new int[] {1, 2, 4, 0, 3}, new BrandBoost(10, 5).top(HITS, TASTE, i -> BRANDS[i], 5));
    }

    @Test
    void reordersOnlyTheCandidatesAndKeepsTheBestDepth() {
        assertArrayEquals(new int[] {1, 2}, new BrandBoost(10, 3).top(HITS, TASTE, i -> BRANDS[i], 2));
        assertArrayEquals(new int[] {1, 0}, new BrandBoost(10, 2).top(HITS, TASTE, i -> BRANDS[i], 5));
    }

    @Test
    void aUserWithoutBrandedBehaviourKeepsTheModelsOrder() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 4},
            new BrandBoost(10, 5).top(HITS, BrandAffinity.NONE, i -> BRANDS[i], 5));
    }

    @Test
    void aWeightOfZeroKeepsTheModelsRanking() {
        assertArrayEquals(new int[] {0, 1, 2}, new BrandBoost(0, 5).top(HITS,
            BrandAffinity.of(new UserContext(List.of(new BehaviorItem("9", "", "", "", BRANDS[4])), List.of(), Map.of(),
                List.of()), 10, 10), i -> BRANDS[i], 3));
    }

    @Test
    void rejectsANegativeOrUnboundedWeightAndTooFewCandidates() {
        for (double weight : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BrandBoost(weight, 5));
            assertTrue(e.getMessage().contains("weight must be a finite number >= 0"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BrandBoost(0.2, 0));
        assertEquals("the brand boost needs at least 1 candidate but got 0", e.getMessage());
    }
}
