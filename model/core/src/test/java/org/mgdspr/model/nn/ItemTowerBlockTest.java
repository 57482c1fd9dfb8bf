package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.testing.Fixtures;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mgdspr.model.nn.BlockTesting.assertClose;

class ItemTowerBlockTest {

    @Test
    void idPlusProjectedTitleMeanByHand() {
        ModelConfig config = Fixtures.tiny("\"dim\": 5, \"item_id_dim\": 1, \"shop_dim\": 1, \"leaf_category_dim\": 1, "
            + "\"category_dim\": 1, \"brand_dim\": 1, \"heads\": 1", "");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            ItemTowerBlock block = BlockTesting.initialized(new ItemTowerBlock(config.tower()), manager, 5);
            BlockTesting.setParameters(block, "weight", BlockTesting::identity);
            BlockTesting.setParameters(block, "bias", shape -> new float[] {0, 1, 0, 0, 0});
            ItemTowerInput input = new ItemTowerInput(
                manager.create(new float[] {10, 20, 0, 0, 0}, new Shape(1, 5)),
                manager.create(new float[] {2, 2, 0, 0, 0}, new Shape(1, 5)));
            float[] v = BlockTesting.run(block, manager, input.toNDList()).toFloatArray();
            // W = I; b = (0, 1, 0, 0, 0)
            assertClose(new float[] {(float) (10 + Math.tanh(2)), (float) (20 + Math.tanh(3)), 0, 0, 0}, v, 1e-6f,
                "id + tanh(W mean + b)");
        }
    }

    @Test
    void withoutProjectionTheTitleIsItsMean() {
        ModelConfig config = Fixtures.tiny("\"title_projection\": false", "");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            ItemTowerBlock block = BlockTesting.initialized(new ItemTowerBlock(config.tower()), manager, 16);
            SplittableRandom random = new SplittableRandom(5);
            NDArray id = BlockTesting.random(manager, random, new Shape(2, 16));
            NDArray titleMean = BlockTesting.random(manager, random, new Shape(2, 16));
            NDArray v = BlockTesting.run(block, manager, new ItemTowerInput(id, titleMean).toNDList());
            assertEquals(new Shape(2, 16), v.getShape());
            assertClose(id.add(titleMean).toFloatArray(), v.toFloatArray(), 1e-6f, "id + title mean");
        }
    }
}
