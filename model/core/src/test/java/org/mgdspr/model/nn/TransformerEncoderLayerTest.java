package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mgdspr.model.nn.BlockTesting.assertClose;
import static org.mgdspr.model.nn.BlockTesting.rows;

class TransformerEncoderLayerTest {

    @Test
    void keepsTheShapeAndIgnoresPaddedPositions() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            TransformerEncoderLayer block = BlockTesting.initialized(new TransformerEncoderLayer(8, 4, 16, 0.1f, 1L),
                manager, 8);
            MaskedSequence zeros = BlockTesting.sequence(manager, new SplittableRandom(2), 4, 8, 0f, 1, 4);
            MaskedSequence noise = BlockTesting.sequence(manager, new SplittableRandom(2), 4, 8, -3f, 1, 4);
            NDArray clean = BlockTesting.run(block, manager, zeros.toNDList());
            assertEquals(new Shape(2, 4, 8), clean.getShape());
            NDArray noisy = BlockTesting.run(block, manager, noise.toNDList());
            assertClose(rows(clean, 0, 0, 1), rows(noisy, 0, 0, 1), 1e-5f, "the present row");
            assertClose(rows(clean, 1, 0, 4), rows(noisy, 1, 0, 4), 1e-5f, "a full row");
        }
    }

    @Test
    void zeroBranchesLeaveTheResidualStream() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            TransformerEncoderLayer block = BlockTesting.initialized(new TransformerEncoderLayer(4, 2, 8, 0f, 1L),
                manager, 4);
            BlockTesting.setParameters(block, "weight", BlockTesting::zeros);
            BlockTesting.setParameters(block, "bias", BlockTesting::zeros);
            MaskedSequence x = BlockTesting.sequence(manager, new SplittableRandom(3), 3, 4, 0f, 2);
            assertClose(x.values().toFloatArray(), BlockTesting.run(block, manager, x.toNDList()).toFloatArray(),
                0f, "x + 0 + 0");
        }
    }

    @Test
    void feedForwardBranchByHand() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            TransformerEncoderLayer block = BlockTesting.initialized(new TransformerEncoderLayer(2, 1, 2, 0f, 1L),
                manager, 2);
            BlockTesting.setParameters(block, "weight", BlockTesting::zeros);
            BlockTesting.setParameters(block, "bias", BlockTesting::zeros);
            BlockTesting.setParameters(block, "ffn_in_weight", BlockTesting::identity);
            BlockTesting.setParameters(block, "ffn_out_weight", BlockTesting::identity);
            NDArray x = manager.create(new float[] {3, 1}, new Shape(1, 1, 2));
            NDArray mask = manager.ones(new Shape(1, 1));
            float[] out = BlockTesting.run(block, manager, new MaskedSequence(x, mask).toNDList()).toFloatArray();
            // LN((3, 1)) = (1, -1) up to epsilon; ReLU keeps (1, 0); the residual adds it to x
            float normed = (float) (1 / Math.sqrt(1 + 1e-5));
            assertClose(new float[] {3 + normed, 1}, out, 1e-6f, "x + ReLU(LN(x))");
        }
    }
}
