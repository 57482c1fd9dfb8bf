package org.mgdspr.model.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.Objects;

/**
 * Everything a retrieval loss sees for one batch ({@code B} examples, {@code N} shared random negatives,
 * {@code H} mixed hard negatives per example).
 *
 * @param users          user vectors {@code u}, {@code (B, d)}
 * @param positives      clicked-item vectors {@code v+}, {@code (B, d)}
 * @param negatives      the random negatives shared by the whole batch, {@code (N, d)}
 * @param accidentalHits {@code (B, N)} float, 1 where negative {@code n} is example {@code b}'s own positive and
 *                       must not count as a negative (all zeros to keep such hits)
 * @param alpha          {@code (B, H)} mixing weights of the hard negatives, {@code null} when {@code H = 0}
 * @param sameItem       {@code (B, B)} float, 1 where examples {@code b} and {@code c} have the same positive item
 *                       (the diagonal included): the mask of in-batch negatives; {@code null} when the loss uses
 *                       none
 */
public record LossInputs(NDArray users, NDArray positives, NDArray negatives, NDArray accidentalHits, NDArray alpha,
                         NDArray sameItem) {

    public LossInputs {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(positives, "positives");
        Objects.requireNonNull(negatives, "negatives");
        Objects.requireNonNull(accidentalHits, "accidentalHits");
        long batch = users.getShape().get(0);
        long dim = users.getShape().get(1);
        if (!positives.getShape().equals(users.getShape())) {
            throw new IllegalArgumentException(
                "positives " + positives.getShape() + " must match users " + users.getShape());
        }
        if (negatives.getShape().dimension() != 2 || negatives.getShape().get(1) != dim) {
            throw new IllegalArgumentException("negatives must be (N, " + dim + "), got " + negatives.getShape());
        }
        long n = negatives.getShape().get(0);
        if (accidentalHits.getShape().dimension() != 2 || accidentalHits.getShape().get(0) != batch
            || accidentalHits.getShape().get(1) != n) {
            throw new IllegalArgumentException(
                "accidentalHits must be (" + batch + ", " + n + "), got " + accidentalHits.getShape());
        }
        if (alpha != null && (alpha.getShape().dimension() != 2 || alpha.getShape().get(0) != batch)) {
            throw new IllegalArgumentException("alpha must be (" + batch + ", H), got " + alpha.getShape());
        }
        if (sameItem != null && !sameItem.getShape().equals(new Shape(batch, batch))) {
            throw new IllegalArgumentException("sameItem must be (" + batch + ", " + batch + "), got "
                + sameItem.getShape());
        }
    }
}
