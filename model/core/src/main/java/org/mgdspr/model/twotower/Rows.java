package org.mgdspr.model.twotower;

import ai.djl.ndarray.NDArray;

/** Copies a {@code (B, d)} float tensor to Java rows. */
final class Rows {

    private Rows() {}

    static float[][] of(NDArray matrix) {
        int rows = (int) matrix.getShape().get(0);
        int cols = (int) matrix.getShape().get(1);
        float[] flat = matrix.toFloatArray();
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, out[r], 0, cols);
        }
        return out;
    }
}
