package org.mgdspr.model.eval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RetrievalMetricsTest {

    @Test
    void recallAndGoodRateAtEachCutoff() {
        RetrievalMetrics metrics = new RetrievalMetrics(1, 3);
        metrics.add(new QueryOutcome(List.of("x", "a", "b"), Set.of("a", "c"), Set.of("a", "b"), Map.of()));
        metrics.add(new QueryOutcome(List.of("c"), Set.of("c"), Set.of("c"), Map.of()));
        Map<String, Double> summary = metrics.summary();
        assertEquals((0.0 + 1.0) / 2, summary.get("recall@1"), 1e-12);
        assertEquals((0.5 + 1.0) / 2, summary.get("recall@3"), 1e-12);
        assertEquals((0.0 + 1.0) / 2, summary.get("p_good@1"), 1e-12);
        assertEquals((2.0 / 3 + 1.0) / 2, summary.get("p_good@3"), 1e-12);
        assertFalse(summary.containsKey("ndcg@10"));
        assertEquals(2.0, summary.get("queries_with_targets"));
    }

    @Test
    void ndcgIsOneForTheIdealOrderAndLowerOtherwise() {
        Map<String, Double> gains = Map.of("a", 2.0, "b", 1.0, "c", 0.0);
        RetrievalMetrics ideal = new RetrievalMetrics(10);
        ideal.add(new QueryOutcome(List.of("a", "b", "c"), Set.of("a"), Set.of("a", "b"), gains));
        assertEquals(1.0, ideal.summary().get("ndcg@10"), 1e-12);

        RetrievalMetrics swapped = new RetrievalMetrics(10);
        swapped.add(new QueryOutcome(List.of("b", "a"), Set.of("a"), Set.of(), gains));
        double expected = (1 + 3 / log2(3)) / (3 + 1 / log2(3));
        assertEquals(expected, swapped.summary().get("ndcg@10"), 1e-12);
    }

    @Test
    void requestsWithoutTargetsDoNotDiluteRecall() {
        RetrievalMetrics metrics = new RetrievalMetrics(5);
        metrics.add(new QueryOutcome(List.of("a"), Set.of("a"), Set.of(), Map.of()));
        metrics.add(new QueryOutcome(List.of("a"), Set.of(), Set.of(), Map.of()));
        assertEquals(1.0, metrics.summary().get("recall@5"));
    }

    @Test
    void invalidInputIsRejected() {
        assertThrows(IllegalArgumentException.class, RetrievalMetrics::new);
        assertThrows(IllegalArgumentException.class, () -> new RetrievalMetrics(0));
        assertThrows(IllegalArgumentException.class,
            () -> new QueryOutcome(List.of(), Set.of(), Set.of(), Map.of("a", -1.0)));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
