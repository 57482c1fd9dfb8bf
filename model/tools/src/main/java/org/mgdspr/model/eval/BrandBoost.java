package org.mgdspr.model.eval;

import org.mgdspr.model.features.BrandAffinity;
import org.mgdspr.model.fusion.RankedHits;
import org.apache.lucene.util.VectorUtil;

import java.util.Comparator;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The personal brand boost as the {@code mgdspr} query's {@code brand_boost} runs it on one shard: the k-NN channel
 * retrieves the {@code candidates} nearest items, each gets {@code weight} × its brand's {@link BrandAffinity#share}
 * added to its k-NN score (a {@code constant_score} {@code term} clause per brand of the user's behaviour), and the
 * best {@code depth} are kept. The candidates' scores are the k-NN plugin's for inner-product space (Lucene's
 * {@link VectorUtil#scaleMaxInnerProductScore}), the numbers the node adds the boosts to.
 *
 * @param weight     the score a brand that is all of the behaviour adds, >= 0 (0: the model's own ranking, what a
 *                   fitted weight of 0 gives)
 * @param candidates how many of the model's hits the boost re-orders, >= 1
 */
public record BrandBoost(double weight, int candidates) {

    public BrandBoost {
        if (!Double.isFinite(weight) || weight < 0) {
            throw new IllegalArgumentException("the brand boost's weight must be a finite number >= 0 but was "
                + weight);
        }
        if (candidates < 1) {
            throw new IllegalArgumentException("the brand boost needs at least 1 candidate but got " + candidates);
        }
    }

    /**
     * The best {@code depth} of the candidates after the boost, as catalog positions; equal scores keep the
     * candidates' order.
     *
     * @param hits    the model's hits for the request, at least as deep as it should re-order
     * @param brandOf catalog position to brand
     */
    public int[] top(RankedHits hits, BrandAffinity affinity, IntFunction<String> brandOf, int depth) {
        int[] docs = hits.docs();
        float[] scores = hits.scores();
        int size = Math.min(candidates, docs.length);
        double[] boosted = new double[size];
        for (int i = 0; i < size; i++) {
            boosted[i] = VectorUtil.scaleMaxInnerProductScore(scores[i]) + weight * affinity.share(brandOf.apply(docs[i]));
        }
        return IntStream.range(0, size).boxed()
            .sorted(Comparator.comparingDouble((Integer i) -> boosted[i]).reversed())
            .limit(depth)
            .mapToInt(i -> docs[i])
            .toArray();
    }
}
