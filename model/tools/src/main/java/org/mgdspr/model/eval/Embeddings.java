package org.mgdspr.model.eval;

import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.twotower.ItemTower;
import org.mgdspr.model.twotower.UserTower;

import java.util.List;
import java.util.function.Function;

/**
 * Runs a tower over arbitrarily many inputs in fixed-size batches, so a whole catalog never becomes one tensor.
 */
public final class Embeddings {

    /** Rows per tower call: large enough to keep the GEMMs efficient, small enough to bound native memory. */
    public static final int BATCH = 512;

    private Embeddings() {}

    public static float[][] items(ItemTower tower, List<EncodedItem> items) {
        return batched(items, tower::embed);
    }

    public static float[][] users(UserTower tower, List<EncodedUser> users) {
        return batched(users, tower::embed);
    }

    private static <T> float[][] batched(List<T> inputs, Function<List<T>, float[][]> embed) {
        float[][] vectors = new float[inputs.size()][];
        for (int from = 0; from < inputs.size(); from += BATCH) {
            int to = Math.min(inputs.size(), from + BATCH);
            float[][] batch = embed.apply(inputs.subList(from, to));
            System.arraycopy(batch, 0, vectors, from, batch.length);
        }
        return vectors;
    }
}
