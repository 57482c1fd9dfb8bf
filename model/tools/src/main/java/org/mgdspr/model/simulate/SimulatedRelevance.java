package org.mgdspr.model.simulate;

import org.mgdspr.model.data.Queries;
import org.mgdspr.model.data.RelevanceLabels;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ground-truth relevance of the simulated log: every (logged query, catalog item) pair is judged by the query's
 * {@link QueryIntent} against the item's latent attributes. Grade {@link QueryIntent#GOOD} (2) is "good".
 */
public final class SimulatedRelevance implements RelevanceLabels {

    private final SimulatedCatalog world;
    private final Map<String, QueryIntent> intents;

    SimulatedRelevance(SimulatedCatalog world, List<String> queryTexts, List<QueryIntent> queryIntents) {
        this.world = world;
        this.intents = new HashMap<>();
        for (int q = 0; q < queryTexts.size(); q++) {
            intents.putIfAbsent(Queries.normalize(queryTexts.get(q)), queryIntents.get(q));
        }
    }

    /** The intent behind a logged query, or null for a query the simulator never issued. */
    public QueryIntent intent(String query) {
        return intents.get(Queries.normalize(query));
    }

    @Override
    public double grade(String query, String itemId) {
        QueryIntent intent = intent(query);
        int item = world.catalog().indexOf(itemId);
        return intent == null || item < 0 ? Double.NaN : intent.grade(world, item);
    }

    /** Every in-scope item (grade 1 or 2) of the query; out-of-scope items are implicitly 0. */
    @Override
    public Map<String, Double> judged(String query) {
        QueryIntent intent = intent(query);
        Map<String, Double> grades = new LinkedHashMap<>();
        if (intent == null) {
            return grades;
        }
        int[] scope;
        if (intent.leaf() >= 0) {
            scope = world.itemsOfLeaf(intent.leaf());
        } else if (intent.top() >= 0) {
            int perTop = Vocabulary.TOPS.get(0).leaves().size();
            scope = new int[0];
            for (int l = intent.top() * perTop; l < (intent.top() + 1) * perTop; l++) {
                int[] leafItems = world.itemsOfLeaf(l);
                int[] merged = Arrays.copyOf(scope, scope.length + leafItems.length);
                System.arraycopy(leafItems, 0, merged, scope.length, leafItems.length);
                scope = merged;
            }
        } else {
            scope = world.itemsOfBrand(intent.brand());
        }
        for (int item : scope) {
            int grade = intent.grade(world, item);
            if (grade > 0) {
                grades.put(world.catalog().products().get(item).itemId(), (double) grade);
            }
        }
        return grades;
    }

    @Override
    public double goodThreshold() {
        return QueryIntent.GOOD;
    }
}
