package org.mgdspr.model.simulate;

/**
 * How strongly clicks on ambiguous queries lean toward each user's latent taste: on category-only queries
 * (bare-brand queries would trivially show the favourite brand), the share of clicked items of a favourite brand
 * (or preferred colour) against the same share among the displayed items.
 */
record TasteBias(double ambiguousShare, long ambiguousClicks, double brandClickShare, double brandImpressionShare,
                 double colourClickShare, double colourImpressionShare) {

    static TasteBias measure(SimulatedLog log) {
        long ambiguous = 0;
        long clicks = 0;
        long brandClicks = 0;
        long colourClicks = 0;
        long shown = 0;
        long brandShown = 0;
        long colourShown = 0;
        SimulatedCatalog world = log.world();
        for (int i = 0; i < log.requestCount(); i++) {
            if (!log.isAmbiguous(i)) {
                continue;
            }
            ambiguous++;
            if (log.intent(i).brand() >= 0) {
                continue;
            }
            UserPreferences user = log.preferences(log.requestUser(i));
            for (int item : log.clicks(i)) {
                clicks++;
                brandClicks += user.isFavouriteBrand(world.brand(item)) ? 1 : 0;
                colourClicks += user.prefersColour(world.colour(item)) ? 1 : 0;
            }
            for (int item : log.impressions(i)) {
                shown++;
                brandShown += user.isFavouriteBrand(world.brand(item)) ? 1 : 0;
                colourShown += user.prefersColour(world.colour(item)) ? 1 : 0;
            }
        }
        return new TasteBias(ambiguous / (double) log.requestCount(), clicks, brandClicks / (double) clicks,
            brandShown / (double) shown, colourClicks / (double) clicks, colourShown / (double) shown);
    }

    @Override
    public String toString() {
        return String.format("ambiguous queries %.1f%% of requests; %d clicks on category-only ones; favourite-brand share: "
                + "clicks %.1f%% vs impressions %.1f%%; preferred-colour share: clicks %.1f%% vs impressions %.1f%%",
            100 * ambiguousShare, ambiguousClicks, 100 * brandClickShare, 100 * brandImpressionShare,
            100 * colourClickShare, 100 * colourImpressionShare);
    }
}
