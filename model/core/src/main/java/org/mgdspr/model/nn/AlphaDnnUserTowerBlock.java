package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import org.mgdspr.model.config.TowerConfig;
import org.mgdspr.model.features.LongTermList;

import java.util.ArrayList;
import java.util.List;

/**
 * The alpha-DNN baseline user tower (spec §9, YouTube-DNN style): the concatenation of mean-pooled inputs, each
 * {@code d} wide — query word mean, history word mean ({@code use_query_history}), real-time and short-term
 * behaviour means, and the long-term vector (the sum over attributes of each attribute's all-actions mean, placed in
 * its field columns) — through a ReLU MLP with {@code alpha_dnn_hidden} widths and a final linear layer to
 * {@code d}. Input: a {@link UserTowerInput}; output {@code (B, d)}. The paper's statistical features are not
 * part of the input contract and are left out.
 */
public final class AlphaDnnUserTowerBlock extends AbstractBlock {

    private final TowerConfig tower;
    private final List<Linear> layers = new ArrayList<>();

    public AlphaDnnUserTowerBlock(TowerConfig tower) {
        this.tower = tower;
        for (int width : tower.alphaDnnHidden()) {
            layers.add(addChildBlock("hidden" + layers.size(), Linear.builder().setUnits(width).build()));
        }
        layers.add(addChildBlock("output", Linear.builder().setUnits(tower.dim()).build()));
    }

    /** Number of d-wide pooled vectors concatenated at the input. */
    public static int pooledInputs(TowerConfig tower) {
        return 1 + (tower.useQueryHistory() ? 1 : 0) + (tower.useRealTime() ? 1 : 0) + (tower.useShortTerm() ? 1 : 0)
            + (tower.useLongTerm() ? 1 : 0);
    }

    /** The MLP's layers, the hidden ones (ReLU after each) then the output layer. */
    public List<Linear> layers() {
        return List.copyOf(layers);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        UserTowerInput input = UserTowerInput.from(inputs);
        NDList pooled = new NDList(pooledInputs(tower));
        pooled.add(input.query().words().mean());
        if (tower.useQueryHistory()) {
            pooled.add(input.query().historyWords().mean());
        }
        if (tower.useRealTime()) {
            pooled.add(input.realTime().mean());
        }
        if (tower.useShortTerm()) {
            pooled.add(input.shortTerm().mean());
        }
        if (tower.useLongTerm()) {
            pooled.add(longTerm(input.longTerm()));
        }
        NDArray x = NDArrays.concat(pooled, -1);
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).forward(store, new NDList(x), training).singletonOrThrow();
            if (i < layers.size() - 1) {
                x = Activation.relu(x);
            }
        }
        return new NDList(x);
    }

    private NDArray longTerm(List<MaskedSequence> attributes) {
        NDArray sum = null;
        for (int attribute = 0; attribute < LongTermList.ATTRIBUTES; attribute++) {
            MaskedSequence lists = attributes.get(attribute);
            Shape shape = lists.values().getShape();
            NDArray flat = lists.values().reshape(shape.get(0), 1, shape.get(1) * shape.get(2), shape.get(3));
            NDArray flatMask = lists.mask().reshape(shape.get(0), 1, shape.get(1) * shape.get(2));
            MaskedSequence placed = MgdsprUserTowerBlock.longTermLists(tower, new MaskedSequence(flat, flatMask),
                attribute);
            NDArray vector = placed.values().squeeze(1);
            sum = sum == null ? vector : sum.add(vector);
        }
        return sum;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), tower.dim())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long width = (long) pooledInputs(tower) * tower.dim();
        for (Linear layer : layers) {
            layer.initialize(manager, dataType, new Shape(1, width));
            width = layer.getOutputShapes(new Shape[] {new Shape(1, width)})[0].get(1);
        }
    }
}
