package org.mgdspr.model.data;

import org.mgdspr.model.features.BehaviorItem;

import java.util.Objects;

/**
 * One catalog item: the item-tower inputs (id and title) and the side fields behaviour sequences carry.
 * Missing side fields are empty strings.
 */
public record Product(String itemId, String title, String shop, String leafCategory, String category, String brand) {

    public Product {
        Objects.requireNonNull(itemId, "itemId");
        if (itemId.isEmpty()) {
            throw new IllegalArgumentException("product item_id must not be empty");
        }
        title = title == null ? "" : title;
        shop = shop == null ? "" : shop;
        leafCategory = leafCategory == null ? "" : leafCategory;
        category = category == null ? "" : category;
        brand = brand == null ? "" : brand;
    }

    /** A product known only by id and title (Home Depot). */
    public static Product ofTitle(String itemId, String title) {
        return new Product(itemId, title, "", "", "", "");
    }

    /** The product as it appears inside a user's behaviour sequence. */
    public BehaviorItem toBehaviorItem() {
        return new BehaviorItem(itemId, shop, leafCategory, category, brand);
    }
}
