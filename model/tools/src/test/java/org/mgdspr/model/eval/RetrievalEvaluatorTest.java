package org.mgdspr.model.eval;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.data.Catalog;
import org.mgdspr.model.data.JudgedRelevance;
import org.mgdspr.model.data.Product;
import org.mgdspr.model.data.SearchRequest;
import org.mgdspr.model.features.BehaviorItem;
import org.mgdspr.model.features.KeyTermClass;
import org.mgdspr.model.features.KeyTermLexicon;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.fusion.FusionMethod;
import org.mgdspr.model.fusion.FusionSpec;
import org.mgdspr.model.fusion.ScoreNormalization;
import org.mgdspr.model.testing.Fixtures;
import org.mgdspr.model.twotower.TwoTowerModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetrievalEvaluatorTest {

    private static final Catalog CATALOG = new Catalog(List.of(
        Product.ofTitle("a", "DeWalt red cordless drill"),
        Product.ofTitle("b", "Makita blue cordless drill"),
        Product.ofTitle("c", "DeWalt drill bits set"),
        Product.ofTitle("d", "red garden hose"),
        Product.ofTitle("e", "white ceiling paint")));

    private static final KeyTermLexicon LEXICON = KeyTermLexicon.builder("en").addColours()
        .add("DeWalt", KeyTermClass.BRAND).add("Makita", KeyTermClass.BRAND).build();

    private static SearchRequest request(String id, String query, List<String> clicked) {
        return new SearchRequest(id, 0, "", query, null, clicked, List.of(), List.of());
    }

    @Test
    void segmentsKeepRequestsWithoutTargetsAndDropThoseWhoseTargetsAllLieOutside() {
        List<SearchRequest> tests = List.of(
            request("q1", "dewalt drill", List.of("a")),
            request("q2", "red paint", List.of()),
            request("q3", "garden hose", List.of("d")));
        JudgedRelevance labels = new JudgedRelevance(Map.of("red paint", Map.of("e", 3.0)), 2.33);
        Map<String, List<List<String>>> retrieved = Map.of(EvaluationReport.MODEL,
            List.of(List.of("a"), List.of("e"), List.of("b")));
        Map<String, Segment> segments = new LinkedHashMap<>();
        segments.put("all requests", Segment.ofRequests(r -> true));
        segments.put("target a", Segment.ofTargets("a"::equals));

        EvaluationReport report = new RetrievalEvaluator(new EvaluationOptions(new int[] {1}, 1.0, false, false))
            .score(retrieved, tests, labels, new KeyTermFilter(LEXICON, CATALOG), segments, CATALOG.size());

        assertEquals(3.0, report.segments().get("all requests").get(EvaluationReport.MODEL).get("requests"));
        // q3's only target is d, outside the segment: its recall there is undefined, so q3 is left out
        Map<String, Double> targetA = report.segments().get("target a").get(EvaluationReport.MODEL);
        assertEquals(2.0, targetA.get("requests"));
        assertEquals(1.0, targetA.get("recall@1"), 1e-12);
    }

    @Test
    void handMadeRankingsGiveTheExpectedMetrics() {
        List<SearchRequest> tests = List.of(
            request("q1", "dewalt drill", List.of("a", "c")),
            request("q2", "garden hose", List.of("d")));
        // graded labels on the Home Depot scale (1..3, 1 = irrelevant), good at 2.33
        JudgedRelevance labels = new JudgedRelevance(Map.of(
            "dewalt drill", Map.of("a", 3.0, "c", 2.5, "b", 1.0),
            "garden hose", Map.of("d", 3.0)), 2.33);
        Map<String, List<List<String>>> retrieved = new LinkedHashMap<>();
        retrieved.put(EvaluationReport.MODEL, List.of(List.of("b", "a", "e"), List.of("d", "a", "b")));
        retrieved.put(EvaluationReport.BM25, List.of(List.of("a", "c", "b"), List.of("e", "b", "a")));
        Map<String, Segment> segments = Map.of("branded", Segment.ofRequests(r -> r.query().contains("dewalt")),
            "target c", Segment.ofTargets("c"::equals));

        EvaluationReport report = new RetrievalEvaluator(new EvaluationOptions(new int[] {1, 3}, 1.0, true, false))
            .score(retrieved, tests, labels, new KeyTermFilter(LEXICON, CATALOG), segments, CATALOG.size());

        Map<String, Double> model = report.systems().get(EvaluationReport.MODEL);
        // q1: targets {a, c}; top-1 [b] finds none, top-3 [b, a, e] finds a. q2: d first.
        assertEquals((0.0 + 1.0) / 2, model.get("recall@1"), 1e-12);
        assertEquals((0.5 + 1.0) / 2, model.get("recall@3"), 1e-12);
        assertEquals((1 / 3.0 + 1 / 3.0) / 2, model.get("p_good@3"), 1e-12);
        // nDCG@10 with gains grade - 1: q1 gains a=2, c=1.5, b=0 → DCG = (2^2-1)/log2(3); ideal = 3 + (2^1.5-1)/log2(3)
        double q1 = (3 / log2(3)) / (3 + (Math.pow(2, 1.5) - 1) / log2(3));
        assertEquals((q1 + 1.0) / 2, model.get("ndcg@10"), 1e-12);
        // relevance control: "dewalt drill" requires "dewalt" in the title → of [b, a, e] only a survives;
        // "garden hose" has no key term → all 3 survive
        assertEquals((1 + 3) / 2.0, model.get("num_prank@3"), 1e-12);
        // good share among survivors: q1 [a] → 1; q2 [d, a, b] → 1/3
        assertEquals((1 + 1 / 3.0) / 2, model.get("p_f_good@3"), 1e-12);

        Map<String, Double> bm25 = report.systems().get(EvaluationReport.BM25);
        // q1 [a, c, b]: a at rank 1, both targets by rank 3; q2 [e, b, a] misses d
        assertEquals((0.5 + 0.0) / 2, bm25.get("recall@1"), 1e-12);
        assertEquals((1.0 + 0.0) / 2, bm25.get("recall@3"), 1e-12);

        Map<String, Double> branded = report.segments().get("branded").get(EvaluationReport.MODEL);
        assertEquals(1.0, branded.get("requests"));
        assertEquals(0.5, branded.get("recall@3"), 1e-12);
        assertEquals(1.0, branded.get("num_prank@3"), 1e-12);

        // only q1 has c among its targets; the model finds c in neither top-1 nor top-3, BM25 at rank 2
        Map<String, Map<String, Double>> targetC = report.segments().get("target c");
        assertEquals(1.0, targetC.get(EvaluationReport.MODEL).get("requests"));
        assertEquals(0.0, targetC.get(EvaluationReport.MODEL).get("recall@3"), 1e-12);
        assertEquals(0.0, targetC.get(EvaluationReport.BM25).get("recall@1"), 1e-12);
        assertEquals(1.0, targetC.get(EvaluationReport.BM25).get("recall@3"), 1e-12);
    }

    @Test
    void gapClosedIsTheContextsShareOfTheWayFromNoContextToTheOracle() {
        List<SearchRequest> tests = List.of(
            request("q1", "drill", List.of("a")),
            request("q2", "drill", List.of("b")),
            request("q3", "hose", List.of("d")),
            request("q4", "paint", List.of("e")));
        Map<String, List<List<String>>> retrieved = new LinkedHashMap<>();
        // recall@1: oracle 1.0, with context 0.75, without 0.5 -> half the gap; on q1 and q2 alone 0.5 of 1.0
        retrieved.put(EvaluationReport.MODEL, List.of(List.of("a"), List.of("a"), List.of("d"), List.of("e")));
        retrieved.put(EvaluationReport.NO_USER, List.of(List.of("b"), List.of("b"), List.of("d"), List.of("c")));
        retrieved.put(EvaluationReport.ORACLE, List.of(List.of("a"), List.of("b"), List.of("d"), List.of("e")));
        Map<String, Segment> segments = Map.of("drill", Segment.ofRequests(r -> r.query().equals("drill")),
            "hose", Segment.ofRequests(r -> r.query().equals("hose")));

        EvaluationReport report = new RetrievalEvaluator(new EvaluationOptions(new int[] {1}, 0, false, false))
            .score(retrieved, tests, new JudgedRelevance(Map.of(), 2), new KeyTermFilter(LEXICON, CATALOG), segments,
                CATALOG.size());

        assertEquals(0.5, report.gapClosed(null, "recall@1"), 1e-12);
        assertEquals(0.0, report.gapClosed("drill", "recall@1"), 1e-12);
        // every system finds d: there is no gap to close
        assertTrue(Double.isNaN(report.gapClosed("hose", "recall@1")));
        var json = report.toJson(null);
        assertEquals(1.0, json.getAsJsonObject(EvaluationReport.ORACLE).get("recall@1").getAsDouble(), 1e-12);
        assertEquals(0.5, json.getAsJsonObject("gap_closed").getAsJsonObject("all").get("recall@1").getAsDouble(),
            1e-12);
    }

    @Test
    void keyTermsMustAppearAsAContiguousRunInTheTitle() {
        KeyTermFilter filter = new KeyTermFilter(LEXICON, CATALOG);
        assertEquals(List.of("a"), filter.survivors("red dewalt drill", List.of("a", "b", "c", "d")));
        assertEquals(List.of("a", "b", "c"), filter.survivors("cordless drill", List.of("a", "b", "c")));
        assertTrue(KeyTermFilter.containsRun(List.of("x", "y", "z"), List.of("y", "z")));
        assertTrue(!KeyTermFilter.containsRun(List.of("x", "y", "z"), List.of("x", "z")));
    }

    @Test
    void evaluatesAModelAgainstTheWholeCatalogBesideBm25() {
        List<SearchRequest> tests = List.of(request("q1", "dewalt drill", List.of("a")),
            request("q2", "ceiling paint", List.of("e")));
        JudgedRelevance labels = new JudgedRelevance(Map.of("dewalt drill", Map.of("a", 3.0)), 2.33);
        try (TwoTowerModel model = TwoTowerModel.create(Fixtures.tiny())) {
            FusionSpec fitted = new FusionSpec(FusionMethod.WEIGHTED, 60, 0.2, 0.8, ScoreNormalization.Z_SCORE);
            EvaluationReport report = new RetrievalEvaluator(new EvaluationOptions(new int[] {5}, 1.0, true, true),
                null, fitted, null).evaluate(model, CATALOG, tests, labels, LEXICON, Map.of());
            assertEquals(List.of(EvaluationReport.MODEL, EvaluationReport.NO_USER, EvaluationReport.BM25, "fusion/union",
                "fusion/rrf", "fusion/weighted", "fusion/auto"), List.copyOf(report.systems().keySet()));
            // K = the whole catalog: every system that returns everything has recall 1
            assertEquals(1.0, report.model("recall@5"), 1e-12);
            // BM25 finds a for "dewalt drill" and e for "ceiling paint"
            assertEquals(1.0, report.systems().get(EvaluationReport.BM25).get("recall@5"), 1e-12);
            assertEquals(5, report.catalogSize());
            assertEquals(2, report.requests());
            var json = report.toJson(null);
            assertTrue(json.has("recall@5") && json.getAsJsonObject("bm25").has("recall@5")
                && json.getAsJsonObject("no_user_context").has("recall@5"), json.toString());
            var fusion = json.getAsJsonObject("fusion");
            assertEquals(List.of("union", "rrf", "weighted", "auto"), List.copyOf(fusion.keySet()));
            assertEquals(json.getAsJsonObject("bm25").keySet(), fusion.getAsJsonObject("auto").keySet());
            // the fused list holds every item either channel found: all of them, at K = the catalog
            assertEquals(1.0, fusion.getAsJsonObject("rrf").get("recall@5").getAsDouble(), 1e-12);
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** The brand boost re-orders the model's own hits: a weight far above any k-NN score puts the brand first. */
    @Test
    void reportsTheModelsHitsReorderedByTheUsersBrands() {
        Catalog catalog = new Catalog(List.of(new Product("x", "cordless drill", "", "drills", "tools", "xenon"),
            new Product("y", "cordless drill", "", "drills", "tools", "yarrow"),
            new Product("z", "cordless drill", "", "drills", "tools", "zephyr")));
        UserContext zephyrFan = new UserContext(List.of(new BehaviorItem("z0", "", "", "", "zephyr")), List.of(),
            Map.of(), List.of());
        List<SearchRequest> tests = List.of(new SearchRequest("r", 0, "u", "drill", zephyrFan, List.of("z"),
            List.of(), List.of()));
        try (TwoTowerModel model = TwoTowerModel.create(Fixtures.tiny())) {
            EvaluationReport report = new RetrievalEvaluator(new EvaluationOptions(new int[] {1}, 0, false, true),
                null, null, new BrandBoost(10, 3)).evaluate(model, catalog, tests,
                new JudgedRelevance(Map.of(), 2.33), LEXICON, Map.of());
            assertEquals(List.of(EvaluationReport.MODEL, EvaluationReport.BRAND_BOOST, EvaluationReport.NO_USER),
                List.copyOf(report.systems().keySet()));
            assertEquals(1.0, report.systems().get(EvaluationReport.BRAND_BOOST).get("recall@1"), 1e-12);
            assertEquals(1.0, report.toJson(null).getAsJsonObject("brand_boost").get("recall@1").getAsDouble(), 1e-12);
        }
    }
}
