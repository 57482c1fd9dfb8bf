package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import org.mgdspr.model.config.TowerConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Real-time sequence encoder (paper Eq. 11): stacked single-layer LSTMs with dropout between layers and a residual
 * connection around every layer after the first, then multi-head self-attention. Sequences are left-aligned, so
 * the forward LSTM never reads padding before a real position. Input {@code (x (B, T, d), mask (B, T))},
 * output {@code (B, T, d)}.
 */
public final class RealTimeEncoder extends AbstractBlock {

    private final int dim;
    private final float lstmDropout;
    private final List<LSTM> layers = new ArrayList<>();
    private final MultiHeadSelfAttention attention;

    public RealTimeEncoder(TowerConfig tower) {
        this.dim = tower.dim();
        this.lstmDropout = (float) tower.lstmDropout();
        for (int i = 0; i < tower.lstmLayers(); i++) {
            layers.add(addChildBlock("lstm" + i, LSTM.builder().setStateSize(dim).setNumLayers(1)
                .optBatchFirst(true).optReturnState(false).build()));
        }
        this.attention = addChildBlock("attention",
            new MultiHeadSelfAttention(dim, tower.heads(), (float) tower.attentionDropout()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray hidden = layers.get(0).forward(store, new NDList(inputs.get(0)), training).singletonOrThrow();
        for (int i = 1; i < layers.size(); i++) {
            NDArray dropped = Dropout.dropout(hidden, lstmDropout, training).singletonOrThrow();
            hidden = layers.get(i).forward(store, new NDList(dropped), training).singletonOrThrow().add(hidden);
        }
        return attention.forward(store, new NDList(hidden, inputs.get(1)), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (LSTM layer : layers) {
            layer.initialize(manager, dataType, new Shape(1, 1, dim));
        }
        attention.initialize(manager, dataType, new Shape(1, 1, dim), new Shape(1, 1));
    }
}
