package org.mgdspr.model.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

import org.mgdspr.model.nn.Scalars;

/**
 * Sampled softmax with temperature and relevance-improving hard negatives (paper §3.4, Eq. 19-21).
 *
 * <p>Per example {@code b} with logits {@code l+ = <u, v+>} (B, 1) and {@code l- = u · V-ᵀ} (B, N):
 * <ol>
 *   <li>with in-batch negatives ({@link LossInputs#sameItem()} given) {@code l-} also holds {@code u · V+ᵀ}
 *       (B, B), the scores against the batch's positives, where the example's own item (the diagonal and any
 *       duplicate of it) is excluded;
 *   <li>accidental hits get {@code l- = -1e9}, so they neither count as negatives nor are picked as hard ones;
 *   <li>the {@code H} highest {@code l-} are the hard negatives {@code l_h} (B, H); selection carries no gradient;
 *   <li>the mixed negatives {@code alpha * v+ + (1 - alpha) * v_h} are scored through the linear shortcut
 *       {@code l_mix = alpha * l+ + (1 - alpha) * l_h} (B, H), exact because the score is linear in {@code v}, so
 *       the mixed vectors are never materialised and gradients flow into {@code u}, {@code v+} and {@code v_h};
 *   <li>{@code loss_b = -log softmax([l+, l-, l_mix] / tau)[0]}; the result is the batch mean.
 * </ol>
 */
public final class SampledSoftmaxLoss implements RetrievalLoss {

    private static final float EXCLUDED_LOGIT = -1e9f;

    private final float temperature;
    private final int hardNegatives;

    public SampledSoftmaxLoss(double temperature, int hardNegatives) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
        }
        if (hardNegatives < 0) {
            throw new IllegalArgumentException("hard negatives must be >= 0, got " + hardNegatives);
        }
        this.temperature = (float) temperature;
        this.hardNegatives = hardNegatives;
    }

    @Override
    public int hardNegatives() {
        return hardNegatives;
    }

    @Override
    public NDArray loss(LossInputs in) {
        NDArray positive = in.users().mul(in.positives()).sum(new int[] {1}, true);
        NDArray negative = in.users().matMul(in.negatives().transpose())
            .add(in.accidentalHits().mul(EXCLUDED_LOGIT));
        if (in.sameItem() != null) {
            NDArray inBatch = in.users().matMul(in.positives().transpose()).add(in.sameItem().mul(EXCLUDED_LOGIT));
            negative = inBatch.concat(negative, 1);
        }
        NDList logits = new NDList(positive, negative);
        if (hardNegatives > 0) {
            if (in.alpha() == null || in.alpha().getShape().get(1) != hardNegatives) {
                throw new IllegalArgumentException("alpha must have " + hardNegatives + " columns");
            }
            if (hardNegatives > negative.getShape().get(1)) {
                throw new IllegalArgumentException("cannot pick " + hardNegatives + " hard negatives out of "
                    + negative.getShape().get(1));
            }
            NDArray picked = negative.stopGradient().topK(hardNegatives, 1).get(1);
            NDArray hard = negative.gather(picked, 1);
            NDArray alpha = in.alpha();
            logits.add(alpha.mul(positive).add(alpha.neg().add(1f).mul(hard)));
        }
        NDArray scaled = Scalars.div(NDArrays.concat(logits, 1), temperature);
        return scaled.logSoftmax(1).get(":, 0").neg().mean();
    }
}
