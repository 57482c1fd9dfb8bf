package org.mgdspr.model.train;

import com.google.gson.JsonObject;

import org.mgdspr.model.eval.QueryOutcome;
import org.mgdspr.model.eval.RetrievalMetrics;
import org.mgdspr.model.fusion.FusionMethod;
import org.mgdspr.model.fusion.FusionSpec;
import org.mgdspr.model.fusion.RankedHits;
import org.mgdspr.model.fusion.ScoreNormalization;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the fusion of the trained vector channel and BM25 that {@code fusion: auto} runs, on the validation
 * requests: among RRF (constants 10, 20, 60) and weighted fusion (min-max and z-score), each with k-NN weights
 * 0.1 to 0.9 (the lexical channel gets the rest), and the union, the one with the highest recall@K whose nDCG@10
 * is at least BM25's; when none keeps BM25's nDCG@10, the one with the highest nDCG@10. The validation requests
 * judge with their targets only (binary gains), the same targets as the validation recall.
 */
public final class FusionFitter {

    static final int NDCG_DEPTH = RetrievalMetrics.NDCG_DEPTH;
    private static final int[] RANK_CONSTANTS = {10, 20, 60};
    private static final int WEIGHT_STEPS = 9;

    /** The metrics of one ranking system on the validation requests. */
    public record Score(double recall, double ndcg) {

        JsonObject toJson(int k) {
            JsonObject json = new JsonObject();
            json.addProperty("recall@" + k, recall);
            json.addProperty("ndcg@" + NDCG_DEPTH, ndcg);
            return json;
        }
    }

    /**
     * The chosen fusion and what it, the vector channel alone and BM25 alone scored on the validation requests.
     *
     * @param k recall cut-off, also the depth of each channel
     */
    public record Fit(FusionSpec spec, Score fused, Score vector, Score lexical, int k, int requests) {

        public JsonObject toJson() {
            JsonObject json = new JsonObject();
            json.add("spec", spec.toJson());
            json.addProperty("chosen", spec.describe());
            json.addProperty("validation_requests", requests);
            json.add("fused", fused.toJson(k));
            json.add("vector", vector.toJson(k));
            json.add("bm25", lexical.toJson(k));
            return json;
        }
    }

    private FusionFitter() {}

    /** Every fusion the fitter considers. */
    static List<FusionSpec> candidates() {
        List<FusionSpec> candidates = new ArrayList<>();
        candidates.add(FusionSpec.defaults(FusionMethod.UNION));
        for (int step = 1; step <= WEIGHT_STEPS; step++) {
            double knn = step / (WEIGHT_STEPS + 1.0);
            for (int rankConstant : RANK_CONSTANTS) {
                candidates.add(new FusionSpec(FusionMethod.RRF, rankConstant, knn, 1 - knn,
                    FusionSpec.DEFAULT_NORMALIZATION));
            }
            for (ScoreNormalization normalization : ScoreNormalization.values()) {
                candidates.add(new FusionSpec(FusionMethod.WEIGHTED, FusionSpec.DEFAULT_RANK_CONSTANT, knn, 1 - knn,
                    normalization));
            }
        }
        return candidates;
    }

    /**
     * @param vector  the vector channel's top K per request, as catalog positions
     * @param lexical BM25's top K per request, same order
     * @param targets catalog positions of each request's targets (non-empty)
     */
    public static Fit fit(RankedHits[] vector, RankedHits[] lexical, int[][] targets, int k) {
        if (vector.length == 0 || vector.length != lexical.length || vector.length != targets.length) {
            throw new IllegalArgumentException("fitting needs the same non-zero number of vector rankings ("
                + vector.length + "), lexical rankings (" + lexical.length + ") and target lists (" + targets.length
                + ")");
        }
        Score vectorScore = score(rankings(vector), targets, k);
        Score lexicalScore = score(rankings(lexical), targets, k);
        FusionSpec best = null;
        Score bestScore = null;
        for (FusionSpec candidate : candidates()) {
            int[][] fused = new int[vector.length][];
            for (int r = 0; r < fused.length; r++) {
                fused[r] = candidate.fuse(List.of(vector[r], lexical[r])).top(k);
            }
            Score score = score(fused, targets, k);
            if (bestScore == null || better(score, bestScore, lexicalScore.ndcg())) {
                best = candidate;
                bestScore = score;
            }
        }
        return new Fit(best, bestScore, vectorScore, lexicalScore, k, vector.length);
    }

    private static boolean better(Score candidate, Score incumbent, double floor) {
        boolean keeps = candidate.ndcg() >= floor;
        boolean incumbentKeeps = incumbent.ndcg() >= floor;
        if (keeps != incumbentKeeps) {
            return keeps;
        }
        if (keeps && candidate.recall() != incumbent.recall()) {
            return candidate.recall() > incumbent.recall();
        }
        return candidate.ndcg() > incumbent.ndcg();
    }

    private static int[][] rankings(RankedHits[] hits) {
        int[][] rankings = new int[hits.length][];
        for (int r = 0; r < hits.length; r++) {
            rankings[r] = hits[r].docs();
        }
        return rankings;
    }

    /** Recall@K and nDCG@10 with {@link RetrievalMetrics}, each target a gain of 1. */
    static Score score(int[][] rankings, int[][] targets, int k) {
        RetrievalMetrics metrics = new RetrievalMetrics(k);
        for (int r = 0; r < rankings.length; r++) {
            Set<String> relevant = new HashSet<>(ids(targets[r]));
            Map<String, Double> gains = new HashMap<>();
            relevant.forEach(target -> gains.put(target, 1.0));
            metrics.add(new QueryOutcome(ids(rankings[r]), relevant, relevant, gains));
        }
        Map<String, Double> summary = metrics.summary();
        return new Score(summary.get("recall@" + k), summary.getOrDefault("ndcg@" + NDCG_DEPTH, 0.0));
    }

    private static List<String> ids(int[] positions) {
        List<String> ids = new ArrayList<>(positions.length);
        for (int position : positions) {
            ids.add(Integer.toString(position));
        }
        return ids;
    }
}
