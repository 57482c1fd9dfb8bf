package org.mgdspr.model.train;

import com.google.gson.JsonArray;
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
 * requests, among RRF (constants 10, 20, 60) and weighted fusion (min-max and z-score), each with k-NN weights
 * 0.1 to 0.9 (the lexical channel gets the rest), and the union. Of the candidates whose nDCG@10 is at least
 * BM25's, it takes the highest recall@K, then, among those whose recall@K is below that by at most one standard
 * error of the per-request difference, the highest nDCG@10: recall differences the validation requests cannot
 * tell from noise do not decide against precision. When no candidate keeps BM25's nDCG@10, the one with the
 * highest nDCG@10. nDCG@10 is graded as {@link ValidationJudgment} says: by the dataset's grades where it has them,
 * as {@code mgdspr eval} grades it.
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
     * The chosen fusion and what it, every candidate, the vector channel alone and BM25 alone scored on the
     * validation requests.
     *
     * @param tried every candidate of {@link #candidates()} with its score, in that order
     * @param k     recall cut-off, also the depth of each channel
     */
    public record Fit(FusionSpec spec, Score fused, Score vector, Score lexical, List<Tried> tried, int k,
                      int requests) {

        public Fit {
            tried = List.copyOf(tried);
        }

        public JsonObject toJson() {
            JsonObject json = new JsonObject();
            json.add("spec", spec.toJson());
            json.addProperty("chosen", spec.describe());
            json.addProperty("validation_requests", requests);
            json.add("fused", fused.toJson(k));
            json.add("vector", vector.toJson(k));
            json.add("bm25", lexical.toJson(k));
            JsonArray scores = new JsonArray();
            for (Tried candidate : tried) {
                JsonObject row = candidate.score().toJson(k);
                row.addProperty("fusion", candidate.spec().describe());
                scores.add(row);
            }
            json.add("tried", scores);
            return json;
        }
    }

    /** One candidate fusion and its validation metrics. */
    public record Tried(FusionSpec spec, Score score) {}

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
     * @param vector     the vector channel's top K per request, as catalog positions
     * @param lexical    BM25's top K per request, same order
     * @param judgments  what each request is judged by, same order
     */
    public static Fit fit(RankedHits[] vector, RankedHits[] lexical, ValidationJudgment[] judgments, int k) {
        if (vector.length == 0 || vector.length != lexical.length || vector.length != judgments.length) {
            throw new IllegalArgumentException("fitting needs the same non-zero number of vector rankings ("
                + vector.length + "), lexical rankings (" + lexical.length + ") and judged requests ("
                + judgments.length + ")");
        }
        Score vectorScore = score(rankings(vector), judgments, k);
        Score lexicalScore = score(rankings(lexical), judgments, k);
        List<Tried> tried = new ArrayList<>();
        List<double[]> recalls = new ArrayList<>();
        for (FusionSpec candidate : candidates()) {
            int[][] fused = new int[vector.length][];
            for (int r = 0; r < fused.length; r++) {
                fused[r] = candidate.fuse(List.of(vector[r], lexical[r])).top(k);
            }
            tried.add(new Tried(candidate, score(fused, judgments, k)));
            recalls.add(requestRecalls(fused, judgments, k));
        }
        Tried chosen = tried.get(choose(tried, recalls, lexicalScore.ndcg()));
        return new Fit(chosen.spec(), chosen.score(), vectorScore, lexicalScore, tried, k, vector.length);
    }

    /**
     * The rule of this class's description.
     *
     * @param recalls each candidate's recall@K per request, same order as {@code tried}
     * @param floor   BM25's nDCG@10
     */
    static int choose(List<Tried> tried, List<double[]> recalls, double floor) {
        int mostRecall = -1;
        for (int c = 0; c < tried.size(); c++) {
            Score score = tried.get(c).score();
            if (score.ndcg() >= floor && (mostRecall < 0 || moreRecall(score, tried.get(mostRecall).score()))) {
                mostRecall = c;
            }
        }
        if (mostRecall < 0) {
            int mostPrecise = 0;
            for (int c = 1; c < tried.size(); c++) {
                if (tried.get(c).score().ndcg() > tried.get(mostPrecise).score().ndcg()) {
                    mostPrecise = c;
                }
            }
            return mostPrecise;
        }
        int chosen = mostRecall;
        for (int c = 0; c < tried.size(); c++) {
            Score score = tried.get(c).score();
            if (score.ndcg() > tried.get(chosen).score().ndcg()
                && withinOneStandardError(recalls.get(mostRecall), recalls.get(c))) {
                chosen = c;
            }
        }
        return chosen;
    }

    private static boolean moreRecall(Score candidate, Score incumbent) {
        if (candidate.recall() != incumbent.recall()) {
            return candidate.recall() > incumbent.recall();
        }
        return candidate.ndcg() > incumbent.ndcg();
    }

    /**
     * Whether {@code other}'s mean per-request recall is below {@code best}'s by at most the standard error of
     * their per-request differences (paired, so that requests both get right or both miss add no noise).
     */
    static boolean withinOneStandardError(double[] best, double[] other) {
        int n = best.length;
        double mean = 0;
        for (int r = 0; r < n; r++) {
            mean += best[r] - other[r];
        }
        mean /= n;
        if (n < 2) {
            return mean <= 0;
        }
        double squares = 0;
        for (int r = 0; r < n; r++) {
            double deviation = best[r] - other[r] - mean;
            squares += deviation * deviation;
        }
        return mean <= Math.sqrt(squares / (n - 1) / n);
    }

    /** Each request's recall@K ({@link ValidationJudgment#recall}). */
    static double[] requestRecalls(int[][] rankings, ValidationJudgment[] judgments, int k) {
        double[] recalls = new double[rankings.length];
        for (int r = 0; r < rankings.length; r++) {
            recalls[r] = judgments[r].recall(rankings[r], k);
        }
        return recalls;
    }

    private static int[][] rankings(RankedHits[] hits) {
        int[][] rankings = new int[hits.length][];
        for (int r = 0; r < hits.length; r++) {
            rankings[r] = hits[r].docs();
        }
        return rankings;
    }

    /** Recall@K and nDCG@10 with {@link RetrievalMetrics}, as the judgments grade them. */
    static Score score(int[][] rankings, ValidationJudgment[] judgments, int k) {
        RetrievalMetrics metrics = new RetrievalMetrics(k);
        for (int r = 0; r < rankings.length; r++) {
            Set<String> relevant = new HashSet<>(ids(judgments[r].targets()));
            Map<String, Double> gains = new HashMap<>();
            judgments[r].gains().forEach((position, gain) -> gains.put(Integer.toString(position), gain));
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
