package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

import java.util.Objects;

/**
 * The embedded input of the item-tower block.
 *
 * @param itemId the item-id embedding {@code (B, d)}; zeros for an id that is padding (dropped or cold)
 * @param title  title token embeddings {@code (B, maxTitleTokens, d)} with their mask
 */
public record ItemTowerInput(NDArray itemId, MaskedSequence title) implements TowerInput {

    /** Arrays in {@link #toNDList()}. */
    public static final int SIZE = 1 + MaskedSequence.SIZE;

    public ItemTowerInput {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(title, "title");
    }

    @Override
    public NDList toNDList() {
        return new NDList(itemId, title.values(), title.mask());
    }

    /** The inverse of {@link #toNDList()}. */
    public static ItemTowerInput from(NDList list) {
        if (list.size() != SIZE) {
            throw new IllegalArgumentException("an item-tower input has " + SIZE + " arrays, got " + list.size());
        }
        return new ItemTowerInput(list.get(0), MaskedSequence.from(list, 1));
    }
}
