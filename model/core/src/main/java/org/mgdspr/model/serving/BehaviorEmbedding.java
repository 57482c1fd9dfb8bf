package org.mgdspr.model.serving;

import org.mgdspr.model.features.BehaviorIds;

import java.util.List;

/**
 * A behaviour item as the concatenation {@code [item; shop; leaf; category; brand]} of its five field rows,
 * {@code d} wide, as the user embedder builds it. A position is present when its item id is non-zero.
 */
final class BehaviorEmbedding {

    private final List<EmbeddingBag> fields;
    private final int dim;

    BehaviorEmbedding(List<EmbeddingBag> fields) {
        if (fields.size() != 5) {
            throw new IllegalArgumentException("a behaviour item has 5 fields, got " + fields.size());
        }
        this.fields = List.copyOf(fields);
        this.dim = fields.stream().mapToInt(EmbeddingBag::width).sum();
    }

    int dim() {
        return dim;
    }

    /** Positions up to and including the last present one: what a left-to-right encoder must read. */
    static int steps(BehaviorIds ids) {
        int[] items = ids.itemIds();
        int last = items.length - 1;
        while (last >= 0 && items[last] == 0) {
            last--;
        }
        return last + 1;
    }

    /** The rows of the first {@code steps} positions, present or not, a new {@code steps x d} matrix. */
    float[] rows(BehaviorIds ids, int steps) {
        int[][] columns = {ids.itemIds(), ids.shops(), ids.leafCategories(), ids.categories(), ids.brands()};
        float[] rows = new float[steps * dim];
        for (int t = 0; t < steps; t++) {
            int at = t * dim;
            for (int field = 0; field < columns.length; field++) {
                EmbeddingBag bag = fields.get(field);
                bag.read(columns[field][t], rows, at);
                at += bag.width();
            }
        }
        return rows;
    }

    /** The present rows among the first {@code steps} rows of {@code rows}, in order, a new matrix. */
    float[] present(float[] rows, BehaviorIds ids, int steps) {
        int[] items = ids.itemIds();
        float[] present = new float[EmbeddingBag.present(items) * dim];
        int at = 0;
        for (int t = 0; t < steps; t++) {
            if (items[t] != 0) {
                System.arraycopy(rows, t * dim, present, at, dim);
                at += dim;
            }
        }
        return present;
    }

    /** The mean of the present rows, a new vector; zeros when no position is present. */
    float[] mean(BehaviorIds ids) {
        int steps = steps(ids);
        float[] present = present(rows(ids, steps), ids, steps);
        int count = present.length / dim;
        float[] mean = new float[dim];
        for (int r = 0; r < count; r++) {
            Kernels.add(present, r * dim, mean, 0, dim);
        }
        Kernels.scale(mean, 0, dim, 1f / Math.max(count, 1));
        return mean;
    }
}
