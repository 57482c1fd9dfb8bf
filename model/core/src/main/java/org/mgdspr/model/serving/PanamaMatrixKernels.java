package org.mgdspr.model.serving;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
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
 *
 * <p>Every result depends on the inputs alone, not on whether the JIT has compiled the kernel yet: the Vector API
 * leaves the order of {@code reduceLanes(ADD)} and the accuracy of its {@code EXP} and {@code TANH} to the
 * implementation, and its compiled forms differ from its Java fallback in the last bits (a user vector computed on a
 * cold node then differed from the same vector computed later, and scores with it). Sums over lanes therefore add in
 * one fixed tree order, and the exponential is computed here from lane-wise arithmetic, which IEEE 754 fixes.
 */
final class PanamaMatrixKernels implements MatrixKernels {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int BLOCK = 4 * LANES;

    // Cephes' expf: e^x = 2^n e^r with n = round(x log2 e), r = x - n ln 2 (ln 2 in two parts), e^r by a polynomial
    private static final float EXP_HIGHEST = 88.37626f;
    private static final float EXP_LOWEST = -87.33654f;
    private static final float LOG2_E = 1.44269504088896341f;
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;
    // adding 1.5 * 2^23 rounds a float below 2^22 in magnitude to an integer held in the low mantissa bits
    private static final float ROUNDING = 12582912f;
    private static final int ROUNDING_BITS = 0x4B400000;
    private static final float[] EXP_POLYNOMIAL = {1.9875691500e-4f, 1.3981999507e-3f, 8.3334519073e-3f,
        4.1665795894e-2f, 1.6666665459e-1f, 5.0000001201e-1f};

    @Override
    public ServingKernels describe() {
        return new ServingKernels(ServingKernels.VECTOR_API, SPECIES.vectorBitSize());
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
            sum = sum(acc);
        }
        for (; i < n; i++) {
            sum += a[aAt + i] * b[bAt + i];
        }
        return sum;
    }

    @Override
    public void softmax(float[] x, int at, int n) {
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
            FloatVector e = exp(FloatVector.fromArray(SPECIES, x, at + i, present).sub(max));
            e.intoArray(x, at + i, present);
            sums = sums.add(e, present);
        }
        float inverse = 1 / sum(sums);
        for (int i = 0; i < n; i += LANES) {
            VectorMask<Float> present = SPECIES.indexInRange(i, n);
            FloatVector.fromArray(SPECIES, x, at + i, present).mul(inverse).intoArray(x, at + i, present);
        }
    }

    @Override
    public void sigmoid(float[] x, int at, int n) {
        for (int i = 0; i < n; i += LANES) {
            VectorMask<Float> present = SPECIES.indexInRange(i, n);
            FloatVector e = exp(FloatVector.fromArray(SPECIES, x, at + i, present).neg());
            FloatVector.broadcast(SPECIES, 1f).div(e.add(1f)).intoArray(x, at + i, present);
        }
    }

    /** {@code tanh(x) = sign(x) (e - 1) / (e + 1)} with {@code e = exp(2 |x|)}: within about 1e-7 of the exact value. */
    @Override
    public void tanh(float[] x, int at, int n) {
        for (int i = 0; i < n; i += LANES) {
            VectorMask<Float> present = SPECIES.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(SPECIES, x, at + i, present);
            FloatVector e = exp(v.abs().mul(2f));
            FloatVector magnitude = e.sub(1f).div(e.add(1f));
            magnitude.lanewise(VectorOperators.NEG, v.lt(0f)).intoArray(x, at + i, present);
        }
    }

    /** The lanes' sum, always added in the same tree order. */
    private static float sum(FloatVector v) {
        for (int half = LANES / 2; half > 0; half /= 2) {
            v = v.add(v.slice(half));
        }
        return v.lane(0);
    }

    /**
     * {@code e^x} per lane, within about 2 ulp; inputs above {@code ln(Float.MAX_VALUE)} give that maximum rather
     * than infinity and inputs below {@code ln(Float.MIN_NORMAL)} give the smallest normal number rather than 0.
     */
    private static FloatVector exp(FloatVector x) {
        FloatVector clamped = x.min(EXP_HIGHEST).max(EXP_LOWEST);
        FloatVector shifted = clamped.mul(LOG2_E).add(ROUNDING);
        FloatVector n = shifted.sub(ROUNDING);
        FloatVector r = n.fma(FloatVector.broadcast(SPECIES, -LN2_HIGH), clamped).sub(n.mul(LN2_LOW));
        FloatVector p = FloatVector.broadcast(SPECIES, EXP_POLYNOMIAL[0]);
        for (int i = 1; i < EXP_POLYNOMIAL.length; i++) {
            p = p.fma(r, FloatVector.broadcast(SPECIES, EXP_POLYNOMIAL[i]));
        }
        FloatVector er = p.fma(r.mul(r), r).add(1f);
        IntVector exponent = shifted.reinterpretAsInts().sub(ROUNDING_BITS).add(127)
            .lanewise(VectorOperators.LSHL, 23);
        return er.mul(exponent.reinterpretAsFloats());
    }
}
