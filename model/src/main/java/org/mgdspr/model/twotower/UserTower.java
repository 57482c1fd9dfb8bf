package org.mgdspr.model.twotower;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.config.TowerConfig;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.nn.AlphaDnnUserTowerBlock;
import org.mgdspr.model.nn.EmbeddingTable;
import org.mgdspr.model.nn.MgdsprUserTowerBlock;
import org.mgdspr.model.nn.UserBatcher;
import org.mgdspr.model.nn.UserEmbedder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The query/user side of a model: embedding tables plus the {@code mgdspr} or {@code alpha_dnn} block, loadable on
 * its own (the serving path needs only this tower per request).
 *
 * <p>{@link #embed} is safe to call from several threads at once; it must not overlap with training or loading.
 */
public final class UserTower implements AutoCloseable {

    private final UserBatcher batcher;
    private final UserEmbedder embedder;
    private final TowerCore core;

    private UserTower(ModelConfig config) {
        this.batcher = new UserBatcher(config.features());
        this.embedder = new UserEmbedder(config);
        TowerConfig tower = config.tower();
        AbstractBlock block = TowerConfig.ALPHA_DNN.equals(tower.userTower())
            ? new AlphaDnnUserTowerBlock(tower)
            : new MgdsprUserTowerBlock(config);
        this.core = new TowerCore(config, block, embedder.tables());
    }

    /** A freshly initialised tower; deterministic for {@code config.train().seed()}. */
    public static UserTower create(ModelConfig config) {
        return new UserTower(config);
    }

    /** Loads a tower saved by {@link #save(Path)}. */
    public static UserTower load(Path dir) throws IOException {
        UserTower tower = new UserTower(TowerFiles.readConfig(dir));
        tower.core.load(dir);
        return tower;
    }

    public void save(Path dir) throws IOException {
        core.save(dir);
    }

    public ModelConfig config() {
        return core.config();
    }

    /** User vectors {@code u}, one row of {@code dim} floats per user. Inference: no dropout, no gradient. */
    public float[][] embed(List<EncodedUser> users) {
        return core.embed((step, lookup) -> embedder.request(lookup, batcher.batch(step, users)));
    }

    UserBatcher batcher() {
        return batcher;
    }

    UserEmbedder embedder() {
        return embedder;
    }

    NDArray forward(ParameterStore store, NDList embedded, boolean training) {
        return core.forward(store, embedded, training);
    }

    List<Parameter> parameters() {
        return core.parameters();
    }

    void setTrainable(boolean trainable) {
        core.setTrainable(trainable);
    }

    EmbeddingTable wordTable() {
        return embedder.wordTable();
    }

    @Override
    public void close() {
        core.close();
    }
}
