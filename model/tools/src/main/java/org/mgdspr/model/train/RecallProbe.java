package org.mgdspr.model.train;

import org.mgdspr.model.eval.Embeddings;
import org.mgdspr.model.eval.ExactInnerProductSearch;
import org.mgdspr.model.features.BrandAffinity;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.fusion.RankedHits;
import org.mgdspr.model.twotower.TwoTowerModel;

import java.util.List;

/**
 * The validation measurement of the trainer: Recall@K of fixed validation requests against the whole encoded
 * catalog, with exact search. Inputs are encoded once; only the towers run again at each evaluation.
 */
final class RecallProbe {

    private final List<EncodedItem> catalog;
    private final List<EncodedUser> users;
    private final List<String> queries;
    private final List<BrandAffinity> affinities;
    private final ValidationJudgment[] judgments;
    private final int k;

    /**
     * @param catalog    every catalog item, encoded, in catalog order
     * @param users      one encoded validation request per row
     * @param queries    the query text of each validation request
     * @param affinities the brand affinity each request's context shows
     * @param judgments  what each request is judged by: its targets for recall, its gains for nDCG
     */
    RecallProbe(List<EncodedItem> catalog, List<EncodedUser> users, List<String> queries,
                List<BrandAffinity> affinities, ValidationJudgment[] judgments, int k) {
        if (users.size() != judgments.length || queries.size() != judgments.length
            || affinities.size() != judgments.length) {
            throw new IllegalArgumentException(users.size() + " users, " + queries.size() + " queries and "
                + affinities.size() + " brand affinities but " + judgments.length + " judged requests");
        }
        this.catalog = catalog;
        this.users = users;
        this.queries = List.copyOf(queries);
        this.affinities = List.copyOf(affinities);
        this.judgments = judgments;
        this.k = k;
    }

    int size() {
        return users.size();
    }

    int k() {
        return k;
    }

    List<String> queries() {
        return queries;
    }

    ValidationJudgment[] judgments() {
        return judgments;
    }

    List<BrandAffinity> affinities() {
        return affinities;
    }

    /** The model's top K of every validation request, with scores. */
    RankedHits[] hits(TwoTowerModel model) {
        return hits(model, k);
    }

    /** The model's top {@code depth} of every validation request, with scores. */
    RankedHits[] hits(TwoTowerModel model, int depth) {
        ExactInnerProductSearch search = new ExactInnerProductSearch(Embeddings.items(model.itemTower(), catalog));
        return search.hits(Embeddings.users(model.userTower(), users), Math.min(depth, catalog.size()));
    }

    /** Mean Recall@K over the validation requests; NaN when there are none. */
    double recall(TwoTowerModel model) {
        if (users.isEmpty()) {
            return Double.NaN;
        }
        RankedHits[] top = hits(model);
        double sum = 0;
        for (int q = 0; q < top.length; q++) {
            sum += judgments[q].recall(top[q].docs(), k);
        }
        return sum / top.length;
    }
}
