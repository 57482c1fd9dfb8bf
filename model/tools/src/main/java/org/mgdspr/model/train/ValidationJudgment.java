package org.mgdspr.model.train;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What one validation request is judged by when the trainer fits a setting: the catalog positions of its targets,
 * which recall counts, and the nDCG gain of each judged position. Where the dataset grades the request's query,
 * the gains are those grades as the evaluator turns them into gains, so a fit measures the nDCG@10 that
 * {@code mgdspr eval} reports; otherwise every target has gain 1.
 *
 * @param targets catalog positions of the request's targets (non-empty; each kept once)
 * @param gains   catalog position to gain; positions not in the map have gain 0
 */
public record ValidationJudgment(int[] targets, Map<Integer, Double> gains) {

    public ValidationJudgment {
        if (targets.length == 0) {
            throw new IllegalArgumentException("a validation request needs at least one target");
        }
        gains.forEach((position, gain) -> {
            if (!(gain >= 0 && gain < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("the gain of position " + position + " must be finite and >= 0, got "
                    + gain);
            }
        });
        targets = Arrays.stream(targets).distinct().toArray();
        gains = Map.copyOf(gains);
    }

    /** The share of the targets among the first {@code k} of {@code ranked}: this request's recall@K. */
    public double recall(int[] ranked, int k) {
        int hits = 0;
        int depth = Math.min(k, ranked.length);
        for (int target : targets) {
            for (int i = 0; i < depth; i++) {
                if (ranked[i] == target) {
                    hits++;
                    break;
                }
            }
        }
        return hits / (double) targets.length;
    }

    /** Judged by its targets alone, each with gain 1. */
    public static ValidationJudgment binary(int... targets) {
        Map<Integer, Double> gains = new HashMap<>();
        for (int target : targets) {
            gains.put(target, 1.0);
        }
        return new ValidationJudgment(targets, gains);
    }

    /** Each target list judged by {@link #binary}. */
    public static ValidationJudgment[] binary(int[][] targets) {
        ValidationJudgment[] judgments = new ValidationJudgment[targets.length];
        for (int r = 0; r < targets.length; r++) {
            judgments[r] = binary(targets[r]);
        }
        return judgments;
    }
}
