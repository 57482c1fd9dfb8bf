package org.mgdspr.model.features;

import java.util.Locale;

/**
 * Classes of key terms for the relevance-control filter (paper §4.3). Declaration order is the priority when one
 * normalised term belongs to several classes (a brand named like a colour stays a brand).
 */
public enum KeyTermClass {
    BRAND,
    LEAF_CATEGORY,
    CATEGORY,
    COLOUR;

    /** The lowercase name used in JSON ({@code brand}, {@code leaf_category}, ...). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KeyTermClass fromJsonName(String name) {
        for (KeyTermClass value : values()) {
            if (value.jsonName().equals(name)) {
                return value;
            }
        }
        throw new IllegalArgumentException("key term class must be one of brand, leaf_category, category, colour but was ["
            + name + "]");
    }
}
