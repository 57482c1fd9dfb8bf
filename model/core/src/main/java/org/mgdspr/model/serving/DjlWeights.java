package org.mgdspr.model.serving;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.util.Pair;

import org.mgdspr.model.nn.MultiHeadSelfAttention;
import org.mgdspr.model.nn.TransformerEncoderLayer;

import java.util.List;

/**
 * Copies trained parameters out of DJL blocks into the plain-array forward: the one class of this package that
 * reads DJL. DJL's layer norm uses epsilon 1e-5 and PyTorch's LSTM parameter layout.
 */
final class DjlWeights {

    private static final float LAYER_NORM_EPSILON = 1e-5f;

    private DjlWeights() {}

    static float[] values(Parameter parameter) {
        return parameter.getArray().toFloatArray();
    }

    static DenseLayer dense(Linear linear) {
        NDArray weight = linear.getParameters().get("weight").getArray();
        return new DenseLayer(weight.toFloatArray(), values(linear.getParameters().get("bias")),
            Math.toIntExact(weight.getShape().get(0)));
    }

    static LayerNormForward layerNorm(LayerNorm norm) {
        return new LayerNormForward(values(norm.getParameters().get("gamma")),
            values(norm.getParameters().get("beta")), LAYER_NORM_EPSILON);
    }

    static SelfAttentionForward attention(MultiHeadSelfAttention attention) {
        List<Linear> projections = attention.projections();
        return new SelfAttentionForward(dense(projections.get(0)), dense(projections.get(1)),
            dense(projections.get(2)), dense(projections.get(3)), attention.heads());
    }

    static TransformerLayerForward transformer(TransformerEncoderLayer layer) {
        return new TransformerLayerForward(layerNorm(layer.attentionNorm()), attention(layer.attention()),
            layerNorm(layer.ffnNorm()), dense(layer.ffnIn()), dense(layer.ffnOut()));
    }

    /** A single-layer, one-direction LSTM: {@code W_ih, W_hh (4h x ·)} and biases {@code b_ih, b_hh}. */
    static LstmForward lstm(LSTM lstm) {
        NDArray inputWeight = null;
        float[] recurrentWeight = null;
        float[] inputBias = null;
        float[] recurrentBias = null;
        for (Pair<String, Parameter> entry : lstm.getParameters()) {
            boolean inputSide = entry.getKey().contains("i2h");
            boolean weight = entry.getValue().getType() == Parameter.Type.WEIGHT;
            if (inputSide && weight) {
                inputWeight = entry.getValue().getArray();
            } else if (weight) {
                recurrentWeight = values(entry.getValue());
            } else if (inputSide) {
                inputBias = values(entry.getValue());
            } else {
                recurrentBias = values(entry.getValue());
            }
        }
        if (inputWeight == null || recurrentWeight == null || inputBias == null || recurrentBias == null
            || lstm.getParameters().size() != 4) {
            throw new IllegalArgumentException("expected a single-layer one-direction LSTM, got parameters "
                + lstm.getParameters().keys());
        }
        int gates = Math.toIntExact(inputWeight.getShape().get(0));
        float[] bias = inputBias.clone();
        Kernels.add(recurrentBias, 0, bias, 0, gates);
        return new LstmForward(new DenseLayer(inputWeight.toFloatArray(), bias, gates),
            new DenseLayer(recurrentWeight, new float[gates], gates));
    }
}
