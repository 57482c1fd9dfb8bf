package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttentionTest {

    @Test
    void zeroRowAbsorbsTheAttentionWhenNoBehaviourMatchesTheQuery() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray query = manager.create(new float[] {1, 0, 0, 0, 0, 0, 1, 0}, new Shape(1, 2, 4));
            // every behaviour row points away from both query rows: all logits are <= -8
            NDArray keys = manager.create(new float[] {-8, 0, -8, 0, -9, 0, -9, 0, -10, 0, -10, 1},
                new Shape(1, 3, 4));
            NDArray mask = manager.create(new float[] {1, 1, 1}, new Shape(1, 3));
            float[] weights = Attention.zeroSlotWeights(query, keys, mask, false).toFloatArray();
            assertEquals(1.0, weights[0], 1e-3, "row 1 puts its mass on the zero row");
            assertEquals(1.0, weights[4], 1e-3, "row 2 puts its mass on the zero row");
            float[] out = Attention.zeroSlotAttend(query, keys, mask, false).toFloatArray();
            for (float v : out) {
                assertEquals(0.0, v, 5e-3, "the output is (almost) nothing");
            }
        }
    }

    @Test
    void matchingBehaviourWinsOverTheZeroRow() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray query = manager.create(new float[] {1, 0}, new Shape(1, 1, 2));
            NDArray keys = manager.create(new float[] {6, 0, -6, 0}, new Shape(1, 2, 2));
            NDArray mask = manager.create(new float[] {1, 1}, new Shape(1, 2));
            float[] weights = Attention.zeroSlotWeights(query, keys, mask, false).toFloatArray();
            assertTrue(weights[1] > 0.99, "the matching row takes the mass: " + weights[1]);
        }
    }

    @Test
    void fullyEmptyBehaviourAttendsOnlyTheZeroRowWithoutNaN() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray query = manager.randomNormal(new Shape(2, 6, 4));
            NDArray keys = manager.zeros(new Shape(2, 5, 4));
            NDArray mask = manager.zeros(new Shape(2, 5));
            float[] weights = Attention.zeroSlotWeights(query, keys, mask, false).toFloatArray();
            for (int row = 0; row < 12; row++) {
                assertEquals(1f, weights[row * 6], "zero row weight");
            }
            assertArrayEquals(new float[2 * 6 * 4], Attention.zeroSlotAttend(query, keys, mask, true).toFloatArray());
            float[] plain = Attention.attend(query, keys, mask, false).toFloatArray();
            for (float v : plain) {
                assertEquals(0f, v, "all-padding keys without a zero row still give zeros, not NaN");
            }
        }
    }

    @Test
    void maskedMeanIgnoresPaddingAndIsZeroWhenEmpty() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray x = manager.create(new float[] {1, 2, 3, 4, 100, 100, 5, 6, 7, 8, 9, 10}, new Shape(2, 3, 2));
            NDArray mask = manager.create(new float[] {1, 1, 0, 0, 0, 0}, new Shape(2, 3));
            assertArrayEquals(new float[] {2, 3, 0, 0}, Attention.maskedMean(x, mask).toFloatArray());
        }
    }
}
