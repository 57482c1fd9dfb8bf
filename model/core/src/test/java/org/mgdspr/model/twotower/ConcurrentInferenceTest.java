package org.mgdspr.model.twotower;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.testing.Fixtures;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Calls from other threads may reduce in a different order inside PyTorch kernels (observed: 1 ulp), so results are
 * compared with a tolerance; same-thread results are bit-identical (see {@code TrainingTest}). Which kernel runs
 * must not depend on the thread ({@code InferenceThreadTest}).
 */
class ConcurrentInferenceTest {

    private static void assertClose(float[][] expected, float[][] actual) {
        for (int r = 0; r < expected.length; r++) {
            assertArrayEquals(expected[r], actual[r], 1e-5f);
        }
    }

    @Test
    void concurrentEmbedCallsMatchSequentialOnes() throws Exception {
        ModelConfig config = Fixtures.tiny();
        FeatureConfig f = config.features();
        List<EncodedUser> users = Fixtures.users(f, new Random(1), 4);
        List<EncodedItem> items = Fixtures.items(f, new Random(2), 4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (TwoTowerModel model = TwoTowerModel.create(config)) {
            float[][] expectedUsers = model.embedUsers(users);
            float[][] expectedItems = model.embedItems(items);
            List<Future<float[][]>> userResults = new ArrayList<>();
            List<Future<float[][]>> itemResults = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                userResults.add(pool.submit(() -> model.embedUsers(users)));
                itemResults.add(pool.submit(() -> model.embedItems(items)));
            }
            for (int i = 0; i < 8; i++) {
                assertClose(expectedUsers, userResults.get(i).get());
                assertClose(expectedItems, itemResults.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
