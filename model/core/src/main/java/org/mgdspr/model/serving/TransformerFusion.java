package org.mgdspr.model.serving;

import java.util.List;

/**
 * {@code trm} fusion (paper Eq. 15): {@code [CLS; Q; A_R; A_S; A_L]} plus the learned row embeddings through one
 * Transformer layer; the user vector is the output of row 0, so only that row's output is computed.
 */
final class TransformerFusion implements PartFusion {

    private final float[] cls;
    private final float[] rowEmbeddings;
    private final TransformerLayerForward layer;

    TransformerFusion(float[] cls, float[] rowEmbeddings, TransformerLayerForward layer) {
        if (rowEmbeddings.length % cls.length != 0) {
            throw new IllegalArgumentException("row embeddings (" + rowEmbeddings.length + " floats) are not rows of "
                + cls.length);
        }
        this.cls = cls.clone();
        this.rowEmbeddings = rowEmbeddings.clone();
        this.layer = layer;
    }

    @Override
    public float[] fuse(List<float[]> parts, int rowsPerPart) {
        int dim = cls.length;
        int rows = 1 + parts.size() * rowsPerPart;
        if (rows * dim != rowEmbeddings.length) {
            throw new IllegalArgumentException("fusion was trained on " + rowEmbeddings.length / dim + " rows, got "
                + rows);
        }
        float[] x = rowEmbeddings.clone();
        Kernels.add(cls, 0, x, 0, dim);
        int at = dim;
        for (float[] part : parts) {
            Kernels.add(part, 0, x, at, part.length);
            at += part.length;
        }
        return layer.apply(x, rows, 1);
    }
}
