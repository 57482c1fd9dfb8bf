package org.mgdspr.model.serving;

import org.mgdspr.model.features.LongTermList;

import java.util.List;

/**
 * The 12 mean-pooled long-term lists. Attribute {@code a} (item, shop, leaf category, brand) reads its behaviour
 * field table; a list's mean lives in that field's columns of the d-wide behaviour layout, zeros elsewhere.
 */
final class LongTermForward {

    private final List<EmbeddingBag> tables;
    private final int[] columns;
    private final ZeroSlotAttention attention;
    private final int dim;

    /**
     * @param tables  per attribute its field table
     * @param columns per attribute the first column of its field in the behaviour layout
     */
    LongTermForward(List<EmbeddingBag> tables, int[] columns, int dim, boolean scaled) {
        if (tables.size() != LongTermList.ATTRIBUTES || columns.length != LongTermList.ATTRIBUTES) {
            throw new IllegalArgumentException("long-term needs " + LongTermList.ATTRIBUTES + " attributes");
        }
        this.tables = List.copyOf(tables);
        this.columns = columns.clone();
        this.dim = dim;
        this.attention = new ZeroSlotAttention(dim, scaled);
    }

    /** {@code A_L = sum over a of QAttn(Q, [0; m_a,click; m_a,buy; m_a,collect])}, empty lists left out. */
    float[] attend(float[] q, int queryRows, int[][] lists) {
        float[] out = new float[queryRows * dim];
        for (int attribute = 0; attribute < LongTermList.ATTRIBUTES; attribute++) {
            EmbeddingBag table = tables.get(attribute);
            int width = table.width();
            float[] means = new float[LongTermList.ACTIONS * width];
            int present = 0;
            for (int action = 0; action < LongTermList.ACTIONS; action++) {
                int[] ids = lists[attribute * LongTermList.ACTIONS + action];
                int count = table.sum(ids, means, present * width);
                if (count > 0) {
                    Kernels.scale(means, present * width, width, 1f / count);
                    present++;
                }
            }
            attention.attend(q, queryRows, means, present, columns[attribute], width, out);
        }
        return out;
    }

    /** The sum over attributes of the mean of all the attribute's ids, each in its columns (alpha-DNN). */
    float[] pooled(int[][] lists) {
        float[] out = new float[dim];
        for (int attribute = 0; attribute < LongTermList.ATTRIBUTES; attribute++) {
            EmbeddingBag table = tables.get(attribute);
            float[] sum = new float[table.width()];
            int count = 0;
            for (int action = 0; action < LongTermList.ACTIONS; action++) {
                count += table.sum(lists[attribute * LongTermList.ACTIONS + action], sum, 0);
            }
            Kernels.axpy(1f / Math.max(count, 1), sum, 0, out, columns[attribute], sum.length);
        }
        return out;
    }
}
