package org.mgdspr.model.simulate;

/**
 * What a simulated query asks for; -1 means "not named". Exactly one of {@code leaf}, {@code top} or a bare
 * {@code brand} scopes the query. Ground-truth relevance of an item (for {@code P_good}): 0 when the item is
 * outside the scope, 2 when it also has every named attribute, 1 when some named attribute differs.
 *
 * @param top      first-level category named by its query word ("shoes")
 * @param leaf     leaf category named by one of its synonyms ("running shoes")
 * @param brand    brand
 * @param colour   colour
 * @param style    style
 * @param material material (index into the top category's materials)
 * @param audience audience; an item for {@code unisex} satisfies {@code men} and {@code women}
 */
public record QueryIntent(int top, int leaf, int brand, int colour, int style, int material, int audience) {

    public static final int GOOD = 2;

    public QueryIntent {
        if (top < 0 && leaf < 0 && brand < 0) {
            throw new IllegalArgumentException("a query intent needs a top category, a leaf category or a brand");
        }
    }

    /** Names only a category, or only a brand: the query leaves the user's taste to decide. */
    public boolean ambiguous() {
        boolean attributes = colour >= 0 || style >= 0 || material >= 0 || audience >= 0;
        boolean categoryOnly = (top >= 0 || leaf >= 0) && brand < 0 && !attributes;
        boolean brandOnly = top < 0 && leaf < 0 && brand >= 0 && !attributes;
        return categoryOnly || brandOnly;
    }

    /** Ground-truth grade of catalog item {@code i}: 0, 1 or {@link #GOOD}. */
    public int grade(SimulatedCatalog catalog, int i) {
        boolean inScope = leaf >= 0 ? catalog.leaf(i) == leaf
            : top >= 0 ? Vocabulary.topOf(catalog.leaf(i)) == top
            : catalog.brand(i) == brand;
        if (!inScope) {
            return 0;
        }
        boolean matches = (brand < 0 || catalog.brand(i) == brand)
            && (colour < 0 || catalog.colour(i) == colour)
            && (style < 0 || catalog.style(i) == style)
            && (material < 0 || catalog.material(i) == material)
            && (audience < 0 || audienceMatches(catalog.audience(i)));
        return matches ? GOOD : 1;
    }

    private boolean audienceMatches(int itemAudience) {
        return itemAudience == audience
            || (itemAudience == Vocabulary.AUDIENCE_UNISEX && audience != Vocabulary.AUDIENCE_KIDS);
    }
}
