package org.mgdspr.model.fusion;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FusionSpecTest {

    @Test
    void roundTripsThroughJson() {
        FusionSpec spec = new FusionSpec(FusionMethod.WEIGHTED, 20, 0.3, 0.7, ScoreNormalization.Z_SCORE);
        assertEquals(spec, FusionSpec.fromJson(spec.toJson().toString()));
        assertEquals("weighted(z_score, knn 0.30, lexical 0.70)", spec.describe());
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> new FusionSpec(FusionMethod.RRF, 0, 1, 1, ScoreNormalization.MIN_MAX)).getMessage()
            .contains("[rank_constant]"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> new FusionSpec(FusionMethod.RRF, 60, -1, 1, ScoreNormalization.MIN_MAX)).getMessage()
            .contains("[fusion_weights.knn]"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> new FusionSpec(FusionMethod.RRF, 60, 0, 0, ScoreNormalization.MIN_MAX)).getMessage()
            .contains("must not all be 0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> new FusionSpec(FusionMethod.RRF, 60, Double.NaN, 1, ScoreNormalization.MIN_MAX)).getMessage()
            .contains("[fusion_weights.knn]"));
    }

    @Test
    void rejectsMalformedJson() {
        assertThrows(IllegalArgumentException.class, () -> FusionSpec.fromJson("[1]"));
        assertThrows(IllegalArgumentException.class, () -> FusionSpec.fromJson("{\"method\": \"rrf\"}"));
        assertThrows(IllegalArgumentException.class, () -> FusionSpec.fromJson(
            "{\"method\":\"max\",\"rank_constant\":60,\"weights\":{\"knn\":1,\"lexical\":1},\"normalization\":\"min_max\"}"));
        assertThrows(IllegalArgumentException.class, () -> FusionSpec.fromJson(
            "{\"method\":\"rrf\",\"rank_constant\":60,\"weights\":{\"knn\":1,\"lexical\":1},\"normalization\":\"min_max\","
                + "\"extra\":1}"));
        assertThrows(IllegalArgumentException.class, () -> FusionSpec.fromJson(
            "{\"method\":\"rrf\",\"rank_constant\":\"x\",\"weights\":{\"knn\":1,\"lexical\":1},\"normalization\":\"min_max\"}"));
    }
}
