package org.mgdspr.model.serving;

/**
 * One pre-LN Transformer encoder layer ({@code TransformerEncoderLayer}) at inference: {@code x + MHSA(LN(x))},
 * then {@code x + FFN(LN(x))} with a ReLU FFN, over present rows only. Rows after the first {@code queries} are
 * keys and values but their own outputs are not computed (the fusion layer needs row 0 alone).
 */
final class TransformerLayerForward {

    private final LayerNormForward attentionNorm;
    private final SelfAttentionForward attention;
    private final LayerNormForward ffnNorm;
    private final DenseLayer ffnIn;
    private final DenseLayer ffnOut;

    TransformerLayerForward(LayerNormForward attentionNorm, SelfAttentionForward attention, LayerNormForward ffnNorm,
                            DenseLayer ffnIn, DenseLayer ffnOut) {
        if (ffnIn.out() != ffnOut.in() || ffnIn.in() != ffnOut.out()) {
            throw new IllegalArgumentException("the feed-forward layers do not chain: " + ffnIn.in() + " -> "
                + ffnIn.out() + ", " + ffnOut.in() + " -> " + ffnOut.out());
        }
        this.attentionNorm = attentionNorm;
        this.attention = attention;
        this.ffnNorm = ffnNorm;
        this.ffnIn = ffnIn;
        this.ffnOut = ffnOut;
    }

    /** The layer's outputs for the first {@code queries} of {@code rows} present rows of {@code x}. */
    float[] apply(float[] x, int rows, int queries) {
        int dim = ffnOut.out();
        float[] y = attention.apply(attentionNorm.applyRows(x, rows), rows, queries);
        Kernels.add(x, 0, y, 0, queries * dim);
        float[] hidden = ffnIn.applyRows(ffnNorm.applyRows(y, queries), queries);
        Kernels.relu(hidden, 0, hidden.length);
        float[] ffn = ffnOut.applyRows(hidden, queries);
        Kernels.add(ffn, 0, y, 0, queries * dim);
        return y;
    }
}
