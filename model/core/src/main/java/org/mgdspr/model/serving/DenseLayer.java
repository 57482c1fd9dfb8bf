package org.mgdspr.model.serving;

import java.util.Arrays;

/**
 * A fully connected layer {@code y = W x + b}. The weight is kept transposed ({@code in x out}) in the kernels'
 * column panels ({@link PackedMatrix}), so each input element adds a scaled contiguous piece of a weight row to the
 * output: element-wise work instead of one reduction per output.
 */
final class DenseLayer {

    private final PackedMatrix weight;
    private final float[] bias;

    /**
     * @param weight {@code out x in}, row-major (DJL's and PyTorch's layout)
     * @param bias   {@code out} values
     */
    DenseLayer(float[] weight, float[] bias, int out) {
        if (out < 1 || weight.length % out != 0 || weight.length == 0 || bias.length != out) {
            throw new IllegalArgumentException("a dense layer with " + out + " outputs needs an out x in weight and "
                + out + " biases, got " + weight.length + " weights and " + bias.length + " biases");
        }
        this.weight = PackedMatrix.transposeOf(weight, out, Kernels.panelWidth());
        this.bias = bias.clone();
    }

    int in() {
        return weight.in();
    }

    int out() {
        return weight.out();
    }

    /** {@code y[yAt, yAt + out) = W x[xAt, xAt + in) + b}. */
    void apply(float[] x, int xAt, float[] y, int yAt) {
        Kernels.multiply(weight, bias, 0, x, xAt, y, yAt);
    }

    /** {@code y[yAt, yAt + out) += W x[xAt, xAt + in)}, without the bias. */
    void accumulate(float[] x, int xAt, float[] y, int yAt) {
        Kernels.multiply(weight, y, yAt, x, xAt, y, yAt);
    }

    /** The layer on each of the first {@code rows} rows of {@code x}, a new {@code rows x out} matrix. */
    float[] applyRows(float[] x, int rows) {
        float[] y = new float[rows * out()];
        Kernels.multiplyRows(weight, bias, x, rows, y);
        return y;
    }

    /** {@code target[targetAt, targetAt + in) = Wᵀ v[vAt, vAt + out)}, without the bias. */
    void applyTransposed(float[] v, int vAt, float[] target, int targetAt) {
        int in = weight.in();
        int out = weight.out();
        float[] values = weight.values();
        Arrays.fill(target, targetAt, targetAt + in, 0f);
        for (int first = 0; first < out; first += weight.panel()) {
            int columns = Math.min(weight.panel(), out - first);
            int base = first * in;
            for (int i = 0; i < in; i++) {
                target[targetAt + i] += Kernels.dot(values, base + i * columns, v, vAt + first, columns);
            }
        }
    }

    /** {@code b · v[vAt, vAt + out)}. */
    float biasDot(float[] v, int vAt) {
        return Kernels.dot(bias, 0, v, vAt, bias.length);
    }

    /** {@code y[yAt, yAt + out) += factor * b}. */
    void addBias(float factor, float[] y, int yAt) {
        Kernels.axpy(factor, bias, 0, y, yAt, bias.length);
    }
}
