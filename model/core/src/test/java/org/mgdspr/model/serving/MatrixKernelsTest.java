package org.mgdspr.model.serving;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Vector API kernels against the plain loops, on shapes with and without vector tails. */
class MatrixKernelsTest {

    private final MatrixKernels scalar = new ScalarMatrixKernels();
    private final MatrixKernels panama = new PanamaMatrixKernels();
    private final SplittableRandom random = new SplittableRandom(11);

    @Test
    void theTestJvmGetsTheVectorKernels() {
        assertInstanceOf(PanamaMatrixKernels.class, MatrixKernels.best(), "the test JVM adds jdk.incubator.vector");
        ServingKernels kernels = ServingKernels.current();
        assertEquals(ServingKernels.VECTOR_API, kernels.implementation());
        assertTrue(kernels.vectorBits() >= 128, "vector width " + kernels.vectorBits());
        assertEquals(new ServingKernels(ServingKernels.PLAIN_LOOPS, 0), scalar.describe());
    }

    @Test
    void functionsWorkUnderALocaleWithNonAsciiDigits() {
        // the Vector API's own EXP and TANH, which the kernels used before, failed under Bengali digits
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("bn-BD"));
        try {
            float[] x = {-2f, -0.5f, 0f, 0.5f, 2f, 1f, 3f, -3f, 0.25f, -0.25f, 1.5f, -1.5f, 4f, -4f, 0.1f, -0.1f, 0.3f};
            float[] softmax = x.clone();
            float[] sigmoid = x.clone();
            float[] tanh = x.clone();
            panama.softmax(softmax, 0, x.length);
            panama.sigmoid(sigmoid, 0, x.length);
            panama.tanh(tanh, 0, x.length);
            for (int i = 0; i < x.length; i++) {
                assertEquals(Math.tanh(x[i]), tanh[i], 1e-6, "tanh");
                assertEquals(1 / (1 + Math.exp(-x[i])), sigmoid[i], 1e-6, "sigmoid");
            }
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void productsAgreeOnEveryShapeAndPanelWidth() {
        for (int in : new int[] {1, 7, 16, 64, 128}) {
            for (int out : new int[] {1, 5, 16, 20, 33, 64, 100, 512}) {
                for (int rows : new int[] {1, 3, 4, 9}) {
                    float[] weight = random(out * in);
                    float[] bias = random(out);
                    float[] x = random(rows * in);
                    float[] expected = naiveProduct(weight, bias, in, out, x, rows);
                    for (int panel : new int[] {panama.panelWidth(), 16, 24, Integer.MAX_VALUE}) {
                        PackedMatrix m = PackedMatrix.transposeOf(weight, out, panel);
                        String shape = in + " -> " + out + " on " + rows + " rows, panels of " + m.panel();
                        for (MatrixKernels kernels : new MatrixKernels[] {scalar, panama}) {
                            float[] actual = new float[rows * out];
                            kernels.multiplyRows(m, bias, x, rows, actual);
                            assertClose(expected, actual, 1e-4f, kernels.getClass().getSimpleName() + " " + shape);
                            float[] single = new float[out + 3];
                            kernels.multiply(m, bias, 0, x, 0, single, 3);
                            for (int o = 0; o < out; o++) {
                                assertEquals(expected[o], single[3 + o], 1e-4f, "one row at an offset, " + shape);
                            }
                            float[] accumulated = bias.clone();
                            kernels.multiply(m, accumulated, 0, x, 0, accumulated, 0);
                            for (int o = 0; o < out; o++) {
                                assertEquals(expected[o], accumulated[o], 1e-4f, "into its own bias, " + shape);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void aRowMajorMatrixIsOnePanelReadInPlace() {
        float[] values = random(3 * 5);
        PackedMatrix m = PackedMatrix.rowMajor(values, 3, 5);
        assertEquals(5, m.panel());
        assertSame(values, m.values());
        float[] weight = new float[5 * 3];
        for (int o = 0; o < 5; o++) {
            for (int i = 0; i < 3; i++) {
                weight[o * 3 + i] = values[i * 5 + o];
            }
        }
        assertArrayEquals(values, PackedMatrix.transposeOf(weight, 5, Integer.MAX_VALUE).values());
    }

    private static float[] naiveProduct(float[] weight, float[] bias, int in, int out, float[] x, int rows) {
        float[] y = new float[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double sum = bias[o];
                for (int i = 0; i < in; i++) {
                    sum += (double) weight[o * in + i] * x[r * in + i];
                }
                y[r * out + o] = (float) sum;
            }
        }
        return y;
    }

    @Test
    void dotProductsAndFunctionsAgree() {
        for (int n : new int[] {0, 1, 8, 16, 17, 40, 128}) {
            float[] a = random(n + 2);
            float[] b = random(n + 1);
            assertEquals(scalar.dot(a, 2, b, 1, n), panama.dot(a, 2, b, 1, n), 1e-5f, "dot of " + n);
            float[] x = random(n);
            for (int i = 0; i < n; i++) {
                x[i] *= 8;
            }
            float[] y = x.clone();
            scalar.softmax(x, 0, n);
            panama.softmax(y, 0, n);
            assertClose(x, y, 1e-5f, "softmax of " + n);
            float[] s1 = random(n);
            float[] s2 = s1.clone();
            scalar.sigmoid(s1, 0, n);
            panama.sigmoid(s2, 0, n);
            assertClose(s1, s2, 1e-6f, "sigmoid of " + n);
            float[] t1 = random(n);
            float[] t2 = t1.clone();
            scalar.tanh(t1, 0, n);
            panama.tanh(t2, 0, n);
            assertClose(t1, t2, 1e-6f, "tanh of " + n);
        }
    }

    @Test
    void functionsAreAccurateOverTheWholeFloatRange() {
        float[] x = new float[40_013];
        for (int i = 0; i < x.length - 13; i++) {
            x[i] = -20f + 40f * i / (x.length - 14);
        }
        float[] extremes = {-1e30f, -1e4f, -100f, -88.5f, -87.4f, 87.4f, 88.5f, 100f, 1e4f, 1e30f, 0f, -0f, 1e-20f};
        System.arraycopy(extremes, 0, x, x.length - 13, 13);
        float[] sigmoid = x.clone();
        float[] tanh = x.clone();
        panama.sigmoid(sigmoid, 0, x.length);
        panama.tanh(tanh, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(1 / (1 + Math.exp(-(double) x[i])), sigmoid[i], 2e-7, "sigmoid of " + x[i]);
            assertEquals(Math.tanh(x[i]), tanh[i], 2e-7, "tanh of " + x[i]);
        }
        float[] logits = {0f, -90f, 50f, 49f, -1e4f, 10f};
        panama.softmax(logits, 0, logits.length);
        double normaliser = Math.exp(0) + Math.exp(-1);
        assertEquals(1 / normaliser, logits[2], 1e-7);
        assertEquals(Math.exp(-1) / normaliser, logits[3], 1e-7);
        assertEquals(0, logits[0] + logits[1] + logits[4] + logits[5], 1e-17);
    }

    /**
     * The Vector API leaves the order of a lane reduction and the accuracy of its EXP and TANH to the
     * implementation, and its compiled forms differed from its Java fallback in the last bits, so one input gave two
     * user vectors depending on whether the JIT had compiled the kernels yet. The kernels equal, bit for bit, a scalar
     * model of their arithmetic (lanes summed in one tree order, the exponential from IEEE 754 operations), both in
     * the first calls and after enough calls for the JIT to compile them.
     */
    @Test
    void resultsAreBitForBitTheSameBeforeAndAfterTheJitCompilesTheKernels() {
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        float[] a = random(3 * lanes + 5);
        float[] b = random(3 * lanes + 5);
        float[] x = random(2 * lanes + 3);
        for (int i = 0; i < x.length; i++) {
            x[i] *= 30;
        }
        for (int round = 0; round < 30_000; round++) {
            if (round == 0 || round == 29_999) {
                String when = round == 0 ? "first call" : "after " + round + " calls";
                assertEquals(Float.floatToIntBits(ScalarModel.dot(a, b, lanes)),
                    Float.floatToIntBits(panama.dot(a, 0, b, 0, a.length)), "dot, " + when);
                float[] softmax = x.clone();
                panama.softmax(softmax, 0, x.length);
                assertArrayEquals(ScalarModel.softmax(x, lanes), softmax, "softmax, " + when);
                float[] sigmoid = x.clone();
                panama.sigmoid(sigmoid, 0, x.length);
                assertArrayEquals(ScalarModel.sigmoid(x), sigmoid, "sigmoid, " + when);
                float[] tanh = x.clone();
                panama.tanh(tanh, 0, x.length);
                assertArrayEquals(ScalarModel.tanh(x), tanh, "tanh, " + when);
            } else {
                panama.dot(a, 0, b, 0, a.length);
                float[] scratch = x.clone();
                panama.softmax(scratch, 0, x.length);
                panama.sigmoid(scratch, 0, x.length);
                panama.tanh(scratch, 0, x.length);
            }
        }
    }

    /** {@link PanamaMatrixKernels}' arithmetic one lane at a time, in plain float operations. */
    private static final class ScalarModel {

        static float dot(float[] a, float[] b, int lanes) {
            float[] acc = new float[lanes];
            int i = 0;
            for (; i + lanes <= a.length; i += lanes) {
                for (int l = 0; l < lanes; l++) {
                    acc[l] = Math.fma(a[i + l], b[i + l], acc[l]);
                }
            }
            float sum = treeSum(acc);
            for (; i < a.length; i++) {
                sum += a[i] * b[i];
            }
            return sum;
        }

        static float[] softmax(float[] x, int lanes) {
            float max = Float.NEGATIVE_INFINITY;
            for (float v : x) {
                max = Math.max(max, v);
            }
            float[] e = new float[x.length];
            float[] sums = new float[lanes];
            for (int i = 0; i < x.length; i++) {
                e[i] = exp(x[i] - max);
                sums[i % lanes] += e[i];
            }
            float inverse = 1 / treeSum(sums);
            for (int i = 0; i < x.length; i++) {
                e[i] *= inverse;
            }
            return e;
        }

        static float[] sigmoid(float[] x) {
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = 1f / (exp(-x[i]) + 1f);
            }
            return y;
        }

        static float[] tanh(float[] x) {
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                float e = exp(Math.abs(x[i]) * 2f);
                float magnitude = (e - 1f) / (e + 1f);
                y[i] = x[i] < 0 ? -magnitude : magnitude;
            }
            return y;
        }

        private static float treeSum(float[] lanes) {
            float[] v = lanes.clone();
            for (int half = v.length / 2; half > 0; half /= 2) {
                for (int l = 0; l < half; l++) {
                    v[l] += v[l + half];
                }
            }
            return v[0];
        }

        private static float exp(float x) {
            float clamped = Math.max(Math.min(x, 88.37626f), -87.33654f);
            float shifted = clamped * 1.44269504088896341f + 12582912f;
            float n = shifted - 12582912f;
            float r = Math.fma(n, -0.693359375f, clamped) - n * -2.12194440e-4f;
            float p = 1.9875691500e-4f;
            for (float c : new float[] {1.3981999507e-3f, 8.3334519073e-3f, 4.1665795894e-2f, 1.6666665459e-1f,
                5.0000001201e-1f}) {
                p = Math.fma(p, r, c);
            }
            float er = Math.fma(p, r * r, r) + 1f;
            int exponent = (Float.floatToRawIntBits(shifted) - 0x4B400000 + 127) << 23;
            return er * Float.intBitsToFloat(exponent);
        }
    }

    private float[] random(int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return values;
    }

    private static void assertClose(float[] expected, float[] actual, float tolerance, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])), what + " at " + i);
        }
    }
}
