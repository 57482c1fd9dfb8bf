package org.mgdspr.model.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A saved config is read on top of the {@code small} preset, so a key it lacks takes the preset's value. For keys
 * added after artifacts were first written, the preset must keep the behaviour those artifacts were trained with;
 * changing one of these values would silently change every older model.
 */
class PresetCompatibilityTest {

    @Test
    void keysAddedLaterKeepTheirOriginalBehaviourInTheSmallPreset() {
        ModelConfig small = ModelConfig.preset("small");
        assertTrue(small.features().titleSubwords(), "titles carried character trigrams");
        assertTrue(small.tower().titleProjection(), "the item tower had its tanh title layer");
        assertTrue(small.tower().sumProjection(), "the sum of the user tower's parts had a linear layer");
        assertFalse(small.tower().l2Normalize(), "vectors were not normalised");
        assertFalse(small.loss().inBatchNegatives(), "only catalog negatives");
        assertEquals(TrainConfig.ADAGRAD, small.train().optimizer());
    }
}
