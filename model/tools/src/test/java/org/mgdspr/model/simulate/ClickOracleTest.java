package org.mgdspr.model.simulate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The oracle's headroom comes from the simulator's ground truth: the log's clicks follow {@link ClickModel} with the
 * users' true {@link UserPreferences#affinity}, and the oracle ranks each request by exactly that, for the request's
 * user and the query's ground-truth intent.
 */
class ClickOracleTest {

    private static SimulatedLog log;

    @BeforeAll
    static void simulate() {
        log = new WorldSimulator(SimulationConfig.tiny(3)).generate();
    }

    @Test
    void theLogsClicksFollowTheClickModelWithTheUsersTrueTaste() {
        SimulatedCatalog world = log.world();
        double noise = log.config().noiseClickRate();
        double expected = 0;
        double expectedTasteBlind = 0;
        long observed = 0;
        for (int r = 0; r < log.requestCount(); r++) {
            QueryIntent intent = log.intent(r);
            UserPreferences user = log.preferences(log.requestUser(r));
            int[] shown = log.impressions(r);
            for (int position = 0; position < shown.length; position++) {
                // the simulator's position bias: result p is examined with probability (p + 1)^-0.7
                double examined = Math.pow(position + 1, -0.7);
                int grade = intent.grade(world, shown[position]);
                expected += examined * (noise + (1 - noise)
                    * ClickModel.probability(grade, user.affinity(world, shown[position])));
                expectedTasteBlind += examined * (noise + (1 - noise) * ClickModel.probability(grade, 0));
            }
            observed += log.clicks(r).length;
        }
        String counts = String.format(Locale.ROOT, "%d clicks observed, %.0f expected, %.0f expected without taste",
            observed, expected, expectedTasteBlind);
        System.out.println("click model on the tiny world, seed 3: " + counts);
        assertEquals(1, observed / expected, 0.03, counts);
        assertTrue(observed > 1.3 * expectedTasteBlind, counts);
    }

    @Test
    void ranksTheCatalogByTheClickModelForTheRequestsUserAndIntent() {
        SimulatedCatalog world = log.world();
        ClickOracle oracle = ClickOracle.withPreference(log);
        int k = 50;
        for (int r = log.firstTestRequest(); r < log.requestCount(); r += 7) {
            QueryIntent intent = log.intent(r);
            UserPreferences user = log.preferences(log.requestUser(r));
            double[] appeal = new double[world.size()];
            for (int item = 0; item < appeal.length; item++) {
                appeal[item] = ClickModel.appeal(intent.grade(world, item), user.affinity(world, item));
            }
            List<String> top = oracle.topIds(r, k);
            assertEquals(k, top.size());
            double last = Double.POSITIVE_INFINITY;
            for (String id : top) {
                double value = appeal[world.catalog().indexOf(id)];
                assertTrue(value <= last, "best first at request " + r);
                last = value;
            }
            double cut = last;
            long better = Arrays.stream(appeal).filter(value -> value > cut).count();
            assertTrue(better <= k, "no item left out of the top " + k + " beats its last one, request " + r);
        }
    }

    @Test
    void anotherTasteGetsAnotherRankingOnAnAmbiguousQueryButNotWithoutPreference() {
        SimulatedCatalog world = log.world();
        QueryIntent shoes = new QueryIntent(0, -1, -1, -1, -1, -1, -1);
        assertTrue(shoes.ambiguous());
        int[] brands = Arrays.stream(world.itemsOfLeaf(0)).map(world::brand).distinct().limit(2).toArray();
        UserPreferences first = likes(brands[0]);
        UserPreferences second = likes(brands[1]);
        ClickOracle oracle = ClickOracle.withPreference(log);
        int[] forFirst = oracle.top(shoes, first, 10);
        int[] forSecond = oracle.top(shoes, second, 10);
        assertEquals(brands[0], world.brand(forFirst[0]));
        assertEquals(brands[1], world.brand(forSecond[0]));
        assertFalse(Arrays.equals(forFirst, forSecond));
        ClickOracle blind = ClickOracle.withoutPreference(log);
        assertArrayEquals(blind.top(shoes, first, 10), blind.top(shoes, second, 10));
        for (int item : blind.top(shoes, first, 10)) {
            assertEquals(QueryIntent.GOOD, shoes.grade(world, item));
        }
    }

    @Test
    void knowingTheTasteRetrievesMoreOfTheClicksOnAmbiguousQueries() {
        ClickOracle oracle = ClickOracle.withPreference(log);
        ClickOracle blind = ClickOracle.withoutPreference(log);
        double withTaste = 0;
        double withoutTaste = 0;
        int requests = 0;
        // every day's requests: the oracle reads no log, so the days it could have learned from do not matter
        for (int r = 0; r < log.requestCount(); r++) {
            List<String> clicked = log.request(r).clicked();
            if (!log.isAmbiguous(r) || clicked.isEmpty()) {
                continue;
            }
            requests++;
            withTaste += recall(oracle.topIds(r, 10), clicked);
            withoutTaste += recall(blind.topIds(r, 10), clicked);
        }
        System.out.printf(Locale.ROOT, "oracle recall@10 of clicks on %d ambiguous requests: %.3f with taste, %.3f "
            + "without%n", requests, withTaste / requests, withoutTaste / requests);
        assertTrue(requests >= 100, requests + " ambiguous requests with clicks");
        assertTrue(withTaste > withoutTaste + 0.1 * requests,
            "recall@10 " + withTaste / requests + " vs " + withoutTaste / requests + " over " + requests);
    }

    /** A user who shops shoes for adults, likes {@code brand} and has no other taste any shoe could match. */
    private static UserPreferences likes(int brand) {
        return new UserPreferences(0, new int[] {0}, new int[] {brand}, new double[] {2.0}, new int[0], -1, -1, 0.3);
    }

    private static double recall(List<String> top, List<String> targets) {
        return targets.stream().distinct().filter(top::contains).count() / (double) targets.stream().distinct().count();
    }
}
