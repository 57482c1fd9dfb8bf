package org.mgdspr.model.train;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.fusion.FusionMethod;
import org.mgdspr.model.fusion.RankedHits;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        FusionFitter.Fit fit = FusionFitter.fit(vector, lexical, targets, K);
        assertEquals(0.5, fit.lexical().recall(), 1e-12);
        assertEquals(1.0, fit.vector().recall(), 1e-12);
        assertTrue(fit.fused().ndcg() >= fit.lexical().ndcg(), fit.toString());
        assertEquals(1.0, fit.fused().recall(), 1e-12, fit.toString());
        assertNotEquals(FusionMethod.UNION, fit.spec().method(), "the union puts every vector hit first");
        assertTrue(FusionFitter.candidates().contains(fit.spec()));
        assertEquals(fit.spec().toJson(), fit.toJson().getAsJsonObject("spec"));
    }

    @Test
    void rejectsMismatchedInputs() {
        RankedHits one = new RankedHits(new int[] {1}, new float[] {1f});
        assertThrows(IllegalArgumentException.class,
            () -> FusionFitter.fit(new RankedHits[] {one}, new RankedHits[0], new int[][] {{1}}, 1));
        assertThrows(IllegalArgumentException.class,
            () -> FusionFitter.fit(new RankedHits[0], new RankedHits[0], new int[0][], 1));
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
