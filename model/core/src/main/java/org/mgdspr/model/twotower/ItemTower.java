package org.mgdspr.model.twotower;


import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.nn.EmbeddingTable;
import org.mgdspr.model.nn.ItemBatcher;
import org.mgdspr.model.nn.ItemEmbedder;
import org.mgdspr.model.nn.ItemTowerBlock;
import org.mgdspr.model.nn.ItemTowerInput;
import org.mgdspr.model.serving.FastItemTower;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The item side of a model, loadable on its own (the ingest path computes item vectors with only this tower).
 *
 * <p>{@link #embed} is safe to call from several threads at once; it must not overlap with training or loading.
 */
public final class ItemTower extends Tower<ItemTowerInput> {

    private final ItemBatcher batcher;
    private final ItemEmbedder embedder;
    private final ItemTowerBlock block;

    private ItemTower(ModelConfig config, ItemEmbedder embedder, ItemTowerBlock block) {
        super(config, block, embedder.tables());
        this.batcher = new ItemBatcher(config.features());
        this.embedder = embedder;
        this.block = block;
    }

    /** A freshly initialised standalone tower (owns its title table even when the vocabulary is shared). */
    public static ItemTower create(ModelConfig config) {
        return create(config, null);
    }

    /** A tower whose titles use the user tower's word table ({@code share_word_vocabulary}). */
    static ItemTower create(ModelConfig config, EmbeddingTable sharedWords) {
        return new ItemTower(config, new ItemEmbedder(config, sharedWords), new ItemTowerBlock(config.tower()));
    }

    /** Loads a tower saved by {@link #save(Path)}. */
    public static ItemTower load(Path dir) throws IOException {
        return load(dir, null);
    }

    static ItemTower load(Path dir, EmbeddingTable sharedWords) throws IOException {
        ItemTower tower = create(TowerFiles.readConfig(dir), sharedWords);
        tower.loadParameters(dir);
        return tower;
    }

    /** Item vectors {@code v}, one row of {@code dim} floats per item. Inference: ids are never dropped. */
    public float[][] embed(List<EncodedItem> items) {
        return infer((step, lookup) -> embedder.request(lookup, batcher.batch(step, items)));
    }

    /**
     * The serving forward: the current weights copied into plain arrays, the embedding tables read in place. Gives
     * the vectors of {@link #embed} up to float rounding; compile again after training changes the weights.
     */
    public FastItemTower compile() {
        return FastItemTower.compile(config(), block, embedder);
    }

    /** Training hook: stacks encoded inputs into the id tensors the {@link #embedder()} reads. */
    public ItemBatcher batcher() {
        return batcher;
    }

    /** Training hook: the embedding tables and the row lookups in front of the dense block. */
    public ItemEmbedder embedder() {
        return embedder;
    }
}
