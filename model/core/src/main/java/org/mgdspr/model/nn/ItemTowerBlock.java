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

import org.mgdspr.model.config.TowerConfig;

/**
 * The item tower (paper Eq. 16): {@code v = E_item[id] + tanh(W_t · mean(E_title[title tokens]) + b)}; without
 * {@code tower.title_projection}, {@code v = E_item[id] + mean(E_title[title tokens])}, so that titles live in the
 * space of the word table itself. Input: an {@link ItemTowerInput}; output {@code (B, d)}.
 */
public final class ItemTowerBlock extends AbstractBlock {

    private final int dim;
    private final Linear titleProjection;

    public ItemTowerBlock(TowerConfig tower) {
        this.dim = tower.dim();
        this.titleProjection = tower.titleProjection()
            ? addChildBlock("title_projection", Linear.builder().setUnits(dim).build()) : null;
    }

    /** The tanh layer after the title mean, or null without {@code title_projection}. */
    public Linear titleProjection() {
        return titleProjection;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        ItemTowerInput input = ItemTowerInput.from(inputs);
        NDArray title = input.titleMean();
        NDArray titleVector = titleProjection == null ? title
            : titleProjection.forward(store, new NDList(title), training).singletonOrThrow().tanh();
        return new NDList(input.itemId().add(titleVector));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), dim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (titleProjection != null) {
            titleProjection.initialize(manager, dataType, new Shape(1, dim));
        }
    }
}
