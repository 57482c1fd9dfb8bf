package org.mgdspr.model.serving;

/**
 * The float kernels of the serving forward. Products and dot products go to the best {@link MatrixKernels}; the
 * element-wise rest are plain loops the JIT vectorises. Every matrix in this package is row-major.
 */
final class Kernels {

    private static final MatrixKernels MATRIX = MatrixKernels.best();

    private Kernels() {}

    /** See {@link MatrixKernels#describe}. */
    static ServingKernels describe() {
        return MATRIX.describe();
    }

    /** See {@link MatrixKernels#panelWidth}. */
    static int panelWidth() {
        return MATRIX.panelWidth();
    }

    /** See {@link MatrixKernels#multiply}. */
    static void multiply(PackedMatrix m, float[] bias, int biasAt, float[] x, int xAt, float[] y, int yAt) {
        MATRIX.multiply(m, bias, biasAt, x, xAt, y, yAt);
    }

    /** See {@link MatrixKernels#multiplyRows}. */
    static void multiplyRows(PackedMatrix m, float[] bias, float[] x, int rows, float[] y) {
        MATRIX.multiplyRows(m, bias, x, rows, y);
    }

    static float dot(float[] a, int aAt, float[] b, int bAt, int n) {
        return MATRIX.dot(a, aAt, b, bAt, n);
    }

    /** {@code y[yAt, yAt + n) += alpha * x[xAt, xAt + n)}. */
    static void axpy(float alpha, float[] x, int xAt, float[] y, int yAt, int n) {
        for (int i = 0; i < n; i++) {
            y[yAt + i] += alpha * x[xAt + i];
        }
    }

    /** {@code y[yAt, yAt + n) += x[xAt, xAt + n)}. */
    static void add(float[] x, int xAt, float[] y, int yAt, int n) {
        for (int i = 0; i < n; i++) {
            y[yAt + i] += x[xAt + i];
        }
    }

    static void scale(float[] y, int yAt, int n, float factor) {
        for (int i = 0; i < n; i++) {
            y[yAt + i] *= factor;
        }
    }

    /** Replaces {@code x[at, at + n)} by its softmax. */
    static void softmax(float[] x, int at, int n) {
        MATRIX.softmax(x, at, n);
    }

    static void relu(float[] x, int at, int n) {
        for (int i = 0; i < n; i++) {
            x[at + i] = Math.max(0f, x[at + i]);
        }
    }

    static void tanh(float[] x, int at, int n) {
        MATRIX.tanh(x, at, n);
    }

    static void sigmoid(float[] x, int at, int n) {
        MATRIX.sigmoid(x, at, n);
    }

    /** Scales {@code x} to unit length; a vector shorter than {@code minNorm} is divided by {@code minNorm}. */
    static void normalize(float[] x, float minNorm) {
        scale(x, 0, x.length, 1 / Math.max((float) Math.sqrt(dot(x, 0, x, 0, x.length)), minNorm));
    }
}
