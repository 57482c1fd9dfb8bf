package org.mgdspr.model.train;

import org.mgdspr.model.data.Catalog;
import org.mgdspr.model.data.SearchRequest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The training examples of a request list: one (request, item) pair per distinct item the request clicked or
 * bought (spec §8, purchases count as positives). Items missing from the catalog are skipped because the item
 * tower needs their title. Stored as two int arrays so shuffling millions of examples stays cheap.
 */
public final class TrainingExamples {

    private final int[] requests;
    private final int[] items;
    private final int skipped;

    private TrainingExamples(int[] requests, int[] items, int skipped) {
        this.requests = requests;
        this.items = items;
        this.skipped = skipped;
    }

    /**
     * @param requests       the request list the indices refer to
     * @param requestIndices which requests contribute, in order
     */
    public static TrainingExamples of(List<SearchRequest> requests, int[] requestIndices, Catalog catalog) {
        List<int[]> pairs = new ArrayList<>();
        int skipped = 0;
        for (int r : requestIndices) {
            for (String itemId : targets(requests.get(r))) {
                int item = catalog.indexOf(itemId);
                if (item < 0) {
                    skipped++;
                } else {
                    pairs.add(new int[] {r, item});
                }
            }
        }
        int[] requestOf = new int[pairs.size()];
        int[] itemOf = new int[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            requestOf[i] = pairs.get(i)[0];
            itemOf[i] = pairs.get(i)[1];
        }
        return new TrainingExamples(requestOf, itemOf, skipped);
    }

    /** The items Recall@K looks for and training learns from: clicked or bought, first occurrence order. */
    public static Set<String> targets(SearchRequest request) {
        Set<String> targets = new LinkedHashSet<>(request.clicked());
        targets.addAll(request.purchased());
        return targets;
    }

    public int size() {
        return requests.length;
    }

    /** Index of the example's request in the request list. */
    public int request(int example) {
        return requests[example];
    }

    /** Catalog position of the example's positive item. */
    public int item(int example) {
        return items[example];
    }

    /** Positives dropped because their item is not in the catalog. */
    public int skipped() {
        return skipped;
    }
}
