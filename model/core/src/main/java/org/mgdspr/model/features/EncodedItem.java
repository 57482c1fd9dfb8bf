package org.mgdspr.model.features;

/**
 * The item-tower input of one product: its hashed id and title token ids padded with 0.
 *
 * @param itemId      hashed item id (never 0)
 * @param titleTokens title token ids, padded to {@code maxTitleTokens}
 */
public record EncodedItem(int itemId, int[] titleTokens) {

    public EncodedItem {
        if (itemId <= 0) {
            throw new IllegalArgumentException("hashed item id must be positive, got " + itemId);
        }
    }
}
