package org.mgdspr.model.twotower;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.nn.EmbeddingTable;
import org.mgdspr.model.nn.ItemBatcher;
import org.mgdspr.model.nn.ItemEmbedder;
import org.mgdspr.model.nn.ItemTowerBlock;
import org.mgdspr.model.nn.ParameterInit;
import org.mgdspr.model.nn.PendingInputs;
import org.mgdspr.model.nn.SparseLookup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The item side of a model, loadable on its own (the ingest path computes item vectors with only this tower).
 *
 * <p>{@link #embed} is safe to call from several threads at once; it must not overlap with training or loading.
 */
public final class ItemTower implements AutoCloseable {

    private final ModelConfig config;
    private final NDManager manager;
    private final ItemBatcher batcher;
    private final ItemEmbedder embedder;
    private final ItemTowerBlock block;

    private ItemTower(ModelConfig config, EmbeddingTable sharedWords) {
        this.config = config;
        this.manager = NDManager.newBaseManager("PyTorch");
        this.batcher = new ItemBatcher(config.features());
        this.embedder = new ItemEmbedder(config, sharedWords);
        this.block = new ItemTowerBlock(config.tower().dim());
        ParameterInit.initialize(block, manager, config.train().seed(), new Shape(1, config.tower().dim()));
        setTrainable(false);
    }

    /** A freshly initialised standalone tower (owns its title table even when the vocabulary is shared). */
    public static ItemTower create(ModelConfig config) {
        return new ItemTower(config, null);
    }

    /** A tower whose titles use the user tower's word table ({@code share_word_vocabulary}). */
    static ItemTower create(ModelConfig config, EmbeddingTable sharedWords) {
        return new ItemTower(config, sharedWords);
    }

    /** Loads a tower saved by {@link #save(Path)}. */
    public static ItemTower load(Path dir) throws IOException {
        return load(dir, null);
    }

    static ItemTower load(Path dir, EmbeddingTable sharedWords) throws IOException {
        ItemTower tower = new ItemTower(TowerFiles.readConfig(dir), sharedWords);
        try {
            TowerFiles.load(dir, tower.manager, tower.block, tower.embedder.tables());
            tower.setTrainable(false);
            return tower;
        } catch (IOException | RuntimeException e) {
            tower.close();
            throw e;
        }
    }

    /** Writes config, dense parameters and tables, including the title table when it is shared. */
    public void save(Path dir) throws IOException {
        TowerFiles.save(dir, config, block, embedder.tables());
    }

    public ModelConfig config() {
        return config;
    }

    /** Item vectors {@code v}, one row of {@code dim} floats per item. Inference: ids are never dropped. */
    public float[][] embed(List<EncodedItem> items) {
        try (NDManager step = manager.newSubManager(); NDScope scope = new NDScope()) {
            SparseLookup lookup = new SparseLookup(step, false);
            PendingInputs pending = embedder.request(lookup, batcher.batch(step, items));
            lookup.materialize();
            return Rows.of(forward(new ParameterStore(step, false), pending.resolve(), false));
        }
    }

    ItemBatcher batcher() {
        return batcher;
    }

    ItemEmbedder embedder() {
        return embedder;
    }

    NDArray forward(ParameterStore store, NDList embedded, boolean training) {
        return block.forward(store, embedded, training).singletonOrThrow();
    }

    List<Parameter> parameters() {
        return block.getParameters().values();
    }

    void setTrainable(boolean trainable) {
        parameters().forEach(p -> p.getArray().setRequiresGradient(trainable));
    }

    @Override
    public void close() {
        manager.close();
    }
}
