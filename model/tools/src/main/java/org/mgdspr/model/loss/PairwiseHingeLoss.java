package org.mgdspr.model.loss;

import ai.djl.ndarray.NDArray;

import org.mgdspr.model.nn.Scalars;

/**
 * The MGDSPR-Pairwise baseline (paper Fig. 5): {@code mean over (b, n) of max(0, margin - <u, v+> + <u, v_n>)}
 * over the shared random negatives that are not accidental hits. No temperature and no hard-negative mixing.
 */
public final class PairwiseHingeLoss implements RetrievalLoss {

    private final float margin;

    public PairwiseHingeLoss(double margin) {
        if (!(margin >= 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("hinge margin must be finite and >= 0, got " + margin);
        }
        this.margin = (float) margin;
    }

    @Override
    public int hardNegatives() {
        return 0;
    }

    @Override
    public NDArray loss(LossInputs in) {
        NDArray positive = in.users().mul(in.positives()).sum(new int[] {1}, true);
        NDArray negative = in.users().matMul(in.negatives().transpose());
        NDArray kept = in.accidentalHits().neg().add(1f);
        NDArray hinge = Scalars.maximum(Scalars.add(negative.sub(positive), margin), 0f).mul(kept);
        return hinge.sum().div(kept.sum().maximum(1f));
    }
}
