package org.mgdspr.model.simulate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The ranking of a shop that knows what the simulator knows: for a request, every catalog item ordered by the
 * {@link ClickModel#appeal} it has for the requesting user under the query's ground-truth {@link QueryIntent}, the
 * quantities the simulated user clicks by. It bounds what any user context can buy: a model sees the user's taste
 * only through their behaviour, the oracle reads {@link UserPreferences#affinity} directly.
 *
 * <p>The oracle without preference ranks by the same appeal at affinity 0, so by the ground-truth grade alone: what
 * knowing the query perfectly, but not the user, is worth.
 *
 * <p>Equal appeal is frequent (an ambiguous query makes its whole scope grade 2, and affinity is a sum of a few
 * constants); ties go to the more popular item, popularity being the world's exposure prior (the incumbent ranks by
 * it, so popular items collect the clicks a context-free ranker can learn), then to the lower catalog index.
 */
public final class ClickOracle {

    private final SimulatedLog log;
    private final boolean knowsPreference;

    private ClickOracle(SimulatedLog log, boolean knowsPreference) {
        this.log = log;
        this.knowsPreference = knowsPreference;
    }

    /** Ranks by grade and the user's true taste. */
    public static ClickOracle withPreference(SimulatedLog log) {
        return new ClickOracle(log, true);
    }

    /** Ranks by grade alone: the same ranking for every user. */
    public static ClickOracle withoutPreference(SimulatedLog log) {
        return new ClickOracle(log, false);
    }

    /** Item ids of the best {@code k} catalog items for request {@code request} of the log, best first. */
    public List<String> topIds(int request, int k) {
        int[] top = top(log.intent(request), log.preferences(log.requestUser(request)), k);
        List<String> ids = new ArrayList<>(top.length);
        for (int item : top) {
            ids.add(log.world().catalog().products().get(item).itemId());
        }
        return ids;
    }

    /** Catalog indices of the best {@code k} items for {@code user} typing a query of {@code intent}, best first. */
    public int[] top(QueryIntent intent, UserPreferences user, int k) {
        SimulatedCatalog world = log.world();
        int n = world.size();
        double[] appeal = new double[n];
        for (int item = 0; item < n; item++) {
            appeal[item] = appeal(intent, user, item);
        }
        Comparator<Integer> better = Comparator.<Integer>comparingDouble(item -> appeal[item])
            .thenComparingDouble(world::popularity)
            .thenComparing(Comparator.<Integer>reverseOrder());
        int kept = Math.min(k, n);
        // the worst kept item on top: most items are rejected by one comparison with it
        PriorityQueue<Integer> best = new PriorityQueue<>(kept + 1, better);
        for (int item = 0; item < n; item++) {
            if (best.size() < kept) {
                best.add(item);
            } else if (kept > 0 && better.compare(item, best.peek()) > 0) {
                best.poll();
                best.add(item);
            }
        }
        int[] top = new int[best.size()];
        for (int r = top.length - 1; r >= 0; r--) {
            top[r] = best.poll();
        }
        return top;
    }

    /** What the oracle ranks {@code item} by for {@code user} and {@code intent}. */
    public double appeal(QueryIntent intent, UserPreferences user, int item) {
        SimulatedCatalog world = log.world();
        double affinity = knowsPreference ? user.affinity(world, item) : 0;
        return ClickModel.appeal(intent.grade(world, item), affinity);
    }
}
