package org.mgdspr.model.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * AdaGrad ({@code acc += g²; w -= lr * g / sqrt(acc)}, TensorFlow's form with an initial accumulator), the paper's
 * optimizer. Dense weights and embedding rows have their own accumulator start values.
 */
public final class AdaGrad extends Optimizer {

    /** Guards the division when the initial accumulator is 0 and a gradient is exactly 0. */
    private static final float EPSILON = 1e-10f;

    private final float learningRate;
    private final float initialAccumulator;
    private final float rowInitialAccumulator;

    /**
     * @param manager owner of the dense accumulators (the trainer's); they live as long as it does
     */
    public AdaGrad(double learningRate, double initialAccumulator, double rowInitialAccumulator, double clipNorm,
                   NDManager manager) {
        super(clipNorm, manager);
        if (!(learningRate > 0) || !(initialAccumulator >= 0) || !(rowInitialAccumulator >= 0)) {
            throw new IllegalArgumentException("AdaGrad needs lr > 0 and initial accumulators >= 0, got "
                + learningRate + ", " + initialAccumulator + ", " + rowInitialAccumulator);
        }
        this.learningRate = (float) learningRate;
        this.initialAccumulator = (float) initialAccumulator;
        this.rowInitialAccumulator = (float) rowInitialAccumulator;
    }

    @Override
    float[] denseStateStart() {
        return new float[] {initialAccumulator};
    }

    @Override
    float[] rowStateStart() {
        return new float[] {rowInitialAccumulator};
    }

    @Override
    void updateDense(NDArray weight, NDArray[] state, NDArray gradient) {
        NDArray accumulator = state[0];
        accumulator.addi(gradient.square());
        weight.subi(gradient.mul(learningRate).div(accumulator.sqrt().add(EPSILON)));
    }

    @Override
    void updateRow(float[] weights, float[][] states, int offset, float[] gradient, int from, int width,
                   float scale) {
        float[] accumulators = states[0];
        for (int c = 0; c < width; c++) {
            float g = gradient[from + c] * scale;
            float accumulator = accumulators[offset + c] + g * g;
            accumulators[offset + c] = accumulator;
            weights[offset + c] -= learningRate * g / ((float) Math.sqrt(accumulator) + EPSILON);
        }
    }
}
