package org.mgdspr.model.eval;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one test request retrieved and what is known to be right for it.
 *
 * @param retrieved item ids, best first
 * @param targets   the items Recall@K looks for (paper §6.2: items clicked or bought for the request, or items
 *                  judged relevant)
 * @param good      items known to be relevant, for P_good@K; unknown items count as not good, so with sparse
 *                  labels P_good is a lower bound
 * @param gains     graded gains (0 = irrelevant) of judged items, for nDCG; empty when the source has no grades
 */
public record QueryOutcome(List<String> retrieved, Set<String> targets, Set<String> good, Map<String, Double> gains) {

    public QueryOutcome {
        retrieved = List.copyOf(Objects.requireNonNull(retrieved, "retrieved"));
        targets = Set.copyOf(Objects.requireNonNull(targets, "targets"));
        good = Set.copyOf(Objects.requireNonNull(good, "good"));
        gains = Map.copyOf(Objects.requireNonNull(gains, "gains"));
        for (Map.Entry<String, Double> gain : gains.entrySet()) {
            if (!(gain.getValue() >= 0)) {
                throw new IllegalArgumentException("gain of " + gain.getKey() + " must be >= 0, got " + gain.getValue());
            }
        }
    }
}
