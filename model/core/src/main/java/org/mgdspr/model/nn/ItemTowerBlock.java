package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The item tower (paper Eq. 16): {@code v = E_item[id] + tanh(W_t · mean(E_title[title tokens]) + b)}.
 * Input: the {@link ItemEmbedder} layout; output {@code (B, d)}.
 */
public final class ItemTowerBlock extends AbstractBlock {

    private final int dim;
    private final Linear titleProjection;

    public ItemTowerBlock(int dim) {
        this.dim = dim;
        this.titleProjection = addChildBlock("title_projection", Linear.builder().setUnits(dim).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray title = Attention.maskedMean(inputs.get(ItemEmbedder.TITLES), inputs.get(ItemEmbedder.TITLE_MASK));
        NDArray projected = titleProjection.forward(store, new NDList(title), training).singletonOrThrow();
        return new NDList(inputs.get(ItemEmbedder.ITEM_ID).add(projected.tanh()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), dim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        titleProjection.initialize(manager, dataType, new Shape(1, dim));
    }
}
