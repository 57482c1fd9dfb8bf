package org.mgdspr.model.simulate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mgdspr.model.data.BehaviorAction;
import org.mgdspr.model.data.BehaviorEvent;
import org.mgdspr.model.data.Dataset;
import org.mgdspr.model.data.SearchRequest;
import org.mgdspr.model.features.BehaviorItem;
import org.mgdspr.model.features.LongTermList;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorldSimulatorTest {

    private static SimulatedLog log;

    @BeforeAll
    static void simulate() {
        log = new WorldSimulator(SimulationConfig.scaled(3000, 7).withUsers(400)).generate();
    }

    @Test
    void sameSeedGivesTheSameLogAndAnotherSeedDoesNot() {
        SimulatedLog again = new WorldSimulator(SimulationConfig.scaled(3000, 7).withUsers(400)).generate();
        assertEquals(log.requestCount(), again.requestCount());
        assertEquals(log.world().catalog().products(), again.world().catalog().products());
        for (int i = 0; i < log.requestCount(); i += 97) {
            assertEquals(log.request(i), again.request(i));
        }
        SimulatedLog other = new WorldSimulator(SimulationConfig.scaled(3000, 8).withUsers(400)).generate();
        assertNotEquals(log.world().catalog().products().get(0), other.world().catalog().products().get(0));
    }

    @Test
    void trainIsDaysBeforeTheLastAndTestIsTheLastDay() {
        Dataset dataset = log.dataset();
        int lastDay = log.config().days() - 1;
        assertEquals(log.requestCount(), dataset.train().size() + dataset.test().size());
        assertTrue(dataset.test().size() > 0 && dataset.train().size() > 20 * dataset.test().size() / 2);
        for (SearchRequest request : dataset.train()) {
            assertTrue(request.day() < lastDay, "train request on day " + request.day());
        }
        for (SearchRequest request : dataset.test()) {
            assertEquals(lastDay, request.day());
        }
        assertEquals(dataset.test().get(0), log.request(log.firstTestRequest()));
        assertEquals(log.firstTestRequest(), SimulatedLog.requestIndex(dataset.test().get(0).requestId()));
        assertThrows(IllegalArgumentException.class, () -> SimulatedLog.requestIndex("hd-1"));
        assertThrows(IndexOutOfBoundsException.class, () -> dataset.test().get(dataset.test().size()));
    }

    @Test
    void contextOnlyHoldsBehaviourStrictlyBeforeTheRequest() {
        int checked = 0;
        int withRealTime = 0;
        for (int i = 0; i < log.requestCount(); i += 7) {
            SearchRequest request = log.request(i);
            long time = log.requestTime(i);
            List<BehaviorEvent> events = log.events(log.requestUser(i));
            Set<String> clickedBefore = new HashSet<>();
            Set<String> boughtBefore = new HashSet<>();
            for (BehaviorEvent event : events) {
                if (event.time() < time) {
                    (event.action() == BehaviorAction.BUY ? boughtBefore : clickedBefore).add(event.itemId());
                }
            }
            for (BehaviorItem item : request.context().realTime()) {
                assertTrue(clickedBefore.contains(item.itemId()), "real-time item clicked later: " + item.itemId());
            }
            for (BehaviorItem item : request.context().shortTerm()) {
                assertTrue(clickedBefore.contains(item.itemId()), "short-term item clicked later: " + item.itemId());
            }
            for (String item : request.context().longTerm().get(LongTermList.ITEM_BUY)) {
                assertTrue(boughtBefore.contains(item), "bought later: " + item);
            }
            for (String clicked : request.clicked()) {
                if (!clickedBefore.contains(clicked)) {
                    assertFalse(request.context().realTime().stream().anyMatch(b -> b.itemId().equals(clicked)));
                }
            }
            withRealTime += request.context().realTime().isEmpty() ? 0 : 1;
            checked++;
        }
        assertTrue(checked > 100);
        assertTrue(withRealTime > 0, "some requests follow a same-day click");
    }

    @Test
    void catalogHasBrandsSpanningCategoriesSynonymsAndSideFields() {
        SimulatedCatalog world = log.world();
        int spanning = 0;
        for (int b = 0; b < world.brandCount(); b++) {
            spanning += world.brandTops(b).length > 1 ? 1 : 0;
        }
        assertTrue(spanning > 0 && spanning < world.brandCount(), "spanning brands " + spanning);
        Set<Integer> synonymsOfSneakers = new HashSet<>();
        for (int item : world.itemsOfLeaf(0)) {
            synonymsOfSneakers.add(world.synonym(item));
        }
        assertEquals(3, synonymsOfSneakers.size());
        var product = world.catalog().products().get(5);
        assertFalse(product.title().isBlank() || product.shop().isEmpty() || product.brand().isEmpty()
            || product.leafCategory().isEmpty() || product.category().isEmpty());
    }

    @Test
    void groundTruthFollowsTheIntent() {
        SimulatedRelevance relevance = log.relevance();
        int checked = 0;
        for (int i = 0; i < log.requestCount() && checked < 200; i += 11) {
            SearchRequest request = log.request(i);
            QueryIntent intent = log.intent(i);
            for (String shown : request.impressions()) {
                int item = log.world().catalog().indexOf(shown);
                assertEquals(intent.grade(log.world(), item), relevance.grade(request.query(), shown));
            }
            for (var judged : relevance.judged(request.query()).entrySet()) {
                assertTrue(judged.getValue() >= 1);
            }
            checked++;
        }
        assertTrue(Double.isNaN(relevance.grade("a query nobody typed", "i1")));
        QueryIntent redSneakers = new QueryIntent(-1, 0, -1, 0, -1, -1, -1);
        SimulatedCatalog world = log.world();
        for (int item = 0; item < 200; item++) {
            int expected = world.leaf(item) != 0 ? 0 : world.colour(item) == 0 ? 2 : 1;
            assertEquals(expected, redSneakers.grade(world, item));
        }
    }

    @Test
    void ambiguousQueriesExistAndClicksOnThemFollowLatentTaste() {
        TasteBias bias = TasteBias.measure(log);
        System.out.println("simulator taste bias (3000 items, 400 users, seed 7): " + bias);
        assertTrue(bias.ambiguousShare() > 0.25 && bias.ambiguousShare() < 0.45, bias.toString());
        // the incumbent already shows the user's taste, so clicks must add to it: compare odds, not shares
        assertTrue(odds(bias.brandClickShare()) > 1.5 * odds(bias.brandImpressionShare()), bias.toString());
        assertTrue(odds(bias.colourClickShare()) > 1.2 * odds(bias.colourImpressionShare()), bias.toString());
    }

    @Test
    void onlyAPersonalizedIncumbentMakesTasteWorthLearning() {
        TasteOracle personalized = TasteOracle.measure(log, 50);
        SimulationConfig blind = log.config().withIncumbentTaste(0, 0);
        TasteOracle tasteBlind = TasteOracle.measure(new WorldSimulator(blind).generate(), 50);
        System.out.println("personalized incumbent: " + personalized + "\ntaste-blind incumbent: " + tasteBlind);
        // measured: 0.674 -> 0.835 personalized, 0.581 -> 0.620 taste-blind (66 and 45 requests)
        assertTrue(personalized.tasteRecall() > personalized.popularityRecall() + 0.1, personalized.toString());
        assertTrue(personalized.tasteRecall() - personalized.popularityRecall()
            > 2 * (tasteBlind.tasteRecall() - tasteBlind.popularityRecall()), personalized + " vs " + tasteBlind);
    }

    private static double odds(double share) {
        return share / (1 - share);
    }

    @Test
    void clickedItemsOftenNameTheLeafCategoryWithAnotherSynonymThanTheQuery() {
        SimulatedCatalog world = log.world();
        int leafClicks = 0;
        int gaps = 0;
        for (int i = 0; i < log.requestCount(); i++) {
            QueryIntent intent = log.intent(i);
            if (intent.leaf() < 0) {
                continue;
            }
            String query = log.request(i).query();
            for (int item : log.clicks(i)) {
                if (world.leaf(item) != intent.leaf()) {
                    continue;
                }
                leafClicks++;
                String titleSynonym = Vocabulary.leaf(intent.leaf()).synonyms().get(world.synonym(item));
                gaps += query.contains(titleSynonym) ? 0 : 1;
            }
        }
        double share = gaps / (double) leafClicks;
        System.out.printf("lexical gaps: %.1f%% of %d in-category clicks%n", 100 * share, leafClicks);
        assertTrue(share > 0.1 && share < 0.8, "lexical-gap share " + share);
    }

    @Test
    void clicksOnSpecificQueriesPreferGoodItemsButAreNoisyAndNearMissesAreShown() {
        long[] shown = new long[3];
        long[] clicked = new long[3];
        for (int i = 0; i < log.requestCount(); i++) {
            QueryIntent intent = log.intent(i);
            if (intent.ambiguous()) {
                continue;
            }
            for (int item : log.impressions(i)) {
                shown[intent.grade(log.world(), item)]++;
            }
            for (int item : log.clicks(i)) {
                clicked[intent.grade(log.world(), item)]++;
            }
        }
        double[] ctr = new double[3];
        for (int g = 0; g < 3; g++) {
            ctr[g] = clicked[g] / (double) Math.max(1, shown[g]);
        }
        long clicks = clicked[0] + clicked[1] + clicked[2];
        double notGood = (clicked[0] + clicked[1]) / (double) clicks;
        double nearMissShown = shown[1] / (double) (shown[0] + shown[1] + shown[2]);
        System.out.printf("specific queries: CTR by grade 0/1/2 = %.3f/%.3f/%.3f; %.1f%% of clicks not good; "
            + "%.1f%% of impressions are near misses (grade 1)%n", ctr[0], ctr[1], ctr[2], 100 * notGood, 100 * nearMissShown);
        assertTrue(ctr[2] > 2 * ctr[1] && ctr[1] > ctr[0], Arrays.toString(ctr));
        assertTrue(notGood > 0.1 && notGood < 0.6, "share of clicks on items that are not good: " + notGood);
        assertTrue(nearMissShown > 0.2, "near misses among impressions: " + nearMissShown);
    }

    @Test
    void clicksArePositionBiased() {
        int positions = log.config().impressions();
        long[] shown = new long[positions];
        long[] clicked = new long[positions];
        for (int i = 0; i < log.requestCount(); i++) {
            int[] impressions = log.impressions(i);
            List<Integer> clicks = Arrays.stream(log.clicks(i)).boxed().toList();
            for (int p = 0; p < impressions.length; p++) {
                shown[p]++;
                clicked[p] += clicks.contains(impressions[p]) ? 1 : 0;
            }
        }
        double first = clicked[0] / (double) shown[0];
        double last = clicked[positions - 1] / (double) shown[positions - 1];
        System.out.printf("CTR at position 1: %.3f, at position %d: %.3f%n", first, positions, last);
        assertTrue(first > 2 * last, first + " vs " + last);
    }

    @Test
    void tinyWorldIsCompleteAndQuick() {
        long t0 = System.nanoTime();
        SimulatedLog tiny = new WorldSimulator(SimulationConfig.tiny(3)).generate();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("tiny world: %d requests in %.3f s%n", tiny.requestCount(), seconds);
        assertEquals(500, tiny.world().size());
        assertTrue(tiny.requestCount() > 300 && tiny.firstTestRequest() < tiny.requestCount(), "" + tiny.requestCount());
        assertTrue(seconds < 5, "tiny world took " + seconds + " s");
    }

    @Test
    void invalidConfigIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SimulationConfig.scaled(3000, 1).withUsers(0));
        assertTrue(e.getMessage().contains("users"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SimulationConfig.scaled(5, 1));
        assertTrue(e.getMessage().contains("items"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> SimulationConfig.scaled(3000, 1).withIncumbentTaste(1.0, 1.0));
        assertTrue(e.getMessage().contains("tasteCandidates must be in [0, 1)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> SimulationConfig.scaled(3000, 1).withIncumbentTaste(0.3, Double.NaN));
        assertTrue(e.getMessage().contains("tasteRanking"), e.getMessage());
    }
}
