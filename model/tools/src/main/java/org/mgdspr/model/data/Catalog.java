package org.mgdspr.model.data;

import org.mgdspr.model.features.BehaviorItem;
import org.mgdspr.model.features.MultiGranularTokenizer;
import org.mgdspr.model.spelling.CatalogVocabulary;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The item pool: products in a fixed order with lookup by id. Immutable. */
public final class Catalog {

    private final List<Product> products;
    private final Map<String, Integer> positions;

    /** @throws IllegalArgumentException naming the first duplicated item id */
    public Catalog(List<Product> products) {
        this.products = List.copyOf(products);
        this.positions = HashMap.newHashMap(this.products.size());
        for (int i = 0; i < this.products.size(); i++) {
            Integer previous = positions.putIfAbsent(this.products.get(i).itemId(), i);
            if (previous != null) {
                throw new IllegalArgumentException("duplicate item_id [" + this.products.get(i).itemId()
                    + "] at positions " + previous + " and " + i);
            }
        }
    }

    public List<Product> products() {
        return products;
    }

    public int size() {
        return products.size();
    }

    /** Position of the item in {@link #products()}, or -1 when unknown. */
    public int indexOf(String itemId) {
        Integer position = positions.get(itemId);
        return position == null ? -1 : position;
    }

    /** The product, or null when the id is not in the catalog. */
    public Product get(String itemId) {
        int position = indexOf(itemId);
        return position < 0 ? null : products.get(position);
    }

    /**
     * The words of the titles with their title counts, as the language's tokenizer reads them: what query words are
     * spelling-corrected towards.
     */
    public CatalogVocabulary titleVocabulary(String language) {
        return CatalogVocabulary.of(products.stream().map(Product::title).toList(),
            MultiGranularTokenizer.forLanguage(language));
    }

    /** Behaviour form of an id; ids missing from the catalog keep their id and get empty side fields. */
    public BehaviorItem behaviorItem(String itemId) {
        Product product = get(itemId);
        return product == null ? new BehaviorItem(itemId, "", "", "", "") : product.toBehaviorItem();
    }
}
