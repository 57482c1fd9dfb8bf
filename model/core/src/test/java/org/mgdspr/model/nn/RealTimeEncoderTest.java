package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.config.TowerConfig;
import org.mgdspr.model.testing.Fixtures;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The LSTM layers of the real-time encoder against a float64 LSTM with the same weights. oneDNN has two kernels
 * for them, chosen by the thread's grad mode; the one the encoder uses must agree with float64 on every machine.
 * The other kernel's error is printed, not asserted: it is only wrong on some CPUs.
 */
class RealTimeEncoderTest {

    private static final float TOLERANCE = 1e-5f;

    @Test
    void inferenceLayerAgreesWithFloat64OnTheTinyFixtureShapes() {
        TowerConfig tower = Fixtures.tiny().tower();
        assertLayerMatchesFloat64("tiny", 4, Fixtures.tiny().features().maxRealTime(), tower.dim());
    }

    @Test
    void inferenceLayerAgreesWithFloat64OnEveryPresetShape() {
        for (String preset : ModelConfig.PRESETS) {
            ModelConfig config = ModelConfig.preset(preset);
            assertLayerMatchesFloat64(preset, 1, config.features().maxRealTime(), config.tower().dim());
            assertLayerMatchesFloat64(preset, 8, config.features().maxRealTime(), config.tower().dim());
        }
    }

    @Test
    void inferenceLayerRecordsNoGraphAndRestoresGradMode() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            LSTM layer = randomLayer(manager, 8, 1);
            NDArray x = manager.create(randomInputs(new SplittableRandom(2), 2 * 3 * 8), new Shape(2, 3, 8));
            for (boolean mode : new boolean[] {false, true}) {
                NDArray out = ThreadGradMode.with(mode, () -> {
                    NDArray result = RealTimeEncoder.runLayer(layer, new ParameterStore(manager, false), x, false);
                    assertEquals(mode, ThreadGradMode.isEnabled(), "the layer restores the caller's grad mode");
                    return result;
                });
                assertFalse(out.hasGradient(), "inference output must not be part of an autograd graph");
            }
        }
    }

    private static void assertLayerMatchesFloat64(String name, int batch, int length, int dim) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            LSTM layer = randomLayer(manager, dim, 11);
            float[] x = randomInputs(new SplittableRandom(13), batch * length * dim);
            NDArray input = manager.create(x, new Shape(batch, length, dim));
            double[] expected = float64Lstm(layer, x, batch, length, dim);
            ParameterStore store = new ParameterStore(manager, false);
            double used = maxAbsDifference(expected, ThreadGradMode.with(false,
                () -> RealTimeEncoder.runLayer(layer, store, input, false)).toFloatArray());
            double inferenceKernel = maxAbsDifference(expected, ThreadGradMode.with(false,
                () -> layer.forward(store, new NDList(input), false).singletonOrThrow()).toFloatArray());
            double trainingKernel = maxAbsDifference(expected, ThreadGradMode.with(true,
                () -> layer.forward(store, new NDList(input), false).singletonOrThrow()).toFloatArray());
            System.out.printf(Locale.ROOT, "[%s] LSTM (B=%d, T=%d, d=%d) max |error| vs float64: encoder %.2e, "
                + "inference kernel %.2e, training kernel %.2e%n", name, batch, length, dim, used, inferenceKernel,
                trainingKernel);
            assertTrue(used <= TOLERANCE, name + ": the encoder's LSTM is off float64 by " + used);
        }
    }

    /** An LSTM with every weight and bias uniform in [-0.5, 0.5], none requiring a gradient, as at inference. */
    private static LSTM randomLayer(NDManager manager, int dim, long seed) {
        LSTM layer = RealTimeEncoder.newLayer(dim);
        layer.initialize(manager, DataType.FLOAT32, new Shape(1, 1, dim));
        SplittableRandom random = new SplittableRandom(seed);
        for (Pair<String, Parameter> entry : layer.getParameters()) {
            NDArray array = entry.getValue().getArray();
            array.setRequiresGradient(false);
            float[] values = new float[Math.toIntExact(array.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextDouble() - 0.5);
            }
            try (NDArray source = manager.create(values, array.getShape())) {
                array.set(new NDIndex("..."), source);
            }
        }
        return layer;
    }

    private static float[] randomInputs(SplittableRandom random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return values;
    }

    /**
     * PyTorch's LSTM in float64 on the layer's float32 weights: gates {@code W_ih x + b_ih + W_hh h + b_hh} split
     * into input, forget, cell and output, {@code c' = f c + i g}, {@code h' = o tanh(c')}, zero initial state.
     */
    private static double[] float64Lstm(LSTM layer, float[] x, int batch, int length, int dim) {
        float[] wIh = null;
        float[] wHh = null;
        float[] bIh = null;
        float[] bHh = null;
        for (Pair<String, Parameter> entry : layer.getParameters()) {
            float[] values = entry.getValue().getArray().toFloatArray();
            boolean inputSide = entry.getKey().contains("i2h");
            if (entry.getValue().getType() == Parameter.Type.WEIGHT) {
                if (inputSide) {
                    wIh = values;
                } else {
                    wHh = values;
                }
            } else if (inputSide) {
                bIh = values;
            } else {
                bHh = values;
            }
        }
        double[] out = new double[batch * length * dim];
        for (int b = 0; b < batch; b++) {
            double[] h = new double[dim];
            double[] c = new double[dim];
            for (int t = 0; t < length; t++) {
                int inputOffset = (b * length + t) * dim;
                double[] gates = new double[4 * dim];
                for (int g = 0; g < 4 * dim; g++) {
                    double sum = (double) bIh[g] + bHh[g];
                    for (int k = 0; k < dim; k++) {
                        sum += (double) wIh[g * dim + k] * x[inputOffset + k] + (double) wHh[g * dim + k] * h[k];
                    }
                    gates[g] = sum;
                }
                for (int j = 0; j < dim; j++) {
                    double in = sigmoid(gates[j]);
                    double forget = sigmoid(gates[dim + j]);
                    double cell = Math.tanh(gates[2 * dim + j]);
                    double output = sigmoid(gates[3 * dim + j]);
                    c[j] = forget * c[j] + in * cell;
                    h[j] = output * Math.tanh(c[j]);
                    out[inputOffset + j] = h[j];
                }
            }
        }
        return out;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    private static double maxAbsDifference(double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
        }
        return max;
    }
}
