package org.mgdspr.model.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.features.EncodedItem;

import java.util.List;
import java.util.Objects;

/** Stacks {@link EncodedItem}s into the int64 id tensors of {@link ItemIds}. */
public final class ItemBatcher {

    private final FeatureConfig features;

    public ItemBatcher(FeatureConfig features) {
        this.features = Objects.requireNonNull(features, "features");
    }

    public ItemIds batch(NDManager manager, List<EncodedItem> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("cannot batch zero items");
        }
        long[] ids = new long[items.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = items.get(i).itemId();
        }
        return new ItemIds(
            manager.create(ids, new Shape(ids.length)),
            UserBatcher.ids(manager, items, EncodedItem::titleTokens, features.maxTitleTokens(),
                "title_tokens"));
    }
}
