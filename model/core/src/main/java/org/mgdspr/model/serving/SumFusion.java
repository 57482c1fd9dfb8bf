package org.mgdspr.model.serving;

import java.util.Arrays;
import java.util.List;

/**
 * Fusion without {@code trm} (the ablation base): the sum over parts of each part's row mean, through the sum
 * projection when there is one.
 */
final class SumFusion implements PartFusion {

    private final DenseLayer projection;
    private final int dim;

    /** @param projection the layer after the sum, or null to return the sum itself */
    SumFusion(DenseLayer projection, int dim) {
        this.projection = projection;
        this.dim = dim;
    }

    @Override
    public float[] fuse(List<float[]> parts, int rowsPerPart) {
        float[] sum = new float[dim];
        float[] mean = new float[dim];
        for (float[] part : parts) {
            Arrays.fill(mean, 0f);
            for (int r = 0; r < rowsPerPart; r++) {
                Kernels.add(part, r * dim, mean, 0, dim);
            }
            Kernels.axpy(1f / rowsPerPart, mean, 0, sum, 0, dim);
        }
        if (projection == null) {
            return sum;
        }
        float[] out = new float[projection.out()];
        projection.apply(sum, 0, out, 0);
        return out;
    }
}
