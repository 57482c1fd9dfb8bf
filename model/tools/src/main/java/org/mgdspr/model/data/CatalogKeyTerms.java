package org.mgdspr.model.data;

import org.mgdspr.model.features.KeyTermClass;
import org.mgdspr.model.features.KeyTermLexicon;

import java.util.HashSet;
import java.util.Set;

/** Builds the relevance-control lexicon of a catalog: its brands, leaf categories, categories and colours. */
public final class CatalogKeyTerms {

    private CatalogKeyTerms() {}

    public static KeyTermLexicon lexicon(Catalog catalog, String language) {
        KeyTermLexicon.Builder builder = KeyTermLexicon.builder(language).addColours();
        // side-field values repeat across millions of products; analyze each distinct value once
        Set<String> brands = new HashSet<>();
        Set<String> leaves = new HashSet<>();
        Set<String> categories = new HashSet<>();
        for (Product product : catalog.products()) {
            if (brands.add(product.brand())) {
                builder.add(product.brand(), KeyTermClass.BRAND);
            }
            if (leaves.add(product.leafCategory())) {
                builder.add(product.leafCategory(), KeyTermClass.LEAF_CATEGORY);
            }
            if (categories.add(product.category())) {
                builder.add(product.category(), KeyTermClass.CATEGORY);
            }
        }
        return builder.build();
    }
}
