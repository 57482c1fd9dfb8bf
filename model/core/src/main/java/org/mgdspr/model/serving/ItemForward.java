package org.mgdspr.model.serving;

import org.mgdspr.model.features.EncodedItem;

/**
 * The item tower ({@code ItemTowerBlock}) at inference: {@code v = E_item[id] + tanh(W_t · title mean + b)}, or
 * {@code E_item[id] + title mean} without the title projection.
 */
final class ItemForward {

    private final EmbeddingBag itemIds;
    private final EmbeddingBag titles;
    private final DenseLayer titleProjection;

    /** @param titleProjection the tanh layer, or null without {@code title_projection} */
    ItemForward(EmbeddingBag itemIds, EmbeddingBag titles, DenseLayer titleProjection) {
        this.itemIds = itemIds;
        this.titles = titles;
        this.titleProjection = titleProjection;
    }

    float[] apply(EncodedItem item) {
        float[] title = titles.mean(item.titleTokens());
        float[] v = new float[itemIds.width()];
        itemIds.read(item.itemId(), v, 0);
        if (titleProjection == null) {
            Kernels.add(title, 0, v, 0, v.length);
            return v;
        }
        float[] projected = new float[titleProjection.out()];
        titleProjection.apply(title, 0, projected, 0);
        Kernels.tanh(projected, 0, projected.length);
        Kernels.add(projected, 0, v, 0, v.length);
        return v;
    }
}
