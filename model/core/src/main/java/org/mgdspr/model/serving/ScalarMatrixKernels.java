package org.mgdspr.model.serving;

/** {@link MatrixKernels} as loops the JIT can vectorise: element-wise rows, a dot product with four partial sums. */
final class ScalarMatrixKernels implements MatrixKernels {

    @Override
    public ServingKernels describe() {
        return new ServingKernels(ServingKernels.PLAIN_LOOPS, 0);
    }

    /** One panel: the plain row-major layout, whose rows the JIT vectorises. */
    @Override
    public int panelWidth() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void multiply(PackedMatrix m, float[] bias, int biasAt, float[] x, int xAt, float[] y, int yAt) {
        int in = m.in();
        int out = m.out();
        float[] values = m.values();
        System.arraycopy(bias, biasAt, y, yAt, out);
        for (int first = 0; first < out; first += m.panel()) {
            int columns = Math.min(m.panel(), out - first);
            int base = first * in;
            for (int i = 0; i < in; i++) {
                float xi = x[xAt + i];
                int row = base + i * columns;
                int at = yAt + first;
                for (int c = 0; c < columns; c++) {
                    y[at + c] += xi * values[row + c];
                }
            }
        }
    }

    @Override
    public void multiplyRows(PackedMatrix m, float[] bias, float[] x, int rows, float[] y) {
        for (int r = 0; r < rows; r++) {
            multiply(m, bias, 0, x, r * m.in(), y, r * m.out());
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
