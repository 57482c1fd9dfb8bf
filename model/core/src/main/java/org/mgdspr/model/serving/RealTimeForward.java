package org.mgdspr.model.serving;

import java.util.List;

/**
 * The real-time sequence encoder ({@code RealTimeEncoder}) at inference: stacked LSTM layers with a residual
 * around every layer after the first, then self-attention over the present positions. The LSTM reads every
 * position up to the last present one, as the padded DJL forward does; later padding cannot reach earlier states.
 */
final class RealTimeForward {

    private final List<LstmForward> layers;
    private final SelfAttentionForward attention;

    RealTimeForward(List<LstmForward> layers, SelfAttentionForward attention) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("the real-time encoder needs at least one LSTM layer");
        }
        this.layers = List.copyOf(layers);
        this.attention = attention;
    }

    /** The self-attention's output projection, which {@link #headOutputs} leaves to the caller. */
    DenseLayer outputProjection() {
        return attention.outputProjection();
    }

    /**
     * @param rows    the first {@code steps} positions' rows
     * @param present which of those positions are present
     * @return the encoded present positions, in order, before the self-attention's {@link #outputProjection}:
     *         {@code count(present) x d}
     */
    float[] headOutputs(float[] rows, int steps, boolean[] present) {
        float[] hidden = layers.get(0).apply(rows, steps);
        for (int i = 1; i < layers.size(); i++) {
            float[] next = layers.get(i).apply(hidden, steps);
            Kernels.add(hidden, 0, next, 0, next.length);
            hidden = next;
        }
        int dim = attention.dim();
        int count = 0;
        for (int t = 0; t < steps; t++) {
            if (present[t]) {
                System.arraycopy(hidden, t * dim, hidden, count++ * dim, dim);
            }
        }
        return count == 0 ? new float[0] : attention.headOutputs(hidden, count, count);
    }
}
