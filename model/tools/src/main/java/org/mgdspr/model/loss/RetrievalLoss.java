package org.mgdspr.model.loss;

import ai.djl.ndarray.NDArray;

import org.mgdspr.model.config.LossConfig;

/** A training objective over a batch of user vectors, their positives and a shared set of random negatives. */
public interface RetrievalLoss {

    /** Mean loss over the batch, a scalar that stays on the autograd graph of its inputs. */
    NDArray loss(LossInputs inputs);

    /** Hard negatives mixed per example; {@link LossInputs#alpha()} must have this many columns (0 = none). */
    int hardNegatives();

    static RetrievalLoss of(LossConfig config) {
        return switch (config.type()) {
            case LossConfig.SOFTMAX -> new SampledSoftmaxLoss(config.temperature(), config.hardNegatives());
            case LossConfig.PAIRWISE_HINGE -> new PairwiseHingeLoss(config.hingeMargin());
            default -> throw new IllegalArgumentException("unknown loss.type " + config.type());
        };
    }
}
