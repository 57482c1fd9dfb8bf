package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.config.TowerConfig;
import org.mgdspr.model.features.LongTermList;
import org.mgdspr.model.testing.Fixtures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mgdspr.model.nn.BlockTesting.assertClose;

/** {@link MgdsprUserTowerBlock} and {@link AlphaDnnUserTowerBlock}. */
class UserTowerBlocksTest {

    private static final List<String> VARIANTS = List.of("", "\"trm_fusion\": false",
        "\"trm_fusion\": false, \"sum_projection\": false", "\"multi_granular\": false",
        "\"use_query_history\": false", "\"use_real_time\": false, \"use_short_term\": false",
        "\"use_long_term\": false", "\"scaled_attention\": true", "\"user_tower\": \"alpha_dnn\"",
        "\"user_tower\": \"alpha_dnn\", \"use_query_history\": false, \"use_long_term\": false");

    @Test
    void everyVariantGivesOneVectorPerUserAndIgnoresPadding() {
        for (String variant : VARIANTS) {
            ModelConfig config = Fixtures.tiny(variant, "");
            try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                AbstractBlock block = BlockTesting.initialized(block(config), manager, 16);
                NDArray clean = BlockTesting.run(block, manager, input(manager, config, 0f).toNDList());
                NDArray noisy = BlockTesting.run(block, manager, input(manager, config, 5f).toNDList());
                assertEquals(new Shape(3, 16), clean.getShape(), variant);
                assertClose(clean.toFloatArray(), noisy.toFloatArray(), 1e-5f, "padding, variant " + variant);
            }
        }
    }

    @Test
    void theAblationBaseWithoutProjectionIsTheWordMean() {
        ModelConfig config = Fixtures.tiny("\"multi_granular\": false, \"trm_fusion\": false, "
            + "\"sum_projection\": false, \"use_real_time\": false, \"use_short_term\": false, "
            + "\"use_long_term\": false", "");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            AbstractBlock block = BlockTesting.initialized(block(config), manager, 16);
            UserTowerInput input = input(manager, config, 0f);
            assertClose(input.query().words().mean().toFloatArray(),
                BlockTesting.run(block, manager, input.toNDList()).toFloatArray(), 0f, "u = s");
        }
    }

    @Test
    void alphaDnnIsItsMlpOnTheConcatenatedMeansByHand() {
        ModelConfig config = Fixtures.tiny("\"user_tower\": \"alpha_dnn\", \"alpha_dnn_hidden\": [], "
            + "\"use_real_time\": false, \"use_short_term\": false, \"use_long_term\": false", "");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            AbstractBlock block = BlockTesting.initialized(block(config), manager, 16);
            // output = [I I] · [word mean; history mean] + 1
            BlockTesting.setParameters(block, "weight", shape -> {
                float[] w = new float[16 * 32];
                for (int i = 0; i < 16; i++) {
                    w[i * 32 + i] = 1;
                    w[i * 32 + 16 + i] = 1;
                }
                return w;
            });
            BlockTesting.setParameters(block, "bias", shape -> {
                float[] b = new float[16];
                Arrays.fill(b, 1);
                return b;
            });
            UserTowerInput input = input(manager, config, 0f);
            NDArray expected = input.query().words().mean().add(input.query().historyWords().mean()).add(1f);
            assertClose(expected.toFloatArray(), BlockTesting.run(block, manager, input.toNDList()).toFloatArray(),
                1e-6f, "W [s; h] + b");
        }
    }

    private static AbstractBlock block(ModelConfig config) {
        return TowerConfig.ALPHA_DNN.equals(config.tower().userTower())
            ? new AlphaDnnUserTowerBlock(config.tower()) : new MgdsprUserTowerBlock(config);
    }

    /**
     * Three users: partly filled, with no context at all, and with every position present. History padding is
     * always zero, as the lookup makes it: an all-padding history is attended without a zero row, so its
     * (uniform) attention averages the padded rows.
     */
    private static UserTowerInput input(NDManager manager, ModelConfig config, float padding) {
        FeatureConfig f = config.features();
        SplittableRandom random = new SplittableRandom(6);
        int d = config.tower().dim();
        QueryInput query = new QueryInput(
            BlockTesting.sequence(manager, random, f.maxUnigrams(), d, padding, 3, 0, f.maxUnigrams()),
            BlockTesting.sequence(manager, random, f.maxBigrams(), d, padding, 2, 0, f.maxBigrams()),
            BlockTesting.sequence(manager, random, f.maxWords(), d, padding, 2, 1, f.maxWords()),
            BlockTesting.sequence(manager, random, f.maxHistoryWords(), d, 0f, 3, 0, f.maxHistoryWords()));
        MaskedSequence realTime = BlockTesting.sequence(manager, random, f.maxRealTime(), d, padding, 2, 0,
            f.maxRealTime());
        MaskedSequence shortTerm = BlockTesting.sequence(manager, random, f.maxShortTerm(), d, padding, 5, 0,
            f.maxShortTerm());
        List<MaskedSequence> longTerm = new ArrayList<>();
        for (int attribute = 0; attribute < LongTermList.ATTRIBUTES; attribute++) {
            int width = BehaviorTables.widths(config.tower())[BehaviorTables.longTermField(attribute)];
            int length = f.maxLongTerm();
            MaskedSequence flat = BlockTesting.sequence(manager, random, length, width, padding,
                1, 0, 0, 0, 0, 0, length, length, length);
            longTerm.add(new MaskedSequence(flat.values().reshape(3, LongTermList.ACTIONS, length, width),
                flat.mask().reshape(3, LongTermList.ACTIONS, length)));
        }
        return new UserTowerInput(query, realTime, shortTerm, longTerm);
    }
}
