package org.mgdspr.model.simulate;

/**
 * A simulated user's latent taste. It drives which queries they type and which results they click, buy and
 * collect; the model never sees it, only the behaviour it causes.
 *
 * @param audience        who the user shops for (index into the audience words)
 * @param tops            first-level categories the user shops in
 * @param favouriteBrands brands the user likes, strongest first
 * @param brandAffinity   affinity per favourite brand
 * @param colours         preferred colours
 * @param style           preferred style
 * @param tier            preferred price tier (0 budget, 1 mid, 2 premium)
 * @param activity        probability of searching on a given day
 */
public record UserPreferences(int audience, int[] tops, int[] favouriteBrands, double[] brandAffinity, int[] colours,
                              int style, int tier, double activity) {

    public UserPreferences {
        if (favouriteBrands.length != brandAffinity.length) {
            throw new IllegalArgumentException("favouriteBrands (" + favouriteBrands.length
                + ") and brandAffinity (" + brandAffinity.length + ") must have the same length");
        }
        if (tops.length == 0) {
            throw new IllegalArgumentException("a user needs at least one top category");
        }
    }

    /** How much the user likes item {@code i} regardless of the query: the log-odds boost of a click. */
    public double affinity(SimulatedCatalog catalog, int i) {
        double score = 0;
        for (int f = 0; f < favouriteBrands.length; f++) {
            if (favouriteBrands[f] == catalog.brand(i)) {
                score += brandAffinity[f];
            }
        }
        if (prefersColour(catalog.colour(i))) {
            score += 0.8;
        }
        if (catalog.style(i) == style) {
            score += 0.5;
        }
        if (catalog.tier(i) == tier) {
            score += 0.4;
        }
        int itemAudience = catalog.audience(i);
        if (itemAudience != audience && itemAudience != Vocabulary.AUDIENCE_UNISEX) {
            score -= 0.6;
        }
        return score;
    }

    public boolean isFavouriteBrand(int brand) {
        for (int favourite : favouriteBrands) {
            if (favourite == brand) {
                return true;
            }
        }
        return false;
    }

    public boolean prefersColour(int colour) {
        for (int preferred : colours) {
            if (preferred == colour) {
                return true;
            }
        }
        return false;
    }
}
