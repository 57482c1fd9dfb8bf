package org.mgdspr.model.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Averages retrieval metrics over test requests: Recall@K (paper §6.2), P_good@K (share of the retrieved items
 * that are known to be relevant) and nDCG@10 with exponential gains. Requests without targets do not count toward
 * recall; requests without graded labels do not count toward nDCG. Not thread-safe.
 */
public final class RetrievalMetrics {

    public static final int NDCG_DEPTH = 10;

    private final int[] cutoffs;
    private final double[] recallSums;
    private final double[] goodSums;
    private int recallQueries;
    private int goodQueries;
    private double ndcgSum;
    private int ndcgQueries;

    /** @param cutoffs the K values, for example 10, 100, 1000 */
    public RetrievalMetrics(int... cutoffs) {
        if (cutoffs.length == 0) {
            throw new IllegalArgumentException("at least one cutoff K is needed");
        }
        for (int k : cutoffs) {
            if (k < 1) {
                throw new IllegalArgumentException("cutoff K must be >= 1, got " + k);
            }
        }
        this.cutoffs = cutoffs.clone();
        Arrays.sort(this.cutoffs);
        this.recallSums = new double[cutoffs.length];
        this.goodSums = new double[cutoffs.length];
    }

    public void add(QueryOutcome outcome) {
        List<String> retrieved = outcome.retrieved();
        if (!outcome.targets().isEmpty()) {
            recallQueries++;
            for (int c = 0; c < cutoffs.length; c++) {
                recallSums[c] += hits(retrieved, cutoffs[c], outcome.targets()::contains) / (double) outcome.targets().size();
            }
        }
        if (!retrieved.isEmpty()) {
            goodQueries++;
            for (int c = 0; c < cutoffs.length; c++) {
                int depth = Math.min(cutoffs[c], retrieved.size());
                goodSums[c] += hits(retrieved, depth, outcome.good()::contains) / (double) depth;
            }
        }
        if (!outcome.gains().isEmpty()) {
            double ideal = idealDcg(outcome.gains());
            if (ideal > 0) {
                ndcgQueries++;
                ndcgSum += dcg(retrieved, outcome.gains()) / ideal;
            }
        }
    }

    /** Metric name to mean value, in a stable order: recall@K..., p_good@K..., ndcg@10, and the query counts. */
    public Map<String, Double> summary() {
        Map<String, Double> summary = new LinkedHashMap<>();
        for (int c = 0; c < cutoffs.length; c++) {
            summary.put("recall@" + cutoffs[c], mean(recallSums[c], recallQueries));
        }
        for (int c = 0; c < cutoffs.length; c++) {
            summary.put("p_good@" + cutoffs[c], mean(goodSums[c], goodQueries));
        }
        if (ndcgQueries > 0) {
            summary.put("ndcg@" + NDCG_DEPTH, ndcgSum / ndcgQueries);
        }
        summary.put("queries_with_targets", (double) recallQueries);
        summary.put("queries_with_grades", (double) ndcgQueries);
        return summary;
    }

    private static int hits(List<String> retrieved, int depth, Predicate<String> relevant) {
        int hits = 0;
        for (int i = 0; i < Math.min(depth, retrieved.size()); i++) {
            if (relevant.test(retrieved.get(i))) {
                hits++;
            }
        }
        return hits;
    }

    private static double dcg(List<String> ranked, Map<String, Double> gains) {
        double dcg = 0;
        for (int i = 0; i < Math.min(NDCG_DEPTH, ranked.size()); i++) {
            dcg += (Math.pow(2, gains.getOrDefault(ranked.get(i), 0.0)) - 1) / log2(i + 2);
        }
        return dcg;
    }

    private static double idealDcg(Map<String, Double> gains) {
        List<Double> sorted = new ArrayList<>(gains.values());
        sorted.sort(Collections.reverseOrder());
        double dcg = 0;
        for (int i = 0; i < Math.min(NDCG_DEPTH, sorted.size()); i++) {
            dcg += (Math.pow(2, sorted.get(i)) - 1) / log2(i + 2);
        }
        return dcg;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static double mean(double sum, int count) {
        return count == 0 ? 0 : sum / count;
    }
}
