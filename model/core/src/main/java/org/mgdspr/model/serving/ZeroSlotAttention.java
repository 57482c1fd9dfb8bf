package org.mgdspr.model.serving;

import java.util.Arrays;

/**
 * {@code QAttn(Q, [0; Z]) = softmax(Q · [0; Z]ᵀ) · [0; Z]} (paper Eq. 11-13) over present key rows: the zero row's
 * logit is 0 and it adds nothing to the output, so it appears only in the softmax. The keys may cover a column
 * range of the query rows (a long-term mean lives in its field's columns, zeros elsewhere).
 */
final class ZeroSlotAttention {

    private final int dim;
    private final float scale;

    /** @param scaled divide the logits by {@code sqrt(dim)}; the paper prints raw dot products */
    ZeroSlotAttention(int dim, boolean scaled) {
        this.dim = dim;
        this.scale = scaled ? (float) Math.sqrt(dim) : 1f;
    }

    /**
     * Adds the attention of each of the {@code queryRows} rows of {@code q} over {@code keyRows} present keys into
     * the same rows of {@code out}.
     *
     * @param keys   {@code keyRows x width}, the keys' values in columns {@code [column, column + width)}
     */
    void attend(float[] q, int queryRows, float[] keys, int keyRows, int column, int width, float[] out) {
        if (keyRows == 0) {
            return;
        }
        float[] weights = new float[keyRows + 1];
        for (int r = 0; r < queryRows; r++) {
            weights[0] = 0;
            for (int j = 0; j < keyRows; j++) {
                weights[j + 1] = Kernels.dot(q, r * dim + column, keys, j * width, width) / scale;
            }
            Kernels.softmax(weights, 0, keyRows + 1);
            for (int j = 0; j < keyRows; j++) {
                Kernels.axpy(weights[j + 1], keys, j * width, out, r * dim + column, width);
            }
        }
    }

    /**
     * {@link #attend} over the keys {@code z_j = W h_j + b} of {@code projection}, without projecting each key:
     * {@code q · z_j = (Wᵀ q) · h_j + q · b}, and the output {@code sum_j w_j z_j = W (sum_j w_j h_j) + (1 - w_0) b},
     * {@code w_0} being the zero row's weight. Two products per query row instead of one per key.
     *
     * @param values {@code keyRows x d}, the {@code h_j}
     */
    void attendProjected(float[] q, int queryRows, float[] values, int keyRows, DenseLayer projection, float[] out) {
        if (projection.in() != dim || projection.out() != dim) {
            throw new IllegalArgumentException("the keys' projection must be " + dim + " x " + dim + ", got "
                + projection.in() + " -> " + projection.out());
        }
        if (keyRows == 0) {
            return;
        }
        float[] weights = new float[keyRows + 1];
        float[] projectedQuery = new float[dim];
        float[] mixture = new float[dim];
        float[] projected = new float[dim];
        for (int r = 0; r < queryRows; r++) {
            projection.applyTransposed(q, r * dim, projectedQuery, 0);
            float biasLogit = projection.biasDot(q, r * dim);
            weights[0] = 0;
            for (int j = 0; j < keyRows; j++) {
                weights[j + 1] = (Kernels.dot(projectedQuery, 0, values, j * dim, dim) + biasLogit) / scale;
            }
            Kernels.softmax(weights, 0, keyRows + 1);
            Arrays.fill(mixture, 0f);
            for (int j = 0; j < keyRows; j++) {
                Kernels.axpy(weights[j + 1], values, j * dim, mixture, 0, dim);
            }
            projection.apply(mixture, 0, projected, 0);
            projection.addBias(-weights[0], projected, 0);
            Kernels.add(projected, 0, out, r * dim, dim);
        }
    }
}
