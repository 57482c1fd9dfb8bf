package org.mgdspr.model.features;

import java.util.Objects;

/**
 * One item in a user's behaviour sequence with its side information (paper Eq. 9-10).
 * Missing side fields are empty strings and encode to the padding id.
 */
public record BehaviorItem(String itemId, String shop, String leafCategory, String category, String brand) {

    public BehaviorItem {
        Objects.requireNonNull(itemId, "itemId");
        if (itemId.isEmpty()) {
            throw new IllegalArgumentException("behaviour item_id must not be empty");
        }
        shop = shop == null ? "" : shop;
        leafCategory = leafCategory == null ? "" : leafCategory;
        category = category == null ? "" : category;
        brand = brand == null ? "" : brand;
    }
}
