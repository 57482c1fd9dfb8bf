package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.testing.Fixtures;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mgdspr.model.nn.BlockTesting.assertClose;

class MultiGranularQueryTest {

    @Test
    void rowsFollowTheAblationFlags() {
        for (String tower : new String[] {"", "\"use_query_history\": false", "\"multi_granular\": false"}) {
            ModelConfig config = Fixtures.tiny(tower, "");
            try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                MultiGranularQuery block = BlockTesting.initialized(new MultiGranularQuery(config), manager, 16);
                NDArray q = BlockTesting.run(block, manager, input(manager, config, 0f).toNDList());
                assertEquals(new Shape(2, MultiGranularQuery.rows(config.tower()), 16), q.getShape(), tower);
            }
        }
    }

    @Test
    void rowsAreTheGranularMeansTheirAttentionAndTheirSumAndIgnorePadding() {
        ModelConfig config = Fixtures.tiny();
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            MultiGranularQuery block = BlockTesting.initialized(new MultiGranularQuery(config), manager, 16);
            QueryInput input = input(manager, config, 0f);
            NDArray q = BlockTesting.run(block, manager, input.toNDList());
            assertClose(input.unigrams().mean().toFloatArray(), row(q, 0), 1e-6f, "g1 = unigram mean");
            assertClose(input.bigrams().mean().toFloatArray(), row(q, 1), 1e-6f, "g2 = bigram mean");
            assertClose(input.words().mean().toFloatArray(), row(q, 2), 1e-6f, "s = word mean");
            assertClose(new float[16], Arrays.copyOf(row(q, 4), 16), 0f, "hs = 0 without history");
            NDArray sum = q.get(new NDIndex(":, 0:5, :")).sum(new int[] {1});
            assertClose(sum.toFloatArray(), row(q, 5), 1e-5f, "mix = g1 + g2 + s + ss + hs");
            NDArray noisy = BlockTesting.run(block, manager, input(manager, config, 9f).toNDList());
            assertClose(q.toFloatArray(), noisy.toFloatArray(), 1e-5f, "padded tokens change nothing");
        }
    }

    @Test
    void historyAttentionByHand() {
        ModelConfig config = Fixtures.tiny();
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            MultiGranularQuery block = BlockTesting.initialized(new MultiGranularQuery(config), manager, 16);
            SplittableRandom random = new SplittableRandom(4);
            FeatureConfig f = config.features();
            float[] word = new float[f.maxWords() * 16];
            word[0] = 1;
            float[] history = new float[f.maxHistoryWords() * 16];
            history[0] = 2;
            history[16 + 1] = 3;
            float[] historyMask = new float[f.maxHistoryWords()];
            historyMask[0] = 1;
            historyMask[1] = 1;
            float[] wordMask = new float[f.maxWords()];
            wordMask[0] = 1;
            QueryInput input = new QueryInput(
                BlockTesting.sequence(manager, random, f.maxUnigrams(), 16, 0f, 2),
                BlockTesting.sequence(manager, random, f.maxBigrams(), 16, 0f, 1),
                new MaskedSequence(manager.create(word, new Shape(1, f.maxWords(), 16)),
                    manager.create(wordMask, new Shape(1, f.maxWords()))),
                new MaskedSequence(manager.create(history, new Shape(1, f.maxHistoryWords(), 16)),
                    manager.create(historyMask, new Shape(1, f.maxHistoryWords()))));
            float[] hs = row(BlockTesting.run(block, manager, input.toNDList()), 4);
            // s = e0; logits s·h = (2, 0); hs = softmax · H
            float w = (float) (Math.exp(2) / (Math.exp(2) + 1));
            assertEquals(2 * w, hs[0], 1e-5f);
            assertEquals(3 * (1 - w), hs[1], 1e-5f);
        }
    }

    private static float[] row(NDArray q, int row) {
        return q.get(new NDIndex(":, {}, :", row)).toFloatArray();
    }

    /**
     * Two queries, the first without history. History padding is always zero, as the lookup makes it: an
     * all-padding history is attended without a zero row, so its uniform attention averages the padded rows.
     */
    private static QueryInput input(NDManager manager, ModelConfig config, float padding) {
        FeatureConfig f = config.features();
        SplittableRandom random = new SplittableRandom(3);
        return new QueryInput(
            BlockTesting.sequence(manager, random, f.maxUnigrams(), 16, padding, 3, f.maxUnigrams()),
            BlockTesting.sequence(manager, random, f.maxBigrams(), 16, padding, 2, 0),
            BlockTesting.sequence(manager, random, f.maxWords(), 16, padding, 2, f.maxWords()),
            BlockTesting.sequence(manager, random, f.maxHistoryWords(), 16, 0f, 0, 4));
    }
}
