package org.mgdspr.model.twotower;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgdspr.model.config.ModelConfig;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Towers load on whatever thread a server gives them. PyTorch starts every new thread with gradients enabled, so
 * loading must not depend on the grad mode the test's main thread happens to be in.
 */
class LoadOnFreshThreadTest {

    @TempDir
    Path dir;

    @Test
    void towersLoadOnANewThread() throws Exception {
        ModelConfig config = ModelConfig.preset("small");
        try (TwoTowerModel model = TwoTowerModel.create(config)) {
            model.save(dir);
        }
        ExecutorService fresh = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> itemDim = fresh.submit(() -> {
                try (ItemTower tower = ItemTower.load(dir.resolve(TwoTowerModel.ITEM_DIR))) {
                    return tower.config().tower().dim();
                }
            });
            Future<Integer> userDim = fresh.submit(() -> {
                try (UserTower tower = UserTower.load(dir.resolve(TwoTowerModel.USER_DIR))) {
                    return tower.config().tower().dim();
                }
            });
            assertEquals(64, itemDim.get());
            assertEquals(64, userDim.get());
        } finally {
            fresh.shutdownNow();
        }
    }
}
