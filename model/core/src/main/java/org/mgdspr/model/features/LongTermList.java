package org.mgdspr.model.features;

/**
 * The 12 long-term lists of paper §3.2.2: attributes {item, shop, leaf category, brand} x actions {click, buy,
 * collect}. The ordinal is the row of {@link EncodedUser#longTerm()}.
 */
public enum LongTermList {
    ITEM_CLICK, ITEM_BUY, ITEM_COLLECT,
    SHOP_CLICK, SHOP_BUY, SHOP_COLLECT,
    LEAF_CATEGORY_CLICK, LEAF_CATEGORY_BUY, LEAF_CATEGORY_COLLECT,
    BRAND_CLICK, BRAND_BUY, BRAND_COLLECT;

    /** Attribute groups, each attended as {@code [0; m_click; m_buy; m_collect]}. */
    public static final int ATTRIBUTES = 4;
    public static final int ACTIONS = 3;

    public int attribute() {
        return ordinal() / ACTIONS;
    }

    public int action() {
        return ordinal() % ACTIONS;
    }
}
