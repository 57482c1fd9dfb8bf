package org.mgdspr.model.twotower;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.nn.ThreadGradMode;
import org.mgdspr.model.testing.Fixtures;

import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Inference is a pure function of the model and its inputs: PyTorch keeps grad mode per thread (off on the thread
 * that started the engine, on elsewhere) and it once chose the LSTM's kernel, so the user tower's vectors depended
 * on the calling thread. Each config is embedded on this thread and on a fresh one, with grad mode off and on.
 */
class InferenceThreadTest {

    private static final float TOLERANCE = 1e-5f;

    @Test
    void tinyFixtureVectorsDoNotDependOnTheThreadOrItsGradMode() throws Exception {
        assertThreadIndependent(Fixtures.tiny());
    }

    @Test
    void presetVectorsDoNotDependOnTheThreadOrItsGradMode() throws Exception {
        for (String preset : ModelConfig.PRESETS) {
            assertThreadIndependent(ModelConfig.preset(preset));
        }
    }

    @Test
    void inferenceLeavesTheCallersGradModeAsItFoundIt() {
        ModelConfig config = Fixtures.tiny();
        FeatureConfig f = config.features();
        List<EncodedUser> users = Fixtures.users(f, new Random(1), 2);
        List<EncodedItem> items = Fixtures.items(f, new Random(2), 2);
        try (TwoTowerModel model = TwoTowerModel.create(config)) {
            for (boolean mode : new boolean[] {true, false}) {
                assertEquals(mode, ThreadGradMode.with(mode, () -> {
                    model.embedUsers(users);
                    model.embedItems(items);
                    return ThreadGradMode.isEnabled();
                }));
            }
        }
    }

    @Test
    void aFailingInferenceStillRestoresTheCallersGradMode() {
        ModelConfig config = Fixtures.tiny();
        try (TwoTowerModel model = TwoTowerModel.create(config)) {
            for (boolean mode : new boolean[] {true, false}) {
                assertEquals(mode, ThreadGradMode.with(mode, () -> {
                    assertThrows(RuntimeException.class, () -> model.embedItems(List.of(new EncodedItem(1,
                        new int[config.features().maxTitleTokens() + 1]))), "a title longer than the batcher takes");
                    return ThreadGradMode.isEnabled();
                }));
            }
        }
    }

    private static void assertThreadIndependent(ModelConfig config) throws Exception {
        FeatureConfig f = config.features();
        List<EncodedUser> users = Fixtures.users(f, new Random(1), 4);
        List<EncodedItem> items = Fixtures.items(f, new Random(2), 4);
        ExecutorService fresh = Executors.newSingleThreadExecutor();
        try (TwoTowerModel model = TwoTowerModel.create(config)) {
            float[][] expectedUsers = ThreadGradMode.with(false, () -> model.embedUsers(users));
            float[][] expectedItems = ThreadGradMode.with(false, () -> model.embedItems(items));
            for (boolean mode : new boolean[] {true, false}) {
                String where = config.tower().dim() + "-d model, grad mode " + mode;
                assertClose(expectedUsers, ThreadGradMode.with(mode, () -> model.embedUsers(users)),
                    "users, this thread, " + where);
                assertClose(expectedItems, ThreadGradMode.with(mode, () -> model.embedItems(items)),
                    "items, this thread, " + where);
                assertClose(expectedUsers, onFreshThread(fresh, mode, () -> model.embedUsers(users)),
                    "users, fresh thread, " + where);
                assertClose(expectedItems, onFreshThread(fresh, mode, () -> model.embedItems(items)),
                    "items, fresh thread, " + where);
            }
        } finally {
            fresh.shutdownNow();
        }
    }

    private static float[][] onFreshThread(ExecutorService pool, boolean mode, Supplier<float[][]> embed)
        throws Exception {
        Callable<float[][]> task = () -> ThreadGradMode.with(mode, embed);
        return pool.submit(task).get();
    }

    private static void assertClose(float[][] expected, float[][] actual, String message) {
        assertEquals(expected.length, actual.length, message);
        for (int r = 0; r < expected.length; r++) {
            assertArrayEquals(expected[r], actual[r], TOLERANCE, message + ", row " + r);
        }
    }
}
