package org.mgdspr.model.serving;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MatrixKernels} on the JDK Vector API. The products keep their partial outputs in registers while they
 * walk the inputs, so no partial output goes through memory; {@link #multiplyRows} updates four rows with each
 * weight vector it loads. Weights come in panels four vectors wide ({@link #panelWidth}), the output block
 * {@link #multiply} holds, so a one-row product reads the matrix front to back. Lengths that are not a multiple
 * of the vector width end in one masked vector instead of a scalar loop. Loaded by reflection from
 * {@link MatrixKernels#best()} only when the incubator module is present.
 */
final class PanamaMatrixKernels implements MatrixKernels {

    private static final MatrixKernels SCALAR = new ScalarMatrixKernels();

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int BLOCK = 4 * LANES;
    private static final boolean VECTOR_MATH = vectorMathWorks();

    @Override
    public ServingKernels describe() {
        return new ServingKernels(ServingKernels.VECTOR_API, SPECIES.vectorBitSize(), VECTOR_MATH);
    }

    /** Four vectors: the output block {@link #multiply} keeps in registers while it walks the input. */
    @Override
    public int panelWidth() {
        return BLOCK;
    }

    @Override
    public void multiply(PackedMatrix m, float[] bias, int biasAt, float[] x, int xAt, float[] y, int yAt) {
        int in = m.in();
        int out = m.out();
        float[] values = m.values();
        for (int first = 0; first < out; first += m.panel()) {
            int columns = Math.min(m.panel(), out - first);
            int base = first * in;
            int c = 0;
            for (; c + BLOCK <= columns; c += BLOCK) {
                int b = biasAt + first + c;
                FloatVector a0 = FloatVector.fromArray(SPECIES, bias, b);
                FloatVector a1 = FloatVector.fromArray(SPECIES, bias, b + LANES);
                FloatVector a2 = FloatVector.fromArray(SPECIES, bias, b + 2 * LANES);
                FloatVector a3 = FloatVector.fromArray(SPECIES, bias, b + 3 * LANES);
                for (int i = 0, row = base + c; i < in; i++, row += columns) {
                    FloatVector xi = FloatVector.broadcast(SPECIES, x[xAt + i]);
                    a0 = FloatVector.fromArray(SPECIES, values, row).fma(xi, a0);
                    a1 = FloatVector.fromArray(SPECIES, values, row + LANES).fma(xi, a1);
                    a2 = FloatVector.fromArray(SPECIES, values, row + 2 * LANES).fma(xi, a2);
                    a3 = FloatVector.fromArray(SPECIES, values, row + 3 * LANES).fma(xi, a3);
                }
                int at = yAt + first + c;
                a0.intoArray(y, at);
                a1.intoArray(y, at + LANES);
                a2.intoArray(y, at + 2 * LANES);
                a3.intoArray(y, at + 3 * LANES);
            }
            // the last columns of the last panel, fewer than a block: a vector at a time, the last one masked
            for (; c < columns; c += LANES) {
                VectorMask<Float> present = SPECIES.indexInRange(c, columns);
                FloatVector a = FloatVector.fromArray(SPECIES, bias, biasAt + first + c, present);
                for (int i = 0, row = base + c; i < in; i++, row += columns) {
                    a = FloatVector.fromArray(SPECIES, values, row, present)
                        .fma(FloatVector.broadcast(SPECIES, x[xAt + i]), a);
                }
                a.intoArray(y, yAt + first + c, present);
            }
        }
    }

    @Override
    public void multiplyRows(PackedMatrix m, float[] bias, float[] x, int rows, float[] y) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            multiplyFourRows(m, bias, x, r, y);
        }
        for (; r < rows; r++) {
            multiply(m, bias, 0, x, r * m.in(), y, r * m.out());
        }
    }

    /**
     * Rows {@code [r, r + 4)}, panel by panel: two output vectors at a time (eight accumulators, two weight loads per
     * input), then one at a time, the last one under a mask.
     */
    private static void multiplyFourRows(PackedMatrix m, float[] bias, float[] x, int r, float[] y) {
        int in = m.in();
        int out = m.out();
        float[] values = m.values();
        int x0 = r * in;
        int y0 = r * out;
        for (int first = 0; first < out; first += m.panel()) {
            int columns = Math.min(m.panel(), out - first);
            int base = first * in;
            int c = 0;
            for (; c + 2 * LANES <= columns; c += 2 * LANES) {
                int o = first + c;
                FloatVector b0 = FloatVector.fromArray(SPECIES, bias, o);
                FloatVector b1 = FloatVector.fromArray(SPECIES, bias, o + LANES);
                FloatVector a00 = b0;
                FloatVector a01 = b1;
                FloatVector a10 = b0;
                FloatVector a11 = b1;
                FloatVector a20 = b0;
                FloatVector a21 = b1;
                FloatVector a30 = b0;
                FloatVector a31 = b1;
                for (int i = 0, row = base + c; i < in; i++, row += columns) {
                    FloatVector w0 = FloatVector.fromArray(SPECIES, values, row);
                    FloatVector w1 = FloatVector.fromArray(SPECIES, values, row + LANES);
                    FloatVector v0 = FloatVector.broadcast(SPECIES, x[x0 + i]);
                    FloatVector v1 = FloatVector.broadcast(SPECIES, x[x0 + in + i]);
                    FloatVector v2 = FloatVector.broadcast(SPECIES, x[x0 + 2 * in + i]);
                    FloatVector v3 = FloatVector.broadcast(SPECIES, x[x0 + 3 * in + i]);
                    a00 = w0.fma(v0, a00);
                    a01 = w1.fma(v0, a01);
                    a10 = w0.fma(v1, a10);
                    a11 = w1.fma(v1, a11);
                    a20 = w0.fma(v2, a20);
                    a21 = w1.fma(v2, a21);
                    a30 = w0.fma(v3, a30);
                    a31 = w1.fma(v3, a31);
                }
                a00.intoArray(y, y0 + o);
                a01.intoArray(y, y0 + o + LANES);
                a10.intoArray(y, y0 + out + o);
                a11.intoArray(y, y0 + out + o + LANES);
                a20.intoArray(y, y0 + 2 * out + o);
                a21.intoArray(y, y0 + 2 * out + o + LANES);
                a30.intoArray(y, y0 + 3 * out + o);
                a31.intoArray(y, y0 + 3 * out + o + LANES);
            }
            // the columns left, fewer than two vectors: a vector at a time, the last one masked
            for (; c < columns; c += LANES) {
                int o = first + c;
                VectorMask<Float> present = SPECIES.indexInRange(c, columns);
                FloatVector b = FloatVector.fromArray(SPECIES, bias, o, present);
                FloatVector a0 = b;
                FloatVector a1 = b;
                FloatVector a2 = b;
                FloatVector a3 = b;
                for (int i = 0, row = base + c; i < in; i++, row += columns) {
                    FloatVector w = FloatVector.fromArray(SPECIES, values, row, present);
                    a0 = w.fma(FloatVector.broadcast(SPECIES, x[x0 + i]), a0);
                    a1 = w.fma(FloatVector.broadcast(SPECIES, x[x0 + in + i]), a1);
                    a2 = w.fma(FloatVector.broadcast(SPECIES, x[x0 + 2 * in + i]), a2);
                    a3 = w.fma(FloatVector.broadcast(SPECIES, x[x0 + 3 * in + i]), a3);
                }
                a0.intoArray(y, y0 + o, present);
                a1.intoArray(y, y0 + out + o, present);
                a2.intoArray(y, y0 + 2 * out + o, present);
                a3.intoArray(y, y0 + 3 * out + o, present);
            }
        }
    }

    @Override
    public float dot(float[] a, int aAt, float[] b, int bAt, int n) {
        int i = 0;
        float sum = 0;
        if (n >= LANES) {
            FloatVector acc = FloatVector.zero(SPECIES);
            for (; i + LANES <= n; i += LANES) {
                acc = FloatVector.fromArray(SPECIES, a, aAt + i).fma(FloatVector.fromArray(SPECIES, b, bAt + i), acc);
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            sum += a[aAt + i] * b[bAt + i];
        }
        return sum;
    }

    @Override
    public void softmax(float[] x, int at, int n) {
        if (VECTOR_MATH) {
            vectorSoftmax(x, at, n);
        } else {
            SCALAR.softmax(x, at, n);
        }
    }

    @Override
    public void sigmoid(float[] x, int at, int n) {
        if (VECTOR_MATH) {
            vectorSigmoid(x, at, n);
        } else {
            SCALAR.sigmoid(x, at, n);
        }
    }

    @Override
    public void tanh(float[] x, int at, int n) {
        if (VECTOR_MATH) {
            vectorTanh(x, at, n);
        } else {
            SCALAR.tanh(x, at, n);
        }
    }

    /**
     * Whether the Vector API's EXP and TANH work in this JVM. They look up the CPU's short-vector math library by a
     * symbol name that JDK 25 formats in the default locale, which fails with an InternalError under locales whose
     * digits are not ASCII; the element-wise functions then run as plain loops, and only they.
     */
    private static boolean vectorMathWorks() {
        float[] probe = new float[LANES];
        try {
            FloatVector values = FloatVector.fromArray(SPECIES, probe, 0);
            values.lanewise(VectorOperators.EXP).add(values.lanewise(VectorOperators.TANH)).intoArray(probe, 0);
            return true;
        } catch (InternalError | RuntimeException unavailable) {
            return false;
        }
    }

    private static void vectorSoftmax(float[] x, int at, int n) {
        if (n == 0) {
            return;
        }
        FloatVector maxes = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i += LANES) {
            VectorMask<Float> present = SPECIES.indexInRange(i, n);
            maxes = maxes.lanewise(VectorOperators.MAX, FloatVector.fromArray(SPECIES, x, at + i, present), present);
        }
        float max = maxes.reduceLanes(VectorOperators.MAX);
        FloatVector sums = FloatVector.zero(SPECIES);
        for (int i = 0; i < n; i += LANES) {
            VectorMask<Float> present = SPECIES.indexInRange(i, n);
            FloatVector e = FloatVector.fromArray(SPECIES, x, at + i, present).sub(max).lanewise(VectorOperators.EXP);
            e.intoArray(x, at + i, present);
            sums = sums.add(e, present);
        }
        float inverse = 1 / sums.reduceLanes(VectorOperators.ADD);
        for (int i = 0; i < n; i += LANES) {
            VectorMask<Float> present = SPECIES.indexInRange(i, n);
            FloatVector.fromArray(SPECIES, x, at + i, present).mul(inverse).intoArray(x, at + i, present);
        }
    }

    private static void vectorSigmoid(float[] x, int at, int n) {
        for (int i = 0; i < n; i += LANES) {
            VectorMask<Float> present = SPECIES.indexInRange(i, n);
            FloatVector e = FloatVector.fromArray(SPECIES, x, at + i, present).neg().lanewise(VectorOperators.EXP);
            FloatVector.broadcast(SPECIES, 1f).div(e.add(1f)).intoArray(x, at + i, present);
        }
    }

    private static void vectorTanh(float[] x, int at, int n) {
        for (int i = 0; i < n; i += LANES) {
            VectorMask<Float> present = SPECIES.indexInRange(i, n);
            FloatVector.fromArray(SPECIES, x, at + i, present).lanewise(VectorOperators.TANH)
                .intoArray(x, at + i, present);
        }
    }
}
