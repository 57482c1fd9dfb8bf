package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

import java.util.Objects;

/**
 * The embedded input of the item-tower block.
 *
 * @param itemId    the item-id embedding {@code (B, d)}; zeros for an id that is padding (dropped or cold)
 * @param titleMean the mean of the title's token embeddings {@code (B, d)}, padding left out; zeros for a title
 *                  without tokens
 */
public record ItemTowerInput(NDArray itemId, NDArray titleMean) implements TowerInput {

    /** Arrays in {@link #toNDList()}. */
    public static final int SIZE = 2;

    public ItemTowerInput {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(titleMean, "titleMean");
    }

    @Override
    public NDList toNDList() {
        return new NDList(itemId, titleMean);
    }

    /** The inverse of {@link #toNDList()}. */
    public static ItemTowerInput from(NDList list) {
        if (list.size() != SIZE) {
            throw new IllegalArgumentException("an item-tower input has " + SIZE + " arrays, got " + list.size());
        }
        return new ItemTowerInput(list.get(0), list.get(1));
    }
}
