package org.mgdspr.model.serving;

/**
 * One single-layer LSTM at inference, PyTorch's gate order (input, forget, cell, output), zero initial state:
 * {@code c' = f c + i g}, {@code h' = o tanh(c')}. The input projections of all steps are computed first, then
 * the recurrence adds {@code W_hh h} into them step by step.
 */
final class LstmForward {

    private final DenseLayer input;
    private final DenseLayer recurrent;

    /**
     * @param input     {@code W_ih} with bias {@code b_ih + b_hh}, {@code in -> 4h}
     * @param recurrent {@code W_hh} without bias, {@code h -> 4h}
     */
    LstmForward(DenseLayer input, DenseLayer recurrent) {
        if (recurrent.out() != 4 * recurrent.in() || input.out() != recurrent.out()) {
            throw new IllegalArgumentException("LSTM gates must be 4 x hidden wide: input " + input.out()
                + ", recurrent " + recurrent.in() + " -> " + recurrent.out());
        }
        this.input = input;
        this.recurrent = recurrent;
    }

    /** The hidden state after each of the first {@code steps} rows of {@code x}, a new {@code steps x h} matrix. */
    float[] apply(float[] x, int steps) {
        int hidden = recurrent.in();
        float[] gates = input.applyRows(x, steps);
        float[] h = new float[steps * hidden];
        float[] c = new float[hidden];
        for (int t = 0; t < steps; t++) {
            int g = t * 4 * hidden;
            if (t > 0) {
                recurrent.accumulate(h, (t - 1) * hidden, gates, g);
            }
            Kernels.sigmoid(gates, g, 2 * hidden);
            Kernels.tanh(gates, g + 2 * hidden, hidden);
            Kernels.sigmoid(gates, g + 3 * hidden, hidden);
            for (int j = 0; j < hidden; j++) {
                c[j] = gates[g + hidden + j] * c[j] + gates[g + j] * gates[g + 2 * hidden + j];
            }
            System.arraycopy(c, 0, h, t * hidden, hidden);
            Kernels.tanh(h, t * hidden, hidden);
            for (int j = 0; j < hidden; j++) {
                h[t * hidden + j] *= gates[g + 3 * hidden + j];
            }
        }
        return h;
    }
}
