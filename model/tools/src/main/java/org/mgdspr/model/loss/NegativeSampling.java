package org.mgdspr.model.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.SplittableRandom;

/** Host-side randomness and masks of a training batch, drawn from the trainer's seeded generator. */
public final class NegativeSampling {

    private NegativeSampling() {}

    /**
     * {@code (B, N)} float mask, 1 where negative {@code n} has example {@code b}'s positive item id; all zeros
     * when {@code remove} is false.
     */
    public static NDArray accidentalHits(NDManager manager, int[] positiveIds, int[] negativeIds, boolean remove) {
        float[] hits = new float[positiveIds.length * negativeIds.length];
        if (remove) {
            for (int b = 0; b < positiveIds.length; b++) {
                for (int n = 0; n < negativeIds.length; n++) {
                    if (positiveIds[b] == negativeIds[n]) {
                        hits[b * negativeIds.length + n] = 1f;
                    }
                }
            }
        }
        return manager.create(hits, new Shape(positiveIds.length, negativeIds.length));
    }

    /** {@code (B, B)} float mask of in-batch negatives, 1 where examples share their positive item (diagonal too). */
    public static NDArray sameItem(NDManager manager, int[] positiveIds) {
        return accidentalHits(manager, positiveIds, positiveIds, true);
    }

    /** {@code (B, H)} mixing weights, i.i.d. {@code U(min, max)}, a fresh draw per generated negative (spec §8). */
    public static NDArray alpha(NDManager manager, SplittableRandom random, int batch, int hard, double min,
                                double max) {
        float[] alpha = new float[batch * hard];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = (float) random.nextDouble(min, max);
        }
        return manager.create(alpha, new Shape(batch, hard));
    }
}
