package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mgdspr.model.nn.BlockTesting.assertClose;
import static org.mgdspr.model.nn.BlockTesting.rows;

class MultiHeadSelfAttentionTest {

    @Test
    void keepsTheShapeAndIgnoresPaddedPositions() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            MultiHeadSelfAttention block =
                BlockTesting.initialized(new MultiHeadSelfAttention(8, 2, 0.5f, 1L), manager, 8);
            MaskedSequence zeros = BlockTesting.sequence(manager, new SplittableRandom(1), 5, 8, 0f, 3, 5);
            MaskedSequence noise = BlockTesting.sequence(manager, new SplittableRandom(1), 5, 8, 7f, 3, 5);
            NDArray clean = BlockTesting.run(block, manager, zeros.toNDList());
            NDArray noisy = BlockTesting.run(block, manager, noise.toNDList());
            assertEquals(new Shape(2, 5, 8), clean.getShape());
            assertClose(rows(clean, 0, 0, 3), rows(noisy, 0, 0, 3), 1e-5f, "present rows");
            assertClose(rows(clean, 1, 0, 5), rows(noisy, 1, 0, 5), 1e-5f, "a full row");
        }
    }

    @Test
    void identityProjectionsGiveScaledDotProductAttentionByHand() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            MultiHeadSelfAttention block =
                BlockTesting.initialized(new MultiHeadSelfAttention(2, 1, 0f, 1L), manager, 2);
            BlockTesting.setParameters(block, "weight", BlockTesting::identity);
            BlockTesting.setParameters(block, "bias", BlockTesting::zeros);
            NDArray x = manager.create(new float[] {1, 0, 0, 1, 5, 5}, new Shape(1, 3, 2));
            NDArray mask = manager.create(new float[] {1, 1, 0}, new Shape(1, 3));
            float[] out = BlockTesting.run(block, manager, new MaskedSequence(x, mask).toNDList()).toFloatArray();
            // row 0: logits (1/sqrt 2, 0) over the two present keys, the padded third key gets no weight
            float w = (float) (Math.exp(1 / Math.sqrt(2)) / (Math.exp(1 / Math.sqrt(2)) + 1));
            assertClose(new float[] {w, 1 - w, 1 - w, w}, new float[] {out[0], out[1], out[2], out[3]}, 1e-6f,
                "attention of the present rows");
        }
    }
}
