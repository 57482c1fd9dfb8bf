package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
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
    private final SeededDropout lstmDropout;
    private final List<LSTM> layers = new ArrayList<>();
    private final MultiHeadSelfAttention attention;

    /** @param seed seed of the dropout masks between the layers and in the attention */
    public RealTimeEncoder(TowerConfig tower, long seed) {
        this.dim = tower.dim();
        this.lstmDropout = new SeededDropout((float) tower.lstmDropout(), Seeds.mix(seed, "lstm"));
        for (int i = 0; i < tower.lstmLayers(); i++) {
            layers.add(addChildBlock("lstm" + i, newLayer(dim)));
        }
        this.attention = addChildBlock("attention",
            new MultiHeadSelfAttention(dim, tower.heads(), (float) tower.attentionDropout(),
                Seeds.mix(seed, "attention")));
    }

    /** The stacked LSTM layers, first to last. */
    public List<LSTM> lstmLayers() {
        return List.copyOf(layers);
    }

    public MultiHeadSelfAttention attention() {
        return attention;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        MaskedSequence input = MaskedSequence.from(inputs, 0);
        NDArray hidden = runLayer(layers.get(0), store, input.values(), training);
        for (int i = 1; i < layers.size(); i++) {
            NDArray dropped = lstmDropout.apply(hidden, training);
            hidden = runLayer(layers.get(i), store, dropped, training).add(hidden);
        }
        return attention.forward(store, new MaskedSequence(hidden, input.mask()).toNDList(), training);
    }

    /** A single-layer, batch-first LSTM of width {@code dim} that returns its output sequence only. */
    static LSTM newLayer(int dim) {
        return LSTM.builder().setStateSize(dim).setNumLayers(1).optBatchFirst(true).optReturnState(false).build();
    }

    /**
     * One LSTM layer, always on oneDNN's training kernel, the one the model was trained with. With grad mode off
     * oneDNN runs its inference kernel instead (brgemm:avx512_core on AVX-512), and on one AVX-512 EPYC machine
     * that kernel moved the tiny fixture's user vectors by up to 0.03 after normalisation, while the training
     * kernel gave the same bits there as on machines where both kernels agree with a float64 LSTM
     * ({@code RealTimeEncoderTest} pins the encoder's agreement). At inference no parameter requires a gradient,
     * so running with grad mode on records no graph.
     */
    static NDArray runLayer(LSTM layer, ParameterStore store, NDArray x, boolean training) {
        return ThreadGradMode.with(true, () -> layer.forward(store, new NDList(x), training).singletonOrThrow());
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
