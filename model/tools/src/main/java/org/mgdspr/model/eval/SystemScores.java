package org.mgdspr.model.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metrics of one retrieval system over a set of requests: {@link RetrievalMetrics} on the raw top-K plus the
 * relevance-control numbers, Num_prank (items surviving the key-term filter, averaged over requests) and
 * P_f_good (good share among the survivors). Not thread-safe.
 */
final class SystemScores {

    private final RetrievalMetrics metrics;
    private final int depth;
    private double survivorSum;
    private double filteredGoodSum;
    private int filteredQueries;
    private int requests;

    SystemScores(int[] cutoffs) {
        this.metrics = new RetrievalMetrics(cutoffs);
        int max = 0;
        for (int k : cutoffs) {
            max = Math.max(max, k);
        }
        this.depth = max;
    }

    void add(QueryOutcome outcome, List<String> survivors) {
        metrics.add(outcome);
        requests++;
        survivorSum += survivors.size();
        if (!survivors.isEmpty()) {
            filteredQueries++;
            Set<String> good = outcome.good();
            filteredGoodSum += survivors.stream().filter(good::contains).count() / (double) survivors.size();
        }
    }

    Map<String, Double> summary() {
        Map<String, Double> summary = new LinkedHashMap<>(metrics.summary());
        summary.put("num_prank@" + depth, requests == 0 ? 0 : survivorSum / requests);
        summary.put("p_f_good@" + depth, filteredQueries == 0 ? 0 : filteredGoodSum / filteredQueries);
        summary.put("requests", (double) requests);
        return summary;
    }
}
