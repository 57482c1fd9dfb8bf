package org.mgdspr.model.serving;

import org.mgdspr.model.features.EncodedUser;

/**
 * The multi-granular semantic unit ({@code MultiGranularQuery}) at inference: {@code Q = [g1; g2; s; ss; hs; mix]},
 * without {@code hs} when the query history is off, or {@code [s]} alone without the multi-granular unit.
 */
final class QueryForward {

    /** The parts that exist only with the multi-granular unit. */
    record Granular(EmbeddingBag unigrams, EmbeddingBag bigrams, float[] positions, TransformerLayerForward encoder,
                    EmbeddingBag history, boolean scaled) {}

    private final EmbeddingBag words;
    private final Granular granular;
    private final int dim;

    /** @param granular the multi-granular parts, or null for the word mean alone; its history null when off */
    QueryForward(EmbeddingBag words, Granular granular) {
        this.words = words;
        this.granular = granular;
        this.dim = words.width();
    }

    int rows() {
        return granular == null ? 1 : granular.history() == null ? 5 : 6;
    }

    /** {@code Q}, a new {@code rows() x d} matrix. */
    float[] apply(EncodedUser user) {
        float[] s = words.mean(user.words());
        if (granular == null) {
            return s;
        }
        int rows = rows();
        float[] q = new float[rows * dim];
        System.arraycopy(granular.unigrams().mean(user.unigrams()), 0, q, 0, dim);
        System.arraycopy(granular.bigrams().mean(user.bigrams()), 0, q, dim, dim);
        System.arraycopy(s, 0, q, 2 * dim, dim);
        System.arraycopy(encodedWordMean(user.words()), 0, q, 3 * dim, dim);
        if (granular.history() != null) {
            System.arraycopy(historyAttention(s, user.historyWords()), 0, q, 4 * dim, dim);
        }
        int mix = (rows - 1) * dim;
        for (int r = 0; r < rows - 1; r++) {
            Kernels.add(q, r * dim, q, mix, dim);
        }
        return q;
    }

    /** {@code ss}: the mean over present words of the Transformer over the positioned present words. */
    private float[] encodedWordMean(int[] wordIds) {
        int count = EmbeddingBag.present(wordIds);
        float[] mean = new float[dim];
        if (count == 0) {
            return mean;
        }
        float[] x = new float[count * dim];
        int at = 0;
        for (int position = 0; position < wordIds.length; position++) {
            if (wordIds[position] != 0) {
                words.read(wordIds[position], x, at);
                Kernels.add(granular.positions(), position * dim, x, at, dim);
                at += dim;
            }
        }
        float[] encoded = granular.encoder().apply(x, count, count);
        for (int r = 0; r < count; r++) {
            Kernels.add(encoded, r * dim, mean, 0, dim);
        }
        Kernels.scale(mean, 0, dim, 1f / count);
        return mean;
    }

    /** {@code hs = softmax(s · Hᵀ) · H} over the present history words; zeros without history. */
    private float[] historyAttention(float[] s, int[] historyIds) {
        float[] h = granular.history().presentRows(historyIds);
        int count = h.length / dim;
        float[] hs = new float[dim];
        if (count == 0) {
            return hs;
        }
        float scale = granular.scaled() ? (float) Math.sqrt(dim) : 1f;
        float[] weights = new float[count];
        for (int j = 0; j < count; j++) {
            weights[j] = Kernels.dot(s, 0, h, j * dim, dim) / scale;
        }
        Kernels.softmax(weights, 0, count);
        for (int j = 0; j < count; j++) {
            Kernels.axpy(weights[j], h, j * dim, hs, 0, dim);
        }
        return hs;
    }
}
