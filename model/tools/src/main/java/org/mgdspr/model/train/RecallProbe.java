package org.mgdspr.model.train;

import org.mgdspr.model.eval.Embeddings;
import org.mgdspr.model.eval.ExactInnerProductSearch;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.twotower.TwoTowerModel;

import java.util.List;

/**
 * The validation measurement of the trainer: Recall@K of fixed validation requests against the whole encoded
 * catalog, with exact search. Inputs are encoded once; only the towers run again at each evaluation.
 */
final class RecallProbe {

    private final List<EncodedItem> catalog;
    private final List<EncodedUser> users;
    private final int[][] targets;
    private final int k;

    /**
     * @param catalog every catalog item, encoded, in catalog order
     * @param users   one encoded validation request per row
     * @param targets catalog positions of each request's targets (non-empty)
     */
    RecallProbe(List<EncodedItem> catalog, List<EncodedUser> users, int[][] targets, int k) {
        if (users.size() != targets.length) {
            throw new IllegalArgumentException(users.size() + " users but " + targets.length + " target lists");
        }
        this.catalog = catalog;
        this.users = users;
        this.targets = targets;
        this.k = k;
    }

    int size() {
        return users.size();
    }

    int k() {
        return k;
    }

    /** Mean Recall@K over the validation requests; NaN when there are none. */
    double recall(TwoTowerModel model) {
        if (users.isEmpty()) {
            return Double.NaN;
        }
        ExactInnerProductSearch search = new ExactInnerProductSearch(Embeddings.items(model.itemTower(), catalog));
        int[][] top = search.topK(Embeddings.users(model.userTower(), users), k);
        double sum = 0;
        for (int q = 0; q < top.length; q++) {
            int hits = 0;
            for (int target : targets[q]) {
                for (int retrieved : top[q]) {
                    if (retrieved == target) {
                        hits++;
                        break;
                    }
                }
            }
            sum += hits / (double) targets[q].length;
        }
        return sum / top.length;
    }
}
