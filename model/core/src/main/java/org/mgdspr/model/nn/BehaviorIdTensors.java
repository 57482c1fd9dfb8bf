package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;

import java.util.List;
import java.util.Objects;

/**
 * The int64 id tensors of a behaviour sequence, each {@code (B, maxLength)}; position {@code t} of every tensor
 * describes the same item, and a position is present when its item id is non-zero.
 */
public record BehaviorIdTensors(NDArray itemIds, NDArray shops, NDArray leafCategories, NDArray categories,
                                NDArray brands) {

    /** Behaviour fields: item, shop, leaf category, category, brand. */
    public static final int FIELDS = 5;

    public BehaviorIdTensors {
        Objects.requireNonNull(itemIds, "itemIds");
        Objects.requireNonNull(shops, "shops");
        Objects.requireNonNull(leafCategories, "leafCategories");
        Objects.requireNonNull(categories, "categories");
        Objects.requireNonNull(brands, "brands");
    }

    /** The tensors in {@link BehaviorTables#fields()} order. */
    public List<NDArray> fields() {
        return List.of(itemIds, shops, leafCategories, categories, brands);
    }
}
