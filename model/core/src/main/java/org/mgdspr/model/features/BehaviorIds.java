package org.mgdspr.model.features;

/**
 * Hashed ids of a behaviour sequence, one array per side field, all of the same padded length;
 * position i of every array describes the same item, and id 0 marks padding.
 */
public record BehaviorIds(int[] itemIds, int[] shops, int[] leafCategories, int[] categories, int[] brands) {

    public BehaviorIds {
        int length = itemIds.length;
        if (shops.length != length || leafCategories.length != length || categories.length != length
            || brands.length != length) {
            throw new IllegalArgumentException("behaviour field arrays must have the same length");
        }
    }

    public int paddedLength() {
        return itemIds.length;
    }

    /** Number of leading non-padding positions. */
    public int length() {
        int n = 0;
        while (n < itemIds.length && itemIds[n] != 0) {
            n++;
        }
        return n;
    }
}
