package org.mgdspr.model.serving;

import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.nn.ItemEmbedder;
import org.mgdspr.model.nn.ItemTowerBlock;

import java.util.List;

/**
 * A trained item tower compiled into plain float arrays: the same vectors as the DJL tower up to float rounding,
 * without an engine call per item or batch. Immutable and safe for concurrent use; it reads the tower's embedding
 * tables, which must not be trained while it serves.
 */
public final class FastItemTower {

    private static final float MIN_NORM = 1e-12f;

    private final ModelConfig config;
    private final ItemForward forward;

    private FastItemTower(ModelConfig config, ItemForward forward) {
        this.config = config;
        this.forward = forward;
    }

    /** Copies the block's trained weights; the tables are read in place. */
    public static FastItemTower compile(ModelConfig config, ItemTowerBlock block, ItemEmbedder embedder) {
        return new FastItemTower(config, new ItemForward(new EmbeddingBag(embedder.itemIdTable()),
            new EmbeddingBag(embedder.titleTable()),
            block.titleProjection() == null ? null : DjlWeights.dense(block.titleProjection())));
    }

    public ModelConfig config() {
        return config;
    }

    /** The item vector {@code v}, unit length when {@code tower.l2_normalize} is on. */
    public float[] embed(EncodedItem item) {
        PaddedInputs.check(item, config.features());
        float[] v = forward.apply(item);
        if (config.tower().l2Normalize()) {
            Kernels.normalize(v, MIN_NORM);
        }
        return v;
    }

    public float[][] embed(List<EncodedItem> items) {
        float[][] vectors = new float[items.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = embed(items.get(i));
        }
        return vectors;
    }
}
