package org.mgdspr.model.eval;

import org.mgdspr.model.data.SearchRequest;

import java.util.List;

/**
 * A ranking that needs no model, computed from what a dataset knows beyond its log (the simulator's ground truth,
 * say), evaluated beside the model on the same requests as a bound on what the model could reach.
 */
@FunctionalInterface
public interface ReferenceRanking {

    /** The best {@code depth} item ids for {@code request}, best first. */
    List<String> top(SearchRequest request, int depth);
}
