package org.mgdspr.model.simulate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * How much a user's true taste predicts the test day's clicks on ambiguous queries: recall@{@code k} of the clicked
 * items when each query's ground-truth scope is ranked by popularity alone, and by popularity plus the user's
 * {@link UserPreferences#affinity}. The gap bounds what any personalized model can gain on that world.
 */
record TasteOracle(int requests, int k, double popularityRecall, double tasteRecall) {

    static TasteOracle measure(SimulatedLog log, int k) {
        SimulatedCatalog world = log.world();
        int requests = 0;
        double popularity = 0;
        double taste = 0;
        for (int r = log.firstTestRequest(); r < log.requestCount(); r++) {
            int[] clicked = Arrays.stream(log.clicks(r)).distinct().toArray();
            if (!log.isAmbiguous(r) || clicked.length == 0) {
                continue;
            }
            QueryIntent intent = log.intent(r);
            UserPreferences user = log.preferences(log.requestUser(r));
            requests++;
            popularity += recall(world, intent, clicked, k, item -> 0);
            taste += recall(world, intent, clicked, k, item -> user.affinity(world, item));
        }
        return new TasteOracle(requests, k, popularity / requests, taste / requests);
    }

    private static double recall(SimulatedCatalog world, QueryIntent intent, int[] clicked, int k,
                                 IntToDoubleFunction affinity) {
        Comparator<Integer> byScore = Comparator.comparingDouble(
            item -> 10.0 * intent.grade(world, item) + Math.log(world.popularity(item)) + affinity.applyAsDouble(item));
        int[] top = IntStream.range(0, world.size()).boxed().sorted(byScore.reversed()).limit(k)
            .mapToInt(Integer::intValue).toArray();
        long hits = Arrays.stream(clicked).filter(item -> Arrays.stream(top).anyMatch(t -> t == item)).count();
        return hits / (double) clicked.length;
    }

    @Override
    public String toString() {
        return String.format("ambiguous test requests %d: recall@%d of clicks %.3f ranking the scope by popularity, "
            + "%.3f by popularity and the user's true taste", requests, k, popularityRecall, tasteRecall);
    }
}
