package org.mgdspr.model.fusion;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChannelFusionTest {

    private static final RankedHits KNN = new RankedHits(new int[] {7, 3, 5}, new float[] {0.9f, 0.8f, 0.5f});
    private static final RankedHits LEXICAL = new RankedHits(new int[] {3, 9}, new float[] {12f, 4f});

    @Test
    void rrfSumsWeightedReciprocalRanks() {
        FusedList fused = new FusionSpec(FusionMethod.RRF, 10, 0.5, 2.0, ScoreNormalization.MIN_MAX)
            .fuse(List.of(KNN, LEXICAL));
        assertArrayEquals(new int[] {3, 5, 7, 9}, fused.docs());
        float[] expected = {0.5f / 12 + 2f / 11, 0.5f / 13, 0.5f / 11, 2f / 12};
        assertArrayEquals(expected, fused.scores(), 1e-7f);
        assertArrayEquals(new int[] {3, 9, 7, 5}, fused.top(10));
        assertEquals(2, fused.rank(0, fused.indexOf(3)));
        assertEquals(0, fused.rank(1, fused.indexOf(7)));
        assertEquals(12f, fused.channelScore(1, fused.indexOf(3)));
    }

    @Test
    void minMaxWeightedMeanGivesMissedDocumentsZero() {
        FusedList fused = new FusionSpec(FusionMethod.WEIGHTED, 60, 0.25, 0.75, ScoreNormalization.MIN_MAX)
            .fuse(List.of(KNN, LEXICAL));
        // knn normalised: 7 -> 1, 3 -> 0.75, 5 -> 0; lexical: 3 -> 1, 9 -> 0
        float[] expected = {0.25f * 0.75f + 0.75f, 0f, 0.25f, 0f};
        assertArrayEquals(expected, fused.scores(), 1e-6f);
        assertArrayEquals(new int[] {3, 7, 5, 9}, fused.top(4), "ties go to the lower doc id");
    }

    @Test
    void zScoreDividesByTheStandardDeviation() {
        float[] normalized = ScoreNormalization.Z_SCORE.normalize(new float[] {3f, 1f});
        assertArrayEquals(new float[] {2f, 0f}, normalized, 1e-6f);
        assertArrayEquals(new float[] {1f, 1f}, ScoreNormalization.Z_SCORE.normalize(new float[] {2f, 2f}));
        assertArrayEquals(new float[] {1f}, ScoreNormalization.MIN_MAX.normalize(new float[] {5f}));
    }

    @Test
    void unionRanksEveryFirstChannelHitAhead() {
        FusedList fused = FusionSpec.defaults(FusionMethod.UNION).fuse(List.of(KNN, LEXICAL));
        assertArrayEquals(new int[] {7, 3, 5, 9}, fused.top(10));
    }

    @Test
    void oneChannelKeepsItsScores() {
        FusedList fused = FusionSpec.defaults(FusionMethod.WEIGHTED).fuse(List.of(KNN));
        assertArrayEquals(new int[] {3, 5, 7}, fused.docs());
        assertArrayEquals(new float[] {0.8f, 0.5f, 0.9f}, fused.scores());
    }

    @Test
    void rejectsDuplicateDocumentsAndTooManyChannels() {
        RankedHits twice = new RankedHits(new int[] {1, 1}, new float[] {2f, 1f});
        assertThrows(IllegalArgumentException.class, () -> FusionSpec.defaults(FusionMethod.RRF).fuse(List.of(twice)));
        assertThrows(IllegalArgumentException.class,
            () -> FusionSpec.defaults(FusionMethod.RRF).fuse(List.of(KNN, LEXICAL, KNN)));
    }
}
