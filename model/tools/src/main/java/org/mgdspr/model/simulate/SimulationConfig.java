package org.mgdspr.model.simulate;

import org.mgdspr.model.data.ContextWindows;

import java.util.List;
import java.util.Objects;

/**
 * Size and behaviour knobs of the simulated shop. Everything random derives from {@code seed}.
 *
 * @param seed             seed of every random draw
 * @param items            catalog size
 * @param brands           number of brands
 * @param shops            number of shops
 * @param users            number of users
 * @param days             days of log; the last day is the test day (paper: train on 7, test on the 8th; we use
 *                         29 + 1 so the 10-day and 30-day windows fill up)
 * @param dailyActivity    mean probability that a user searches on a given day
 * @param ambiguousShare   share of queries that name only a category or only a brand
 * @param impressions      results displayed per request
 * @param candidates       items the simulated incumbent ranker scores per request
 * @param noiseClickRate   probability that an examined result is clicked regardless of relevance and taste
 * @param tasteCandidates  probability that one of the incumbent's candidate draws tries a random item of one of the
 *                         user's favourite brands instead of the query's scope (a real shop's incumbent retrieval is
 *                         itself personalized); a tried item outside the scope is dropped, so the share of taste
 *                         candidates shown is lower and depends on the query; below 1 so every scope keeps draws
 * @param tasteRanking     weight of the user's taste ({@link UserPreferences#affinity}) in the incumbent's ranking
 * @param windows          how request contexts are cut from the behaviour log
 */
public record SimulationConfig(
    long seed,
    int items,
    int brands,
    int shops,
    int users,
    int days,
    double dailyActivity,
    double ambiguousShare,
    int impressions,
    int candidates,
    double noiseClickRate,
    double tasteCandidates,
    double tasteRanking,
    ContextWindows windows) {

    public SimulationConfig {
        requireAtLeast("items", items, Vocabulary.leafCount());
        requireAtLeast("brands", brands, Vocabulary.TOPS.size());
        requireAtLeast("shops", shops, 1);
        requireAtLeast("users", users, 1);
        requireAtLeast("days", days, 2);
        requireProbability("dailyActivity", dailyActivity);
        requireProbability("ambiguousShare", ambiguousShare);
        requireAtLeast("impressions", impressions, 1);
        if (candidates < impressions) {
            throw new IllegalArgumentException("candidates must be >= impressions (" + impressions + ") but was "
                + candidates);
        }
        requireProbability("noiseClickRate", noiseClickRate);
        if (!(tasteCandidates >= 0 && tasteCandidates < 1)) {
            throw new IllegalArgumentException("tasteCandidates must be in [0, 1) but was " + tasteCandidates);
        }
        if (!(tasteRanking >= 0 && Double.isFinite(tasteRanking))) {
            throw new IllegalArgumentException("tasteRanking must be finite and >= 0 but was " + tasteRanking);
        }
        Objects.requireNonNull(windows, "windows");
    }

    /**
     * A shop of {@code items} items with brands, shops and users scaled to it: about 100 items per brand and per
     * shop and one user per 10 items (capped at 100 k users so request volume stays bounded at millions of items).
     */
    public static SimulationConfig scaled(int items, long seed) {
        int brands = clamp(items / 100, 40, 5000);
        int shops = clamp(items / 100, 16, 20_000);
        int users = clamp(items / 10, 50, 100_000);
        return new SimulationConfig(seed, items, brands, shops, users, 30, 0.3, 0.35, 10, 60, 0.02,
            0.3, 1.0,
            ContextWindows.PAPER);
    }

    /** The named sizes of the command line: tiny, small, medium, large (500 / 5k / 50k / 500k items). */
    public static final List<String> SIZES = List.of("tiny", "small", "medium", "large");

    /** The world of a named size; see {@link #SIZES}. */
    public static SimulationConfig ofSize(String size, long seed) {
        return switch (size) {
            case "tiny" -> tiny(seed);
            case "small" -> scaled(5_000, seed);
            case "medium" -> scaled(50_000, seed);
            case "large" -> scaled(500_000, seed);
            default -> throw new IllegalArgumentException("size must be one of " + SIZES + " but was [" + size + "]");
        };
    }

    /** A world for unit tests: 500 items, 40 brands, 60 users, 30 days; generates in well under a second. */
    public static SimulationConfig tiny(long seed) {
        return scaled(500, seed).withUsers(60);
    }

    /** A copy with a different user count. */
    public SimulationConfig withUsers(int newUsers) {
        return new SimulationConfig(seed, items, brands, shops, newUsers, days, dailyActivity, ambiguousShare,
            impressions, candidates, noiseClickRate, tasteCandidates, tasteRanking, windows);
    }

    /** A copy whose incumbent has the given taste knobs; 0 and 0 make it taste-blind. */
    public SimulationConfig withIncumbentTaste(double newTasteCandidates, double newTasteRanking) {
        return new SimulationConfig(seed, items, brands, shops, users, days, dailyActivity, ambiguousShare,
            impressions, candidates, noiseClickRate, newTasteCandidates, newTasteRanking, windows);
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    private static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + " but was " + value);
        }
    }

    private static void requireProbability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1] but was " + value);
        }
    }
}
