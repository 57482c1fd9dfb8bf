package org.mgdspr.model.twotower;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.config.TowerConfig;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.nn.AlphaDnnUserTowerBlock;
import org.mgdspr.model.nn.EmbeddingTable;
import org.mgdspr.model.nn.MgdsprUserTowerBlock;
import org.mgdspr.model.nn.ParameterInit;
import org.mgdspr.model.nn.PendingInputs;
import org.mgdspr.model.nn.SparseLookup;
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

    private final ModelConfig config;
    private final NDManager manager;
    private final UserBatcher batcher;
    private final UserEmbedder embedder;
    private final AbstractBlock block;

    private UserTower(ModelConfig config) {
        this.config = config;
        this.manager = NDManager.newBaseManager("PyTorch");
        this.batcher = new UserBatcher(config.features());
        this.embedder = new UserEmbedder(config);
        TowerConfig tower = config.tower();
        this.block = TowerConfig.ALPHA_DNN.equals(tower.userTower())
            ? new AlphaDnnUserTowerBlock(tower)
            : new MgdsprUserTowerBlock(config);
        ParameterInit.initialize(block, manager, config.train().seed(), new Shape(1, tower.dim()));
        setTrainable(false);
    }

    /** A freshly initialised tower; deterministic for {@code config.train().seed()}. */
    public static UserTower create(ModelConfig config) {
        return new UserTower(config);
    }

    /** Loads a tower saved by {@link #save(Path)}. */
    public static UserTower load(Path dir) throws IOException {
        UserTower tower = new UserTower(TowerFiles.readConfig(dir));
        try {
            TowerFiles.load(dir, tower.manager, tower.block, tower.embedder.tables());
            tower.setTrainable(false);
            return tower;
        } catch (IOException | RuntimeException e) {
            tower.close();
            throw e;
        }
    }

    public void save(Path dir) throws IOException {
        TowerFiles.save(dir, config, block, embedder.tables());
    }

    public ModelConfig config() {
        return config;
    }

    /** User vectors {@code u}, one row of {@code dim} floats per user. Inference: no dropout, no gradient. */
    public float[][] embed(List<EncodedUser> users) {
        try (NDManager step = manager.newSubManager(); NDScope scope = new NDScope()) {
            SparseLookup lookup = new SparseLookup(step, false);
            PendingInputs pending = embedder.request(lookup, batcher.batch(step, users));
            lookup.materialize();
            NDArray vectors = forward(new ParameterStore(step, false), pending.resolve(), false);
            return Rows.of(vectors);
        }
    }

    UserBatcher batcher() {
        return batcher;
    }

    UserEmbedder embedder() {
        return embedder;
    }

    NDArray forward(ParameterStore store, NDList embedded, boolean training) {
        return block.forward(store, embedded, training).singletonOrThrow();
    }

    List<Parameter> parameters() {
        return block.getParameters().values();
    }

    /** Engine-side gradients only while training, so inference on any thread never records a graph. */
    void setTrainable(boolean trainable) {
        parameters().forEach(p -> p.getArray().setRequiresGradient(trainable));
    }

    EmbeddingTable wordTable() {
        return embedder.wordTable();
    }

    @Override
    public void close() {
        manager.close();
    }
}
