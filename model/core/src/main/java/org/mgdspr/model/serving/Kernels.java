package org.mgdspr.model.serving;

/**
 * The float kernels of the serving forward, written as loops the JIT vectorises: element-wise loops over a
 * contiguous row ({@link #axpy}) and a dot product with independent partial sums ({@link #dot}). Every matrix in
 * this package is row-major.
 */
final class Kernels {

    private Kernels() {}

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

    static float dot(float[] a, int aAt, float[] b, int bAt, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[aAt + i] * b[bAt + i];
            s1 += a[aAt + i + 1] * b[bAt + i + 1];
            s2 += a[aAt + i + 2] * b[bAt + i + 2];
            s3 += a[aAt + i + 3] * b[bAt + i + 3];
        }
        for (; i < n; i++) {
            s0 += a[aAt + i] * b[bAt + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Replaces {@code x[at, at + n)} by its softmax. */
    static void softmax(float[] x, int at, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[at + i]);
        }
        float sum = 0;
        for (int i = 0; i < n; i++) {
            float e = (float) Math.exp(x[at + i] - max);
            x[at + i] = e;
            sum += e;
        }
        scale(x, at, n, 1 / sum);
    }

    static void relu(float[] x, int at, int n) {
        for (int i = 0; i < n; i++) {
            x[at + i] = Math.max(0f, x[at + i]);
        }
    }

    static void tanh(float[] x, int at, int n) {
        for (int i = 0; i < n; i++) {
            x[at + i] = (float) Math.tanh(x[at + i]);
        }
    }

    static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }

    /** Scales {@code x} to unit length; a vector shorter than {@code minNorm} is divided by {@code minNorm}. */
    static void normalize(float[] x, float minNorm) {
        scale(x, 0, x.length, 1 / Math.max((float) Math.sqrt(dot(x, 0, x, 0, x.length)), minNorm));
    }
}
