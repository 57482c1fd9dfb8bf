package org.mgdspr.model.serving;

import org.mgdspr.model.nn.EmbeddingTable;

import java.util.Arrays;

/**
 * Reads rows of one embedding table for the serving forward. Id 0 is padding and reads as the zero row, as the
 * training lookup makes it.
 */
final class EmbeddingBag {

    private final EmbeddingTable table;

    EmbeddingBag(EmbeddingTable table) {
        this.table = table;
    }

    int width() {
        return table.width();
    }

    /** Writes row {@code id} (zeros for padding) into {@code target[at, at + width)}. */
    void read(int id, float[] target, int at) {
        if (id == 0) {
            Arrays.fill(target, at, at + width(), 0f);
        } else {
            table.values().read(id, target, at);
        }
    }

    /**
     * Adds the rows of the non-padding ids into {@code target[at, at + width)}.
     *
     * @return how many ids were not padding
     */
    int sum(int[] ids, float[] target, int at) {
        int width = width();
        float[] row = new float[width];
        int count = 0;
        for (int id : ids) {
            if (id != 0) {
                table.values().read(id, row, 0);
                Kernels.add(row, 0, target, at, width);
                count++;
            }
        }
        return count;
    }

    /** The mean of the non-padding rows, a new vector; zeros when every id is padding. */
    float[] mean(int[] ids) {
        float[] mean = new float[width()];
        int count = sum(ids, mean, 0);
        Kernels.scale(mean, 0, mean.length, 1f / Math.max(count, 1));
        return mean;
    }

    /** The rows of the non-padding ids in order, a new {@code present x width} matrix. */
    float[] presentRows(int[] ids) {
        int width = width();
        float[] rows = new float[present(ids) * width];
        int at = 0;
        for (int id : ids) {
            if (id != 0) {
                table.values().read(id, rows, at);
                at += width;
            }
        }
        return rows;
    }

    static int present(int[] ids) {
        int count = 0;
        for (int id : ids) {
            if (id != 0) {
                count++;
            }
        }
        return count;
    }
}
