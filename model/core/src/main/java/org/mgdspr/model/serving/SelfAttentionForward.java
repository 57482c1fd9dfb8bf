package org.mgdspr.model.serving;

/**
 * Multi-head scaled dot-product self-attention ({@code MultiHeadSelfAttention}) over present rows only. The DJL
 * block gives a padded key a logit of -1e9, whose weight is exactly zero in float, so leaving padded rows out
 * computes the same outputs for the present rows.
 */
final class SelfAttentionForward {

    private final DenseLayer query;
    private final DenseLayer key;
    private final DenseLayer value;
    private final DenseLayer output;
    private final int heads;

    SelfAttentionForward(DenseLayer query, DenseLayer key, DenseLayer value, DenseLayer output, int heads) {
        int dim = query.out();
        if (heads < 1 || dim % heads != 0) {
            throw new IllegalArgumentException("heads (" + heads + ") must divide dim (" + dim + ")");
        }
        for (DenseLayer layer : new DenseLayer[] {query, key, value, output}) {
            if (layer.in() != dim || layer.out() != dim) {
                throw new IllegalArgumentException("attention projections must be " + dim + " x " + dim);
            }
        }
        this.query = query;
        this.key = key;
        this.value = value;
        this.output = output;
        this.heads = heads;
    }

    /**
     * Attention of the first {@code queries} rows of {@code x} over its first {@code rows} rows, which are all
     * present; a new {@code queries x d} matrix.
     */
    float[] apply(float[] x, int rows, int queries) {
        int dim = query.out();
        int headDim = dim / heads;
        float scale = (float) Math.sqrt(headDim);
        float[] q = query.applyRows(x, queries);
        float[] k = key.applyRows(x, rows);
        float[] v = value.applyRows(x, rows);
        float[] merged = new float[queries * dim];
        float[] weights = new float[rows];
        for (int r = 0; r < queries; r++) {
            for (int h = 0; h < heads; h++) {
                int column = h * headDim;
                for (int j = 0; j < rows; j++) {
                    weights[j] = Kernels.dot(q, r * dim + column, k, j * dim + column, headDim) / scale;
                }
                Kernels.softmax(weights, 0, rows);
                for (int j = 0; j < rows; j++) {
                    Kernels.axpy(weights[j], v, j * dim + column, merged, r * dim + column, headDim);
                }
            }
        }
        return output.applyRows(merged, queries);
    }
}
