package org.mgdspr.model.serving;

/** Layer normalisation over each row: {@code (x - mean) / sqrt(var + eps) * gamma + beta}, biased variance. */
final class LayerNormForward {

    private final float[] gamma;
    private final float[] beta;
    private final float epsilon;

    LayerNormForward(float[] gamma, float[] beta, float epsilon) {
        if (gamma.length != beta.length) {
            throw new IllegalArgumentException("gamma has " + gamma.length + " values but beta " + beta.length);
        }
        this.gamma = gamma.clone();
        this.beta = beta.clone();
        this.epsilon = epsilon;
    }

    /** The normalised first {@code rows} rows of {@code x}, a new matrix. */
    float[] applyRows(float[] x, int rows) {
        int width = gamma.length;
        float[] y = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            int at = r * width;
            float mean = 0;
            for (int k = 0; k < width; k++) {
                mean += x[at + k];
            }
            mean /= width;
            float variance = 0;
            for (int k = 0; k < width; k++) {
                float centred = x[at + k] - mean;
                variance += centred * centred;
            }
            float inverse = (float) (1 / Math.sqrt(variance / width + epsilon));
            for (int k = 0; k < width; k++) {
                y[at + k] = (x[at + k] - mean) * inverse * gamma[k] + beta[k];
            }
        }
        return y;
    }
}
