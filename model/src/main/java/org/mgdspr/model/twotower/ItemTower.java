package org.mgdspr.model.twotower;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.nn.EmbeddingTable;
import org.mgdspr.model.nn.ItemBatcher;
import org.mgdspr.model.nn.ItemEmbedder;
import org.mgdspr.model.nn.ItemTowerBlock;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The item side of a model, loadable on its own (the ingest path computes item vectors with only this tower).
 *
 * <p>{@link #embed} is safe to call from several threads at once; it must not overlap with training or loading.
 */
public final class ItemTower implements AutoCloseable {

    private final ItemBatcher batcher;
    private final ItemEmbedder embedder;
    private final TowerCore core;

    private ItemTower(ModelConfig config, EmbeddingTable sharedWords) {
        this.batcher = new ItemBatcher(config.features());
        this.embedder = new ItemEmbedder(config, sharedWords);
        this.core = new TowerCore(config, new ItemTowerBlock(config.tower().dim()), embedder.tables());
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
        tower.core.load(dir);
        return tower;
    }

    /** Writes config, dense parameters and tables, including the title table when it is shared. */
    public void save(Path dir) throws IOException {
        core.save(dir);
    }

    public ModelConfig config() {
        return core.config();
    }

    /** Item vectors {@code v}, one row of {@code dim} floats per item. Inference: ids are never dropped. */
    public float[][] embed(List<EncodedItem> items) {
        return core.embed((step, lookup) -> embedder.request(lookup, batcher.batch(step, items)));
    }

    ItemBatcher batcher() {
        return batcher;
    }

    ItemEmbedder embedder() {
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

    @Override
    public void close() {
        core.close();
    }
}
