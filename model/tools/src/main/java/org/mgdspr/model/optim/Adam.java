package org.mgdspr.model.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Adam in Kingma and Ba's efficient form ({@code m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g²;
 * w -= lr sqrt(1 - b2^t) / (1 - b1^t) m / (sqrt(v) + eps)}; b1 0.9, b2 0.999, eps 1e-8), as TensorFlow computes it.
 * Embedding rows are updated lazily, as in TensorFlow's LazyAdam: only the rows a step touched decay their moments
 * and move, with the global step's bias correction, so a rare word is not dragged by momentum from steps that never
 * saw it; a row first touched at a late step moves by up to about {@code 3.2 lr} on that first update.
 */
public final class Adam extends Optimizer {

    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.999f;
    static final float EPSILON = 1e-8f;

    private final float learningRate;
    private long step;
    private float stepSize;

    /**
     * @param manager owner of the dense moments (the trainer's); they live as long as it does
     */
    public Adam(double learningRate, double clipNorm, NDManager manager) {
        super(clipNorm, manager);
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("Adam needs lr > 0, got " + learningRate);
        }
        this.learningRate = (float) learningRate;
    }

    @Override
    void beginStep() {
        step++;
        double firstCorrection = 1 - Math.pow(BETA1, step);
        double secondCorrection = 1 - Math.pow(BETA2, step);
        // both corrections folded into the step size, as in the paper's efficient form (Kingma & Ba, §2)
        stepSize = (float) (learningRate * Math.sqrt(secondCorrection) / firstCorrection);
    }

    @Override
    float[] denseStateStart() {
        return new float[] {0f, 0f};
    }

    @Override
    float[] rowStateStart() {
        return new float[] {0f, 0f};
    }

    @Override
    void updateDense(NDArray weight, NDArray[] moments, NDArray gradient) {
        moments[0].muli(BETA1).addi(gradient.mul(1 - BETA1));
        moments[1].muli(BETA2).addi(gradient.square().mul(1 - BETA2));
        weight.subi(moments[0].mul(stepSize).div(moments[1].sqrt().add(EPSILON)));
    }

    @Override
    void updateRow(float[] weights, float[][] moments, int offset, float[] gradient, int from, int width,
                   float scale) {
        float[] firsts = moments[0];
        float[] seconds = moments[1];
        for (int c = 0; c < width; c++) {
            float g = gradient[from + c] * scale;
            float first = BETA1 * firsts[offset + c] + (1 - BETA1) * g;
            float second = BETA2 * seconds[offset + c] + (1 - BETA2) * g * g;
            firsts[offset + c] = first;
            seconds[offset + c] = second;
            weights[offset + c] -= stepSize * first / ((float) Math.sqrt(second) + EPSILON);
        }
    }
}
