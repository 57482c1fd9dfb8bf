package org.mgdspr.model.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.features.EncodedItem;

import java.util.List;
import java.util.Objects;

/**
 * Stacks {@link EncodedItem}s into int64 id tensors, in this fixed order:
 *
 * <pre>
 * 0 ITEM_IDS  (B)
 * 1 TITLES    (B, maxTitleTokens), 0 = padding
 * </pre>
 */
public final class ItemBatcher {

    public static final int ITEM_IDS = 0;
    public static final int TITLES = 1;
    public static final int SIZE = 2;

    private final FeatureConfig features;

    public ItemBatcher(FeatureConfig features) {
        this.features = Objects.requireNonNull(features, "features");
    }

    public NDList batch(NDManager manager, List<EncodedItem> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("cannot batch zero items");
        }
        long[] ids = new long[items.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = items.get(i).itemId();
        }
        return new NDList(
            manager.create(ids, new Shape(ids.length)),
            UserBatcher.ids(manager, items, EncodedItem::titleTokens, features.maxTitleTokens(),
                "title_tokens"));
    }
}
