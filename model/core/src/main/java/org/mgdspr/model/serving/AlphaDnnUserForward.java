package org.mgdspr.model.serving;

import org.mgdspr.model.features.EncodedUser;

import java.util.List;

/**
 * The alpha-DNN baseline ({@code AlphaDnnUserTowerBlock}) at inference: the concatenated means of the enabled
 * inputs through a ReLU MLP.
 */
final class AlphaDnnUserForward implements UserForward {

    private final EmbeddingBag words;
    private final EmbeddingBag history;
    private final BehaviorEmbedding behavior;
    private final boolean realTime;
    private final boolean shortTerm;
    private final LongTermForward longTerm;
    private final List<DenseLayer> layers;

    /** Disabled inputs are null or false. */
    AlphaDnnUserForward(EmbeddingBag words, EmbeddingBag history, BehaviorEmbedding behavior, boolean realTime,
                        boolean shortTerm, LongTermForward longTerm, List<DenseLayer> layers) {
        this.words = words;
        this.history = history;
        this.behavior = behavior;
        this.realTime = realTime;
        this.shortTerm = shortTerm;
        this.longTerm = longTerm;
        this.layers = List.copyOf(layers);
    }

    @Override
    public float[] apply(EncodedUser user) {
        float[] x = new float[layers.get(0).in()];
        int at = put(words.mean(user.words()), x, 0);
        if (history != null) {
            at = put(history.mean(user.historyWords()), x, at);
        }
        if (realTime) {
            at = put(behavior.mean(user.realTime()), x, at);
        }
        if (shortTerm) {
            at = put(behavior.mean(user.shortTerm()), x, at);
        }
        if (longTerm != null) {
            at = put(longTerm.pooled(user.longTerm()), x, at);
        }
        if (at != x.length) {
            throw new IllegalStateException("alpha-DNN input is " + at + " wide but its first layer takes " + x.length);
        }
        for (int i = 0; i < layers.size(); i++) {
            DenseLayer layer = layers.get(i);
            float[] y = new float[layer.out()];
            layer.apply(x, 0, y, 0);
            if (i < layers.size() - 1) {
                Kernels.relu(y, 0, y.length);
            }
            x = y;
        }
        return x;
    }

    private static int put(float[] part, float[] x, int at) {
        System.arraycopy(part, 0, x, at, part.length);
        return at + part.length;
    }
}
