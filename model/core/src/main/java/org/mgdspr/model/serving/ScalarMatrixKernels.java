package org.mgdspr.model.serving;

/** {@link MatrixKernels} as loops the JIT can vectorise: element-wise rows, a dot product with four partial sums. */
final class ScalarMatrixKernels implements MatrixKernels {

    @Override
    public void multiply(float[] transposed, float[] bias, int in, int out, float[] x, int xAt, float[] y, int yAt) {
        System.arraycopy(bias, 0, y, yAt, out);
        for (int i = 0; i < in; i++) {
            float xi = x[xAt + i];
            int row = i * out;
            for (int o = 0; o < out; o++) {
                y[yAt + o] += xi * transposed[row + o];
            }
        }
    }

    @Override
    public void multiplyRows(float[] transposed, float[] bias, int in, int out, float[] x, int rows, float[] y) {
        for (int r = 0; r < rows; r++) {
            multiply(transposed, bias, in, out, x, r * in, y, r * out);
        }
    }

    @Override
    public float dot(float[] a, int aAt, float[] b, int bAt, int n) {
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

    @Override
    public void softmax(float[] x, int at, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[at + i]);
        }
        float sum = 0;
        for (int i = 0; i < n; i++) {
            x[at + i] = (float) Math.exp(x[at + i] - max);
            sum += x[at + i];
        }
        float inverse = 1 / sum;
        for (int i = 0; i < n; i++) {
            x[at + i] *= inverse;
        }
    }

    @Override
    public void sigmoid(float[] x, int at, int n) {
        for (int i = 0; i < n; i++) {
            x[at + i] = (float) (1 / (1 + Math.exp(-x[at + i])));
        }
    }

    @Override
    public void tanh(float[] x, int at, int n) {
        for (int i = 0; i < n; i++) {
            x[at + i] = (float) Math.tanh(x[at + i]);
        }
    }
}
