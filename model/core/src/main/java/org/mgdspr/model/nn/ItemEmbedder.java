package org.mgdspr.model.nn;

import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.config.TowerConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The item tower's tables (paper Eq. 16) and the step from {@link ItemIds} to the dense {@link ItemTowerInput}.
 *
 * The d-wide item-id table starts at zero: an id the model never trained contributes nothing, so a cold item is
 * represented by its title alone instead of by random noise. Training updates the rows of ids it sees.
 */
public final class ItemEmbedder {

    private final EmbeddingTable itemIds;
    private final EmbeddingTable titles;

    /**
     * @param sharedWords the user tower's word table when {@code share_word_vocabulary} is on (titles use it);
     *                    {@code null} to create this tower's own (a standalone item tower always owns its tables)
     */
    public ItemEmbedder(ModelConfig config, EmbeddingTable sharedWords) {
        FeatureConfig f = config.features();
        TowerConfig t = config.tower();
        this.itemIds = EmbeddingTable.zeros("item_id", f.itemIdBuckets(), t.dim());
        if (sharedWords != null) {
            if (!f.shareWordVocabulary()) {
                throw new IllegalArgumentException("a shared word table needs features.share_word_vocabulary");
            }
            this.titles = sharedWords;
        } else {
            String name = f.shareWordVocabulary() ? "word" : "title_word";
            int buckets = f.shareWordVocabulary() ? f.wordBuckets() : f.titleBuckets();
            this.titles = EmbeddingTable.uniform(name, buckets, t.dim(), (float) (1 / Math.sqrt(t.dim())),
                config.train().seed());
        }
    }

    public List<EmbeddingTable> tables() {
        return new ArrayList<>(List.of(itemIds, titles));
    }

    public EmbeddingTable titleTable() {
        return titles;
    }

    /** The item-id table, d wide, zeros for ids training never saw. */
    public EmbeddingTable itemIdTable() {
        return itemIds;
    }

    public PendingInputs<ItemTowerInput> request(SparseLookup lookup, ItemIds ids) {
        Objects.requireNonNull(lookup, "lookup");
        SparseLookup.Handle id = lookup.request(itemIds, ids.itemIds());
        SparseLookup.Handle title = lookup.requestMean(titles, ids.titles());
        return () -> new ItemTowerInput(id.get(), title.get());
    }
}
