package org.mgdspr.model.twotower;

import ai.djl.nn.AbstractBlock;

import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.config.TowerConfig;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.nn.AlphaDnnUserTowerBlock;
import org.mgdspr.model.nn.EmbeddingTable;
import org.mgdspr.model.nn.MgdsprUserTowerBlock;
import org.mgdspr.model.nn.UserBatcher;
import org.mgdspr.model.nn.UserEmbedder;
import org.mgdspr.model.nn.UserTowerInput;
import org.mgdspr.model.serving.FastUserTower;
import org.mgdspr.model.serving.UserTowerCompiler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The query/user side of a model: embedding tables plus the {@code mgdspr} or {@code alpha_dnn} block, loadable on
 * its own (the serving path needs only this tower per request).
 *
 * <p>{@link #embed} is safe to call from several threads at once; it must not overlap with training or loading.
 */
public final class UserTower extends Tower<UserTowerInput> {

    private final UserBatcher batcher;
    private final UserEmbedder embedder;
    private final AbstractBlock block;

    private UserTower(ModelConfig config, UserEmbedder embedder, AbstractBlock block) {
        super(config, block, embedder.tables());
        this.batcher = new UserBatcher(config.features());
        this.embedder = embedder;
        this.block = block;
    }

    private static AbstractBlock block(ModelConfig config) {
        TowerConfig tower = config.tower();
        return TowerConfig.ALPHA_DNN.equals(tower.userTower())
            ? new AlphaDnnUserTowerBlock(tower)
            : new MgdsprUserTowerBlock(config);
    }

    /** A freshly initialised tower; deterministic for {@code config.train().seed()}. */
    public static UserTower create(ModelConfig config) {
        return new UserTower(config, new UserEmbedder(config), block(config));
    }

    /** Loads a tower saved by {@link #save(Path)}. */
    public static UserTower load(Path dir) throws IOException {
        UserTower tower = create(TowerFiles.readConfig(dir));
        tower.loadParameters(dir);
        return tower;
    }

    /** User vectors {@code u}, one row of {@code dim} floats per user. Inference: no dropout, no gradient. */
    public float[][] embed(List<EncodedUser> users) {
        return infer((step, lookup) -> embedder.request(lookup, batcher.batch(step, users)));
    }

    /**
     * The serving forward: the current weights copied into plain arrays, the embedding tables read in place. Gives
     * the vectors of {@link #embed} up to float rounding; compile again after training changes the weights.
     */
    public FastUserTower compile() {
        return UserTowerCompiler.compile(config(), block, embedder);
    }

    /** Training hook: stacks encoded inputs into the id tensors the {@link #embedder()} reads. */
    public UserBatcher batcher() {
        return batcher;
    }

    /** Training hook: the embedding tables and the row lookups in front of the dense block. */
    public UserEmbedder embedder() {
        return embedder;
    }

    EmbeddingTable wordTable() {
        return embedder.wordTable();
    }
}
