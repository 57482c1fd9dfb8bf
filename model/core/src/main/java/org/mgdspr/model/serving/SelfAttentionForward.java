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

    int dim() {
        return query.out();
    }

    /** {@code W_O}, which {@link #apply} applies to the {@link #headOutputs}. */
    DenseLayer outputProjection() {
        return output;
    }

    /**
     * Attention of the first {@code queries} rows of {@code x} over its first {@code rows} rows, which are all
     * present; a new {@code queries x d} matrix.
     */
    float[] apply(float[] x, int rows, int queries) {
        return output.applyRows(headOutputs(x, rows, queries), queries);
    }

    /**
     * What {@link #apply} computes before the output projection: the heads' outputs side by side, a new
     * {@code queries x d} matrix. A caller that only mixes the attention's output rows linearly can apply
     * {@link #outputProjection} to the mixture instead of to every row.
     */
    float[] headOutputs(float[] x, int rows, int queries) {
        int dim = query.out();
        int headDim = dim / heads;
        float[] q = query.applyRows(x, queries);
        Kernels.scale(q, 0, q.length, (float) (1 / Math.sqrt(headDim)));
        float[] k = key.applyRows(x, rows);
        float[] v = value.applyRows(x, rows);
        float[] merged = new float[queries * dim];
        float[] noLogitBias = new float[rows];
        float[] noValueBias = new float[headDim];
        float[] headQueries = new float[queries * headDim];
        float[] keysByColumn = new float[headDim * rows];
        float[] headValues = new float[rows * headDim];
        float[] weights = new float[queries * rows];
        float[] headOut = new float[queries * headDim];
        for (int h = 0; h < heads; h++) {
            int column = h * headDim;
            for (int r = 0; r < queries; r++) {
                System.arraycopy(q, r * dim + column, headQueries, r * headDim, headDim);
            }
            for (int j = 0; j < rows; j++) {
                System.arraycopy(v, j * dim + column, headValues, j * headDim, headDim);
                for (int c = 0; c < headDim; c++) {
                    keysByColumn[c * rows + j] = k[j * dim + column + c];
                }
            }
            // logits = Q_h K_hᵀ and out = softmax(logits) V_h, both as products over contiguous rows
            Kernels.multiplyRows(PackedMatrix.rowMajor(keysByColumn, headDim, rows), noLogitBias, headQueries,
                queries, weights);
            for (int r = 0; r < queries; r++) {
                Kernels.softmax(weights, r * rows, rows);
            }
            Kernels.multiplyRows(PackedMatrix.rowMajor(headValues, rows, headDim), noValueBias, weights, queries,
                headOut);
            for (int r = 0; r < queries; r++) {
                System.arraycopy(headOut, r * headDim, merged, r * dim + column, headDim);
            }
        }
        return merged;
    }
}
