package org.mgdspr.model.train;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.fusion.FusionMethod;
import org.mgdspr.model.fusion.FusionSpec;
import org.mgdspr.model.fusion.RankedHits;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FusionFitterTest {

    private static final int K = 20;

    /**
     * 200 requests with two targets each: the lexical channel puts one target first and misses the other; the vector
     * channel finds both, but only at ranks 8 and 15. Alone, BM25 has the better top and the vector channel the
     * better recall; a fusion gets both targets into the top K and keeps BM25's first hit first.
     */
    @Test
    void choosesAFusionWithBm25sPrecisionAndMoreRecall() {
        Random random = new Random(3);
        int requests = 200;
        RankedHits[] vector = new RankedHits[requests];
        RankedHits[] lexical = new RankedHits[requests];
        int[][] targets = new int[requests][];
        for (int r = 0; r < requests; r++) {
            int base = r * 1000;
            targets[r] = new int[] {base, base + 1};
            vector[r] = ranking(base + 100, K, random, new int[] {7, 14}, targets[r]);
            lexical[r] = ranking(base + 500, K, random, new int[] {0}, new int[] {base});
        }
        FusionFitter.Fit fit = FusionFitter.fit(vector, lexical, ValidationJudgment.binary(targets), K);
        assertEquals(0.5, fit.lexical().recall(), 1e-12);
        assertEquals(1.0, fit.vector().recall(), 1e-12);
        assertTrue(fit.fused().ndcg() >= fit.lexical().ndcg(), fit.toString());
        assertEquals(1.0, fit.fused().recall(), 1e-12, fit.toString());
        assertNotEquals(FusionMethod.UNION, fit.spec().method(), "the union puts every vector hit first");
        assertTrue(FusionFitter.candidates().contains(fit.spec()));
        assertEquals(fit.spec().toJson(), fit.toJson().getAsJsonObject("spec"));
        assertEquals(FusionFitter.candidates().size(), fit.toJson().getAsJsonArray("tried").size());
    }

    /**
     * A recall lead made of two requests won and one lost out of 400 does not outweigh a better top; a lead on
     * every request does.
     */
    @Test
    void prefersPrecisionOverARecallLeadWithinNoise() {
        FusionSpec recallFirst = FusionSpec.defaults(FusionMethod.RRF);
        FusionSpec precisionFirst = FusionSpec.defaults(FusionMethod.WEIGHTED);
        FusionSpec imprecise = FusionSpec.defaults(FusionMethod.UNION);
        int requests = 400;
        double[] mostly = new double[requests];
        double[] otherMisses = new double[requests];
        double[] halfEverywhere = new double[requests];
        Arrays.fill(mostly, 1.0);
        mostly[5] = 0.0;
        Arrays.fill(otherMisses, 1.0);
        otherMisses[17] = 0.0;
        otherMisses[18] = 0.0;
        Arrays.fill(halfEverywhere, 0.5);
        List<FusionFitter.Tried> noisyLead = List.of(
            new FusionFitter.Tried(recallFirst, new FusionFitter.Score(399.0 / requests, 0.40)),
            new FusionFitter.Tried(precisionFirst, new FusionFitter.Score(398.0 / requests, 0.45)),
            new FusionFitter.Tried(imprecise, new FusionFitter.Score(398.0 / requests, 0.30)));
        List<double[]> noisyRecalls = List.of(mostly, otherMisses, otherMisses);
        assertEquals(1, FusionFitter.choose(noisyLead, noisyRecalls, 0.35));

        List<FusionFitter.Tried> steadyLead = List.of(
            new FusionFitter.Tried(recallFirst, new FusionFitter.Score(399.0 / requests, 0.40)),
            new FusionFitter.Tried(precisionFirst, new FusionFitter.Score(199.5 / requests, 0.45)));
        assertEquals(0, FusionFitter.choose(steadyLead, List.of(mostly, halfEverywhere), 0.35));

        assertEquals(1, FusionFitter.choose(noisyLead, noisyRecalls, 0.50),
            "none keeps BM25's nDCG@10: the highest nDCG@10");
    }

    @Test
    void pairedStandardErrorIgnoresRequestsBothGetRight() {
        double[] best = {1, 1, 1, 1, 1, 0.5, 1, 1};
        double[] oneLostOneWon = best.clone();
        oneLostOneWon[0] = 0;
        oneLostOneWon[5] = 1;
        double[] twoLost = best.clone();
        twoLost[0] = 0;
        twoLost[1] = 0;
        double[] allSlightlyWorse = {0.9, 0.9, 0.9, 0.9, 0.9, 0.4, 0.9, 0.9};
        assertTrue(FusionFitter.withinOneStandardError(best, best.clone()));
        assertTrue(FusionFitter.withinOneStandardError(best, oneLostOneWon), "mean 0.0625, standard error 0.15");
        assertFalse(FusionFitter.withinOneStandardError(best, twoLost), "mean 0.25, standard error 0.16");
        assertFalse(FusionFitter.withinOneStandardError(best, allSlightlyWorse), "the same loss on every request");
        assertTrue(FusionFitter.withinOneStandardError(best, new double[] {1, 1, 1, 1, 1, 1, 1, 1}));
        assertArrayEquals(new double[] {1.0, 0.5, 0.0},
            FusionFitter.requestRecalls(new int[][] {{4, 2}, {1, 9}, {7}},
                ValidationJudgment.binary(new int[][] {{2, 4}, {1, 3}, {8}}), 2));
    }

    @Test
    void gradedJudgmentsScoreNdcgByTheirGainsAndRecallByTheirTargets() {
        int[][] ranking = {{7, 3, 9}};
        ValidationJudgment graded = new ValidationJudgment(new int[] {3}, Map.of(7, 1.0, 3, 2.0));
        FusionFitter.Score byGrades = FusionFitter.score(ranking, new ValidationJudgment[] {graded}, 2);
        FusionFitter.Score byTargets = FusionFitter.score(ranking, ValidationJudgment.binary(new int[][] {{3}}), 2);
        assertEquals(1.0, byGrades.recall());
        assertEquals(1.0, byTargets.recall());
        // exponential gains: (1 + 3 / log2(3)) / (3 + 1 / log2(3)) against the target alone at rank 2, 1 / log2(3)
        double log3 = Math.log(3) / Math.log(2);
        assertEquals((1 + 3 / log3) / (3 + 1 / log3), byGrades.ndcg(), 1e-12);
        assertEquals(1 / log3, byTargets.ndcg(), 1e-12);
    }

    @Test
    void aJudgmentNeedsATargetAndGainsThatAreNumbers() {
        assertThrows(IllegalArgumentException.class, () -> new ValidationJudgment(new int[0], Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new ValidationJudgment(new int[] {1}, Map.of(1, -1.0)));
        assertThrows(IllegalArgumentException.class,
            () -> new ValidationJudgment(new int[] {1}, Map.of(1, Double.NaN)));
        assertEquals(Map.of(4, 1.0, 2, 1.0), ValidationJudgment.binary(4, 2, 4).gains());
    }

    /** {@code length} distinct filler documents from {@code filler}, with {@code targets} placed at {@code ranks}. */
    private static RankedHits ranking(int filler, int length, Random random, int[] ranks, int[] targets) {
        int[] docs = new int[length];
        float[] scores = new float[length];
        float score = 10f + random.nextFloat();
        for (int i = 0; i < length; i++) {
            docs[i] = filler + i;
            scores[i] = score;
            score -= 0.1f + 0.2f * random.nextFloat();
        }
        for (int t = 0; t < ranks.length; t++) {
            docs[ranks[t]] = targets[t];
        }
        return new RankedHits(docs, scores);
    }
}
