package org.mgdspr.model.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.mgdspr.model.eval.BrandBoost;
import org.mgdspr.model.features.BrandAffinity;
import org.mgdspr.model.fusion.RankedHits;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Chooses the weight that {@code brand_boost} with {@code "weight": "auto"} runs, on the validation requests: among
 * no boost and the weights {@link #WEIGHTS}, each re-ordering the model's nearest {@code 3 K} items as the query does
 * (its default candidates), the one with the highest recall@K, then the highest nDCG@10, then the smallest weight.
 * A fitted weight of 0 means the boost did not help on these requests, and {@code auto} then boosts nothing.
 */
public final class BrandBoostFitter {

    static final double[] WEIGHTS = {0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.6, 0.8};
    static final int CANDIDATES_PER_K = 3;

    /**
     * The chosen weight (0: no boost) and what every weight tried scored.
     *
     * @param tried the scores of no boost and of each weight in {@link #WEIGHTS}, in that order
     */
    public record Fit(double weight, List<Tried> tried, int k, int requests) {

        public Fit {
            tried = List.copyOf(tried);
        }

        public FusionFitter.Score unboosted() {
            return tried.getFirst().score();
        }

        public FusionFitter.Score chosen() {
            return tried.stream().filter(t -> t.weight() == weight).findFirst().orElseThrow().score();
        }

        public String describe() {
            return weight == 0 ? "no boost" : String.format(Locale.ROOT, "weight %.2f", weight);
        }

        public JsonObject toJson() {
            JsonObject json = new JsonObject();
            json.addProperty("weight", weight);
            json.addProperty("candidates_per_k", CANDIDATES_PER_K);
            json.addProperty("validation_requests", requests);
            JsonArray scores = new JsonArray();
            for (Tried t : tried) {
                JsonObject row = t.score().toJson(k);
                row.addProperty("weight", t.weight());
                scores.add(row);
            }
            json.add("tried", scores);
            return json;
        }
    }

    /** One weight tried (0: the model's own ranking) and its validation metrics. */
    public record Tried(double weight, FusionFitter.Score score) {}

    private BrandBoostFitter() {}

    /**
     * @param hits       the model's hits per validation request, at least {@code 3 k} deep where the catalog allows
     * @param affinities each request's brand affinity, same order
     * @param brandOf    catalog position to brand
     * @param judgments  what each request is judged by, same order
     */
    public static Fit fit(RankedHits[] hits, BrandAffinity[] affinities, IntFunction<String> brandOf,
                          ValidationJudgment[] judgments, int k) {
        if (hits.length == 0 || hits.length != affinities.length || hits.length != judgments.length) {
            throw new IllegalArgumentException("fitting needs the same non-zero number of rankings (" + hits.length
                + "), affinities (" + affinities.length + ") and judged requests (" + judgments.length + ")");
        }
        List<Tried> tried = new ArrayList<>();
        int[][] own = new int[hits.length][];
        for (int r = 0; r < hits.length; r++) {
            own[r] = hits[r].top(k).docs();
        }
        tried.add(new Tried(0, FusionFitter.score(own, judgments, k)));
        Tried best = tried.getFirst();
        for (double weight : WEIGHTS) {
            BrandBoost boost = new BrandBoost(weight, CANDIDATES_PER_K * k);
            int[][] boosted = new int[hits.length][];
            for (int r = 0; r < hits.length; r++) {
                boosted[r] = boost.top(hits[r], affinities[r], brandOf, k);
            }
            Tried candidate = new Tried(weight, FusionFitter.score(boosted, judgments, k));
            tried.add(candidate);
            if (better(candidate.score(), best.score())) {
                best = candidate;
            }
        }
        return new Fit(best.weight(), tried, k, hits.length);
    }

    private static boolean better(FusionFitter.Score candidate, FusionFitter.Score incumbent) {
        if (candidate.recall() != incumbent.recall()) {
            return candidate.recall() > incumbent.recall();
        }
        return candidate.ndcg() > incumbent.ndcg();
    }
}
