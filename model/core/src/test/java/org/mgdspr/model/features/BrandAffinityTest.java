package org.mgdspr.model.features;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrandAffinityTest {

    private static BehaviorItem item(String id, String brand) {
        return new BehaviorItem(id, "", "", "", brand);
    }

    @Test
    void sharesCountRealTimeAndShortTermItemsAndItemsWithoutBrandInTheWhole() {
        UserContext context = new UserContext(
            List.of(item("1", "acme"), item("2", "zeta")),
            List.of(item("3", "acme"), item("4", "")),
            Map.of(LongTermList.ITEM_CLICK, List.of("5", "6", "7")),
            List.of("shoes"));
        BrandAffinity affinity = BrandAffinity.of(context, 2, 2);
        assertEquals(Map.of("acme", 0.5, "zeta", 0.25), affinity.shares());
        assertEquals(0.5, affinity.share("acme"));
        assertEquals(0.0, affinity.share("other"));
    }

    /** Lists are newest first; beyond the model's limits an item is read by neither the towers nor the shares. */
    @Test
    void onlyTheNewestItemsUpToTheLimitsCount() {
        UserContext context = new UserContext(List.of(item("1", "acme"), item("2", "zeta"), item("3", "zeta")),
            List.of(item("4", "bolt"), item("5", "zeta")), Map.of(), List.of());
        assertEquals(Map.of("acme", 1.0 / 3, "bolt", 1.0 / 3, "zeta", 1.0 / 3),
            BrandAffinity.of(context, 2, 1).shares());
    }

    @Test
    void aContextWithoutBrandedBehaviourHasNoAffinity() {
        assertSame(BrandAffinity.NONE, BrandAffinity.of(UserContext.EMPTY, 2, 2));
        BrandAffinity unbranded = BrandAffinity.of(
            new UserContext(List.of(item("1", "")), List.of(), Map.of(), List.of("tv")), 2, 2);
        assertTrue(unbranded.shares().isEmpty());
        assertEquals(0.0, unbranded.share(""));
    }
}
