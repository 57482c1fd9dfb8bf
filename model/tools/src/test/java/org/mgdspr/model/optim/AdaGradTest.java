package org.mgdspr.model.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.ConstantInitializer;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.nn.EmbeddingTable;
import org.mgdspr.model.nn.SparseLookup;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AdaGradTest {

    @Test
    void denseAndSparseUpdatesFollowAdaGradAfterGlobalClipping() {
        EmbeddingTable table = EmbeddingTable.zeros("t", 600, 2);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Parameter weight = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(2)).build();
            weight.setInitializer(new ConstantInitializer(1f));
            weight.initialize(manager, DataType.FLOAT32);
            SparseLookup lookup = new SparseLookup(manager, true);
            SparseLookup.Handle rows = lookup.request(table, new long[] {300}, new Shape(1));
            NDArray gradient;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                lookup.materialize();
                // loss = 3 * w0 + 4 * w1 + 12 * e0: gradients (3, 4) and (12, 0), global norm 13
                NDArray coefficients = manager.create(new float[] {3, 4});
                NDArray loss = weight.getArray().mul(coefficients).sum()
                    .add(rows.get().get(":, 0").mul(12f).sum());
                collector.backward(loss);
                gradient = weight.getArray().getGradient();
            }
            weight.getArray().setRequiresGradient(false);
            AdaGrad adaGrad = new AdaGrad(0.1, 0.1, 0.1, 6.5, manager);
            double norm = adaGrad.step(List.of(weight), List.of(gradient), lookup.touchedRows());

            assertEquals(13.0, norm, 1e-5);
            // clipped by 6.5 / 13 = 0.5: dense g = (1.5, 2), sparse g = (6, 0)
            float[] expectedWeight = {
                (float) (1 - 0.1 * 1.5 / Math.sqrt(0.1 + 2.25)), (float) (1 - 0.1 * 2 / Math.sqrt(0.1 + 4))};
            assertArrayEquals(expectedWeight, weight.getArray().toFloatArray(), 1e-6f);
            float[] row = new float[2];
            table.values().read(300, row, 0);
            assertArrayEquals(new float[] {(float) (-0.1 * 6 / Math.sqrt(0.1 + 36)), 0f}, row, 1e-6f);
            table.values().read(299, row, 0);
            assertArrayEquals(new float[2], row, "an untouched row of the same page keeps its value");
            assertArrayEquals(new float[2], gradient.toFloatArray(), "dense gradients are zeroed for the next step");
        }
    }

    @Test
    void aNonFiniteGradientDiscardsTheStep() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Parameter weight = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(2)).build();
            weight.setInitializer(new ConstantInitializer(1f));
            weight.initialize(manager, DataType.FLOAT32);
            NDArray gradient;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                collector.backward(weight.getArray().mul(Float.NaN).sum());
                gradient = weight.getArray().getGradient();
            }
            weight.getArray().setRequiresGradient(false);
            AdaGrad adaGrad = new AdaGrad(0.1, 0.1, 0.1, 3, manager);
            assertThrows(ArithmeticException.class, () -> adaGrad.step(List.of(weight), List.of(gradient), List.of()));
            assertArrayEquals(new float[] {1, 1}, weight.getArray().toFloatArray());
            assertArrayEquals(new float[2], gradient.toFloatArray());
        }
    }
}
