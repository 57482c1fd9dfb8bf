package org.mgdspr.model.train;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.features.BehaviorItem;
import org.mgdspr.model.features.BrandAffinity;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.fusion.RankedHits;

import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BrandBoostFitterTest {

    private static final IntFunction<String> BRANDS = doc -> List.of("bolt", "zeta", "acme", "acme").get(doc);
    private static final RankedHits FAVOURITE_THIRD = new RankedHits(new int[] {0, 1, 2, 3},
        new float[] {0.97f, 0.82f, 0.75f, 0.1f});
    private static final RankedHits FAVOURITE_BEHIND_THE_TARGET = new RankedHits(new int[] {0, 1, 2, 3},
        new float[] {0.9f, 0.2f, 0.6f, 0.55f});

    /** Half of the behaviour items are of {@code brand} when {@code half}, else all of them. */
    private static BrandAffinity likes(String brand, boolean half) {
        List<BehaviorItem> items = half
            ? List.of(new BehaviorItem("1", "", "", "", brand), new BehaviorItem("2", "", "", "", ""))
            : List.of(new BehaviorItem("1", "", "", "", brand));
        return BrandAffinity.of(new UserContext(items, List.of(), Map.of(), List.of()), 10, 10);
    }

    @Test
    void choosesTheSmallestWeightWithTheBestRecallThenNdcg() {
        // request 1 needs a weight of 0.1 to lift its target (acme, third) into the top 2, and 0.3 to put it first;
        // request 2's target (bolt, first) falls behind an acme item from 0.6 and out of the top 2 at 0.8
        BrandBoostFitter.Fit fit = BrandBoostFitter.fit(
            new RankedHits[] {FAVOURITE_THIRD, FAVOURITE_BEHIND_THE_TARGET},
            new BrandAffinity[] {likes("acme", false), likes("acme", true)}, BRANDS,
            ValidationJudgment.binary(new int[][] {{2}, {0}}), 2);

        assertEquals(0.3, fit.weight());
        assertEquals(0.5, fit.unboosted().recall(), "request 1's target is third without the boost");
        assertEquals(1.0, fit.chosen().recall());
        assertEquals(1 + BrandBoostFitter.WEIGHTS.length, fit.tried().size());
        assertEquals(0.5, fit.tried().get(1).score().recall(), "0.05 does not lift the target");
        assertEquals(0.5, fit.tried().getLast().score().recall(), "0.8 pushes request 2's target out");
        assertEquals(2, fit.requests());
        assertEquals(0.3, fit.toJson().get("weight").getAsDouble());
    }

    @Test
    void fitsNoBoostWhenNoWeightBeatsTheModelsOwnRanking() {
        BrandBoostFitter.Fit fit = BrandBoostFitter.fit(new RankedHits[] {FAVOURITE_BEHIND_THE_TARGET},
            new BrandAffinity[] {likes("acme", true)}, BRANDS, ValidationJudgment.binary(new int[][] {{0}}), 2);

        assertEquals(0.0, fit.weight());
        assertEquals("no boost", fit.describe());
        assertEquals(fit.unboosted(), fit.chosen());
    }

    @Test
    void refusesInputsOfDifferentLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BrandBoostFitter.fit(
            new RankedHits[] {FAVOURITE_THIRD}, new BrandAffinity[0], BRANDS,
            ValidationJudgment.binary(new int[][] {{2}}), 2));
        assertEquals("fitting needs the same non-zero number of rankings (1), affinities (0) and judged requests (1)",
            e.getMessage());
    }
}
