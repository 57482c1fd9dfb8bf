package org.mgdspr.model.train;

import org.mgdspr.model.data.Catalog;
import org.mgdspr.model.data.SearchRequest;
import org.mgdspr.model.nn.Seeds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded split of the train requests into the ones that train and the ones that validate. Only requests with at
 * least one target in the catalog can validate; all others always train.
 *
 * @param trainRequests      request indices used for training, ascending
 * @param validationRequests request indices held out for validation, ascending
 */
public record ValidationSlice(int[] trainRequests, int[] validationRequests) {

    public ValidationSlice {
        trainRequests = trainRequests.clone();
        validationRequests = validationRequests.clone();
    }

    public static ValidationSlice of(List<SearchRequest> requests, Catalog catalog, double fraction, int max,
                                     long seed) {
        List<Integer> candidates = new ArrayList<>();
        for (int r = 0; r < requests.size(); r++) {
            if (TrainingExamples.targets(requests.get(r)).stream().anyMatch(id -> catalog.indexOf(id) >= 0)) {
                candidates.add(r);
            }
        }
        int wanted = (int) Math.min(max, Math.round(fraction * candidates.size()));
        // Fisher-Yates on the candidates, keyed by the seed, so the slice is the same on every run
        SplittableRandom random = new SplittableRandom(Seeds.mix(seed, "validation-slice"));
        for (int i = candidates.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer swap = candidates.get(i);
            candidates.set(i, candidates.get(j));
            candidates.set(j, swap);
        }
        boolean[] held = new boolean[requests.size()];
        for (int i = 0; i < wanted; i++) {
            held[candidates.get(i)] = true;
        }
        int[] validation = new int[wanted];
        int[] train = new int[requests.size() - wanted];
        int v = 0;
        int t = 0;
        for (int r = 0; r < requests.size(); r++) {
            if (held[r]) {
                validation[v++] = r;
            } else {
                train[t++] = r;
            }
        }
        return new ValidationSlice(train, validation);
    }

    @Override
    public int[] trainRequests() {
        return trainRequests.clone();
    }

    @Override
    public int[] validationRequests() {
        return validationRequests.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ValidationSlice that && Arrays.equals(trainRequests, that.trainRequests)
            && Arrays.equals(validationRequests, that.validationRequests);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(trainRequests) + Arrays.hashCode(validationRequests);
    }

    @Override
    public String toString() {
        return "ValidationSlice[train=" + trainRequests.length + ", validation=" + validationRequests.length + "]";
    }
}
