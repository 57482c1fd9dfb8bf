package org.mgdspr.model.serving;

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
}
