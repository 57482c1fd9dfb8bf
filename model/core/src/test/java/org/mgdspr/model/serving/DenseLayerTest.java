package org.mgdspr.model.serving;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A dense layer's products against plain sums over its {@code out x in} weight, for widths with and without tails. */
class DenseLayerTest {

    private final SplittableRandom random = new SplittableRandom(5);

    @Test
    void everyProductMatchesTheWeightItWasBuiltFrom() {
        for (int in : new int[] {3, 40, 128}) {
            for (int out : new int[] {1, 40, 96, 130}) {
                float[] weight = random(out * in);
                float[] bias = random(out);
                DenseLayer layer = new DenseLayer(weight, bias, out);
                float[] x = random(in + 2);
                float[] v = random(out + 1);
                String shape = in + " -> " + out;

                float[] y = new float[out + 1];
                layer.apply(x, 2, y, 1);
                float[] accumulated = random(out);
                float[] start = accumulated.clone();
                layer.accumulate(x, 2, accumulated, 0);
                for (int o = 0; o < out; o++) {
                    double product = 0;
                    for (int i = 0; i < in; i++) {
                        product += (double) weight[o * in + i] * x[2 + i];
                    }
                    assertEquals(bias[o] + product, y[1 + o], 1e-4, "W x + b, " + shape);
                    assertEquals(start[o] + product, accumulated[o], 1e-4, "y += W x, " + shape);
                }

                float[] back = new float[in + 1];
                layer.applyTransposed(v, 1, back, 1);
                for (int i = 0; i < in; i++) {
                    double sum = 0;
                    for (int o = 0; o < out; o++) {
                        sum += (double) weight[o * in + i] * v[1 + o];
                    }
                    assertEquals(sum, back[1 + i], 1e-4, "Wᵀ v, " + shape);
                }

                double biasDot = 0;
                for (int o = 0; o < out; o++) {
                    biasDot += (double) bias[o] * v[1 + o];
                }
                assertEquals(biasDot, layer.biasDot(v, 1), 1e-4, "b · v, " + shape);
                float[] withBias = new float[out];
                layer.addBias(-0.5f, withBias, 0);
                for (int o = 0; o < out; o++) {
                    assertEquals(-0.5f * bias[o], withBias[o], 1e-6, "factor b, " + shape);
                }
            }
        }
    }

    @Test
    void aWeightThatIsNotOutRowsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new DenseLayer(new float[7], new float[2], 2));
        assertEquals("a dense layer with 2 outputs needs an out x in weight and 2 biases, got 7 weights and 2 biases",
            e.getMessage());
    }

    private float[] random(int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return values;
    }
}
