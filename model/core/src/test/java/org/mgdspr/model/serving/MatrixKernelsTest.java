package org.mgdspr.model.serving;

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
        assertEquals(new ServingKernels(ServingKernels.PLAIN_LOOPS, 0, false), scalar.describe());
    }

    @Test
    void functionsWorkUnderALocaleWithNonAsciiDigits() {
        // the Vector API formats its math-library symbol names in the default locale (Bengali digits broke tanh)
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
