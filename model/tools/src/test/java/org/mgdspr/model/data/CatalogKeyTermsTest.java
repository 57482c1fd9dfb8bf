package org.mgdspr.model.data;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.features.KeyTerm;
import org.mgdspr.model.features.KeyTermClass;
import org.mgdspr.model.features.KeyTermLexicon;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CatalogKeyTermsTest {

    @Test
    void lexiconHoldsBrandsLeafCategoriesCategoriesAndColours() {
        Catalog catalog = new Catalog(List.of(
            new Product("1", "t", "s", "sneakers", "shoes", "Acme"),
            new Product("2", "t", "s", "sofa", "furniture", "Acme"),
            Product.ofTitle("3", "no side fields")));
        KeyTermLexicon lexicon = CatalogKeyTerms.lexicon(catalog, "en");
        assertEquals(KeyTermLexicon.EN_COLOURS.size() + 5, lexicon.size());
        assertEquals(List.of(KeyTermClass.COLOUR, KeyTermClass.BRAND, KeyTermClass.LEAF_CATEGORY),
            lexicon.detect("black acme sofas").stream().map(KeyTerm::type).toList());
    }
}
