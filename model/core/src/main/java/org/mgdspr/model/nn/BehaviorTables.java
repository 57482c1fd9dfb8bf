package org.mgdspr.model.nn;

import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.config.TowerConfig;

import java.util.List;

/**
 * The five side-information tables of a behaviour item (paper Eq. 9-10), whose widths add up to the tower dim so
 * the concatenated behaviour vector is directly comparable with the query rows.
 */
public final class BehaviorTables {

    private final List<EmbeddingTable> fields;

    public BehaviorTables(ModelConfig config) {
        FeatureConfig f = config.features();
        TowerConfig t = config.tower();
        long seed = config.train().seed();
        float std = (float) (1 / Math.sqrt(t.dim()));
        this.fields = List.of(
            EmbeddingTable.uniform("behavior_item_id", f.itemIdBuckets(), t.itemIdDim(), std, seed),
            EmbeddingTable.uniform("shop", f.shopBuckets(), t.shopDim(), std, seed),
            EmbeddingTable.uniform("leaf_category", f.leafCategoryBuckets(), t.leafCategoryDim(), std, seed),
            EmbeddingTable.uniform("category", f.categoryBuckets(), t.categoryDim(), std, seed),
            EmbeddingTable.uniform("brand", f.brandBuckets(), t.brandDim(), std, seed));
    }

    /** Item id, shop, leaf category, category, brand: the order of the concatenated behaviour vector. */
    public List<EmbeddingTable> fields() {
        return fields;
    }

    /** Field index of long-term attribute {@code a}: item, shop, leaf category, brand (no first-level category). */
    public static int longTermField(int attribute) {
        return switch (attribute) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 2;
            case 3 -> 4;
            default -> throw new IllegalArgumentException("long-term attribute must be in [0, 4): " + attribute);
        };
    }

    public EmbeddingTable longTermTable(int attribute) {
        return fields.get(longTermField(attribute));
    }

    /** Widths of the five fields, in {@link #fields()} order. */
    public static int[] widths(TowerConfig tower) {
        return new int[] {tower.itemIdDim(), tower.shopDim(), tower.leafCategoryDim(), tower.categoryDim(),
            tower.brandDim()};
    }

    /** Column where field {@code field} starts in the concatenated behaviour vector. */
    public static int offset(TowerConfig tower, int field) {
        int[] widths = widths(tower);
        int offset = 0;
        for (int i = 0; i < field; i++) {
            offset += widths[i];
        }
        return offset;
    }
}
