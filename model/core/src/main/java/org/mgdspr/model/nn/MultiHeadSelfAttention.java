package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.List;

/**
 * Multi-head scaled dot-product self-attention with a key padding mask.
 * Input {@code (x (B, T, d), mask (B, T))}, output {@code (B, T, d)}.
 *
 * <p>Dropout is applied to the output, not to the {@code (B, heads, T, T)} attention weights: at T = 100 the
 * weights are the largest tensor of the tower and sampling a mask for them dominated a training step.
 */
public final class MultiHeadSelfAttention extends AbstractBlock {

    private final int dim;
    private final int heads;
    private final SeededDropout dropout;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;

    /** @param seed seed of the output dropout's masks */
    public MultiHeadSelfAttention(int dim, int heads, float dropout, long seed) {
        if (dim < 1 || heads < 1 || dim % heads != 0) {
            throw new IllegalArgumentException("heads (" + heads + ") must divide dim (" + dim + ")");
        }
        this.dim = dim;
        this.heads = heads;
        this.dropout = new SeededDropout(dropout, seed);
        this.query = addChildBlock("query", Linear.builder().setUnits(dim).build());
        this.key = addChildBlock("key", Linear.builder().setUnits(dim).build());
        this.value = addChildBlock("value", Linear.builder().setUnits(dim).build());
        this.output = addChildBlock("output", Linear.builder().setUnits(dim).build());
    }

    public int heads() {
        return heads;
    }

    /** The query, key, value and output projections, for compiling the block (see {@code model.serving}). */
    public List<Linear> projections() {
        return List.of(query, key, value, output);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        MaskedSequence input = MaskedSequence.from(inputs, 0);
        NDArray x = input.values();
        NDArray mask = input.mask();
        long batch = x.getShape().get(0);
        long length = x.getShape().get(1);
        NDList qkv = projectTogether(store, x, training);
        NDArray q = splitHeads(qkv.get(0), batch, length);
        NDArray k = splitHeads(qkv.get(1), batch, length);
        NDArray v = splitHeads(qkv.get(2), batch, length);
        NDArray logits = Scalars.div(q.matMul(k.transpose(0, 1, 3, 2)), (float) Math.sqrt(dim / heads));
        NDArray padding = mask.reshape(batch, 1, 1, length).sub(1f).mul(-Attention.PADDING_LOGIT);
        NDArray weights = logits.add(padding).softmax(-1);
        NDArray merged = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, dim);
        NDArray projected = output.forward(store, new NDList(merged), training).singletonOrThrow();
        return new NDList(dropout.apply(projected, training));
    }

    /**
     * The query, key and value projections of {@code x} as one product with their weights stacked: one
     * {@code (B T, d) x (d, 3d)} product (and one in the backward pass) runs faster than three {@code (d, d)} ones.
     * The blocks keep their own parameters, so artifacts and the compiled forward are unchanged.
     */
    private NDList projectTogether(ParameterStore store, NDArray x, boolean training) {
        NDList weights = new NDList();
        NDList biases = new NDList();
        for (Linear projection : List.of(query, key, value)) {
            weights.add(store.getValue(projection.getParameters().get("weight"), x.getDevice(), training));
            biases.add(store.getValue(projection.getParameters().get("bias"), x.getDevice(), training));
        }
        NDArray stacked = Linear.linear(x, NDArrays.concat(weights, 0), NDArrays.concat(biases, 0))
            .singletonOrThrow();
        return stacked.split(3, stacked.getShape().dimension() - 1);
    }

    private NDArray splitHeads(NDArray x, long batch, long length) {
        return x.reshape(batch, length, heads, dim / heads).transpose(0, 2, 1, 3);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape row = new Shape(1, dim);
        query.initialize(manager, dataType, row);
        key.initialize(manager, dataType, row);
        value.initialize(manager, dataType, row);
        output.initialize(manager, dataType, row);
    }
}
