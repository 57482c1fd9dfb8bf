package org.mgdspr.model.features;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A user's taste for brands as the request's context shows it: each brand's share of the real-time and short-term
 * behaviour items the towers read (the newest of each list, up to the model's limits). Items without a brand count
 * in the whole but give no brand a share, so the shares sum to at most 1. The long-term lists carry item ids without
 * side fields, so they do not count.
 *
 * <p>Why beside the user tower: within an ambiguous query's scope the towers' inner product ranks by how close a
 * title's words sit to the query's, and a taste vector added to the query vector pulls in the favourite brand's
 * items from other categories; a boost on the retrieved candidates re-orders the scope without leaving it.
 */
public final class BrandAffinity {

    public static final BrandAffinity NONE = new BrandAffinity(Map.of());

    private final Map<String, Double> shares;

    private BrandAffinity(Map<String, Double> shares) {
        this.shares = Map.copyOf(shares);
    }

    /**
     * @param maxRealTime  how many of the newest real-time items count
     * @param maxShortTerm how many of the newest short-term items count
     */
    public static BrandAffinity of(UserContext context, int maxRealTime, int maxShortTerm) {
        List<BehaviorItem> items = Stream.concat(context.realTime().stream().limit(maxRealTime),
            context.shortTerm().stream().limit(maxShortTerm)).toList();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (BehaviorItem item : items) {
            if (!item.brand().isEmpty()) {
                counts.merge(item.brand(), 1, Integer::sum);
            }
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.forEach((brand, count) -> shares.put(brand, count / (double) items.size()));
        return shares.isEmpty() ? NONE : new BrandAffinity(shares);
    }

    /** The brand's share of the behaviour items, 0 for a brand they do not name. */
    public double share(String brand) {
        return shares.getOrDefault(brand, 0.0);
    }

    /** Brand to share, for the brands the behaviour names. */
    public Map<String, Double> shares() {
        return shares;
    }

    @Override
    public String toString() {
        return "BrandAffinity" + shares;
    }
}
