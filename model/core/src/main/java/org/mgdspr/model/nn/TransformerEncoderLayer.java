package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One pre-LN Transformer encoder layer: {@code x + MHSA(LN(x))}, then {@code x + FFN(LN(x))} with a ReLU FFN;
 * both branches end in dropout (the attention's own output dropout, and one after the FFN).
 * Pre-LN keeps a single shallow layer trainable without warm-up. Input {@code (x (B, T, d), mask (B, T))},
 * output {@code (B, T, d)}.
 */
public final class TransformerEncoderLayer extends AbstractBlock {

    private final int dim;
    private final int ffnDim;
    private final SeededDropout ffnDropout;
    private final LayerNorm attentionNorm;
    private final MultiHeadSelfAttention attention;
    private final LayerNorm ffnNorm;
    private final Linear ffnIn;
    private final Linear ffnOut;

    /** @param seed seed of the dropout masks of both branches */
    public TransformerEncoderLayer(int dim, int heads, int ffnDim, float dropout, long seed) {
        this.dim = dim;
        this.ffnDim = ffnDim;
        this.ffnDropout = new SeededDropout(dropout, Seeds.mix(seed, "ffn"));
        this.attentionNorm = addChildBlock("attention_norm", LayerNorm.builder().build());
        this.attention = addChildBlock("attention",
            new MultiHeadSelfAttention(dim, heads, dropout, Seeds.mix(seed, "attention")));
        this.ffnNorm = addChildBlock("ffn_norm", LayerNorm.builder().build());
        this.ffnIn = addChildBlock("ffn_in", Linear.builder().setUnits(ffnDim).build());
        this.ffnOut = addChildBlock("ffn_out", Linear.builder().setUnits(dim).build());
    }

    public LayerNorm attentionNorm() {
        return attentionNorm;
    }

    public MultiHeadSelfAttention attention() {
        return attention;
    }

    public LayerNorm ffnNorm() {
        return ffnNorm;
    }

    public Linear ffnIn() {
        return ffnIn;
    }

    public Linear ffnOut() {
        return ffnOut;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        MaskedSequence input = MaskedSequence.from(inputs, 0);
        NDArray x = input.values();
        NDArray normed = attentionNorm.forward(store, new NDList(x), training).singletonOrThrow();
        NDArray attended = attention.forward(store, new MaskedSequence(normed, input.mask()).toNDList(), training)
            .singletonOrThrow();
        x = x.add(attended);
        NDArray hidden = ffnIn.forward(store, ffnNorm.forward(store, new NDList(x), training), training)
            .singletonOrThrow();
        NDArray ffn = ffnOut.forward(store, new NDList(Activation.relu(hidden)), training).singletonOrThrow();
        return new NDList(x.add(ffnDropout.apply(ffn, training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape row = new Shape(1, dim);
        attentionNorm.initialize(manager, dataType, row);
        attention.initialize(manager, dataType, row, new Shape(1, 1));
        ffnNorm.initialize(manager, dataType, row);
        ffnIn.initialize(manager, dataType, row);
        ffnOut.initialize(manager, dataType, new Shape(1, ffnDim));
    }
}
