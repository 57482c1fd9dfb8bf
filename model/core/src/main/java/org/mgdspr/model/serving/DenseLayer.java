package org.mgdspr.model.serving;

/**
 * A fully connected layer {@code y = W x + b}. The weight is kept transposed ({@code in x out}), so each input
 * element adds a scaled contiguous weight row to the output: element-wise work instead of one reduction per output.
 */
final class DenseLayer {

    private final int in;
    private final int out;
    private final float[] transposed;
    private final float[] bias;

    /**
     * @param weight {@code out x in}, row-major (DJL's and PyTorch's layout)
     * @param bias   {@code out} values
     */
    DenseLayer(float[] weight, float[] bias, int out) {
        if (out < 1 || weight.length % out != 0 || bias.length != out) {
            throw new IllegalArgumentException("a dense layer with " + out + " outputs needs an out x in weight and "
                + out + " biases, got " + weight.length + " weights and " + bias.length + " biases");
        }
        this.out = out;
        this.in = weight.length / out;
        this.transposed = new float[weight.length];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                transposed[i * out + o] = weight[o * in + i];
            }
        }
        this.bias = bias.clone();
    }

    int in() {
        return in;
    }

    int out() {
        return out;
    }

    /** {@code y[yAt, yAt + out) = W x[xAt, xAt + in) + b}. */
    void apply(float[] x, int xAt, float[] y, int yAt) {
        Kernels.multiply(transposed, bias, in, out, x, xAt, y, yAt);
    }

    /** The layer on each of the first {@code rows} rows of {@code x}, a new {@code rows x out} matrix. */
    float[] applyRows(float[] x, int rows) {
        float[] y = new float[rows * out];
        Kernels.multiplyRows(transposed, bias, in, out, x, rows, y);
        return y;
    }
}
