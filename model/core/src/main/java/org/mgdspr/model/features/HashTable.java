package org.mgdspr.model.features;

/**
 * The embedding tables a string can be hashed into. Each table has its own hash namespace so the same string
 * in two tables (a brand named like a shop, a title word equal to a query word) lands on unrelated rows unless
 * the tables are deliberately shared.
 */
public enum HashTable {
    UNIGRAM("uni"),
    BIGRAM("bi"),
    WORD("word"),
    HISTORY("hist"),
    TITLE("title"),
    ITEM("item"),
    SHOP("shop"),
    LEAF_CATEGORY("leaf"),
    CATEGORY("cat"),
    BRAND("brand");

    private final String namespace;

    HashTable(String namespace) {
        this.namespace = namespace;
    }

    /** The prefix mixed into the hashed bytes; part of the model artifact contract, never change it. */
    public String namespace() {
        return namespace;
    }
}
