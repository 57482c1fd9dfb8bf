package org.mgdspr.model.serving;

/**
 * An {@code in x out} matrix stored as column panels: panel {@code p} holds columns {@code [p * panel, min(out,
 * (p + 1) * panel))} as {@code in} rows of its width, one after the other. A product with one input row then reads
 * each panel front to back instead of striding through the whole matrix once per group of outputs, which keeps a
 * weight that lives in L2 streaming at the cache's bandwidth. A panel as wide as the matrix is the plain row-major
 * {@code in x out} layout.
 */
final class PackedMatrix {

    private final float[] values;
    private final int in;
    private final int out;
    private final int panel;

    private PackedMatrix(float[] values, int in, int out, int panel) {
        if (in < 1 || out < 1 || panel < 1 || values.length < in * out) {
            throw new IllegalArgumentException("a packed " + in + " x " + out + " matrix in panels of " + panel
                + " needs in, out, panel >= 1 and " + in * out + " values, got " + values.length);
        }
        this.values = values;
        this.in = in;
        this.out = out;
        this.panel = Math.min(panel, out);
    }

    /** The transpose of a dense layer's {@code out x in} row-major weight, packed in panels of {@code panel}. */
    static PackedMatrix transposeOf(float[] weight, int out, int panel) {
        if (out < 1 || weight.length % out != 0) {
            throw new IllegalArgumentException("a weight with " + out + " rows cannot hold " + weight.length + " values");
        }
        int in = weight.length / out;
        int width = Math.min(panel, out);
        float[] packed = new float[weight.length];
        for (int o = 0; o < out; o++) {
            int first = o - o % width;
            int columns = Math.min(width, out - first);
            int base = first * in + o - first;
            for (int i = 0; i < in; i++) {
                packed[base + i * columns] = weight[o * in + i];
            }
        }
        return new PackedMatrix(packed, in, out, width);
    }

    /** The first {@code in * out} values of {@code rowMajor} as they are, one panel, no copy. */
    static PackedMatrix rowMajor(float[] rowMajor, int in, int out) {
        return new PackedMatrix(rowMajor, in, out, out);
    }

    float[] values() {
        return values;
    }

    int in() {
        return in;
    }

    int out() {
        return out;
    }

    /** Columns per panel; the last panel holds the {@code out % panel} columns left, when there are any. */
    int panel() {
        return panel;
    }
}
