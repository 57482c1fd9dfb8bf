package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;

import java.util.Objects;

/**
 * A batch of items as int64 id tensors; made by {@link ItemBatcher}.
 *
 * @param itemIds {@code (B)}, 0 = no id (the item is seen through its title alone)
 * @param titles  {@code (B, maxTitleTokens)}, 0 = padding
 */
public record ItemIds(NDArray itemIds, NDArray titles) {

    public ItemIds {
        Objects.requireNonNull(itemIds, "itemIds");
        Objects.requireNonNull(titles, "titles");
        if (itemIds.getShape().get(0) != titles.getShape().get(0)) {
            throw new IllegalArgumentException("item ids " + itemIds.getShape() + " and titles " + titles.getShape()
                + " disagree on the batch size");
        }
    }

    /** The same titles with other item ids, e.g. dropped ones. */
    public ItemIds withItemIds(NDArray newItemIds) {
        return new ItemIds(newItemIds, titles);
    }
}
