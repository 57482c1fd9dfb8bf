package org.mgdspr.model.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelConfigTest {

    @Test
    void paperPresetCarriesThePaperHyperParameters() {
        ModelConfig paper = ModelConfig.preset("paper");
        assertEquals(128, paper.tower().dim());
        assertEquals(8, paper.tower().heads());
        assertEquals(50, paper.features().maxRealTime());
        assertEquals(100, paper.features().maxShortTerm());
        assertEquals(100, paper.features().maxLongTerm());
        assertEquals(2.0, paper.loss().temperature());
        assertEquals(684, paper.loss().hardNegatives());
        assertEquals(0.4, paper.loss().alphaMin());
        assertEquals(0.6, paper.loss().alphaMax());
        assertEquals(0.1, paper.train().learningRate());
        assertEquals(3.0, paper.train().clipNorm());
        assertEquals(256, paper.train().batchSize());
    }

    @Test
    void jsonRoundTripIsLossless() {
        ModelConfig small = ModelConfig.preset("small");
        assertEquals(small, ModelConfig.fromJson(small.toJson()));
    }

    @Test
    void overridesApplyOnTopOfTheNamedPreset() {
        ModelConfig config = ModelConfig.fromJson("{\"preset\":\"paper\",\"loss\":{\"temperature\":1.0},"
            + "\"tower\":{\"multi_granular\":false}}");
        assertEquals(1.0, config.loss().temperature());
        assertFalse(config.tower().multiGranular());
        assertTrue(config.tower().trmFusion());
        assertEquals(128, config.tower().dim());
    }

    @Test
    void unknownKeyIsRejectedWithItsPath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ModelConfig.fromJson("{\"loss\":{\"temprature\":1.0}}"));
        assertTrue(e.getMessage().contains("loss.temprature"), e.getMessage());
    }

    @Test
    void invariantViolationsNameTheKey() {
        IllegalArgumentException heads = assertThrows(IllegalArgumentException.class,
            () -> ModelConfig.fromJson("{\"tower\":{\"heads\":5}}"));
        assertTrue(heads.getMessage().contains("tower.heads"), heads.getMessage());
        IllegalArgumentException hard = assertThrows(IllegalArgumentException.class,
            () -> ModelConfig.fromJson("{\"loss\":{\"hard_negatives\":5000}}"));
        assertTrue(hard.getMessage().contains("loss.hard_negatives"), hard.getMessage());
        IllegalArgumentException alpha = assertThrows(IllegalArgumentException.class,
            () -> ModelConfig.fromJson("{\"loss\":{\"alpha_min\":0.7}}"));
        assertTrue(alpha.getMessage().contains("alpha_min"), alpha.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelConfig.preset("huge"));
        assertThrows(IllegalArgumentException.class, () -> ModelConfig.fromJson("[1]"));
        IllegalArgumentException preset = assertThrows(IllegalArgumentException.class,
            () -> ModelConfig.fromJson("{\"preset\": null}"));
        assertTrue(preset.getMessage().contains("[preset]"), preset.getMessage());
        IllegalArgumentException spelling = assertThrows(IllegalArgumentException.class,
            () -> ModelConfig.fromJson("{\"features\":{\"language\":\"zh\",\"spelling_correction\":true}}"));
        assertTrue(spelling.getMessage().contains("features.spelling_correction"), spelling.getMessage());
    }
}
