package org.mgdspr.model.report;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.eval.QueryOutcome;
import org.mgdspr.model.eval.RetrievalMetrics;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricGlossaryTest {

    @Test
    void oneLinePerFamilyListingItsCutoffsInColumnOrder() {
        String md = MetricGlossary.markdown(List.of("recall@10", "recall@100", "p_good@10", "ndcg@10",
            "num_prank@1000", "p_f_good@1000", "requests"));

        List<String> lines = md.lines().toList();
        assertEquals(6, lines.size(), md);
        assertTrue(lines.get(0).startsWith("- `recall@K` (K = 10, 100): share of the request's targets"), md);
        assertTrue(lines.get(3).startsWith("- `num_prank@K` (K = 1000): items of the top K that survive relevance "
            + "control"), md);
        assertTrue(lines.get(4).startsWith("- `p_f_good@K` (K = 1000): relevance rate among those survivors"), md);
        assertTrue(lines.get(5).startsWith("- `requests`: "), md);
    }

    @Test
    void everyMetricTheEvaluatorReportsHasADefinition() {
        RetrievalMetrics metrics = new RetrievalMetrics(10, 100);
        metrics.add(new QueryOutcome(List.of("a", "b"), Set.of("a"), Set.of("b"), Map.of("a", 1.0)));

        metrics.summary().keySet().forEach(column -> assertTrue(MetricGlossary.definition(column).length() > 20));
        List.of("num_prank@1000", "p_f_good@1000", "requests")
            .forEach(column -> assertTrue(MetricGlossary.definition(column).length() > 10));
    }

    @Test
    void anUnknownColumnIsAnErrorNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> MetricGlossary.markdown(List.of("recall@10", "mrr@10")));
        assertTrue(e.getMessage().contains("[mrr@10]"), e.getMessage());
    }
}
