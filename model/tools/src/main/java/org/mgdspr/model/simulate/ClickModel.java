package org.mgdspr.model.simulate;

/**
 * How a simulated user reacts to a result they examined: the click probability grows with the item's ground-truth
 * grade for the query and, exponentially, with the user's {@link UserPreferences#affinity} for it. Position bias
 * (which results are examined) and noise clicks come on top, in {@link WorldSimulator}; neither depends on the item.
 * One place for the formula, so the simulator's clicks and {@link ClickOracle}'s rankings cannot drift apart.
 */
final class ClickModel {

    /** Click probability of an examined item of grade 0, 1 and {@link QueryIntent#GOOD} at affinity 0. */
    static final double[] BASE = {0.01, 0.06, 0.25};
    /** Multiplies the affinity in the exponent: one point of affinity multiplies the click odds by about 2.5. */
    static final double TASTE = 0.9;
    /** No result is clicked for sure. */
    static final double MAX_PROBABILITY = 0.9;

    private ClickModel() {}

    /**
     * The click probability before the cap; it orders items exactly as {@link #probability} does where the cap does
     * not bind, and it is what the oracle ranks by.
     */
    static double appeal(int grade, double affinity) {
        return BASE[grade] * Math.exp(TASTE * affinity);
    }

    /** Probability that a user clicks an examined item of ground-truth {@code grade} with {@code affinity}. */
    static double probability(int grade, double affinity) {
        return Math.min(MAX_PROBABILITY, appeal(grade, affinity));
    }
}
