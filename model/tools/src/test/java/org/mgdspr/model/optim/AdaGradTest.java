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
import java.util.SplittableRandom;

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
    void rowsSpreadOverManyPagesAndTasksEachGetTheirSummedGradient() {
        int rows = 20_000;
        EmbeddingTable table = EmbeddingTable.uniform("t", rows, 3, 0.5f, 5);
        SplittableRandom random = new SplittableRandom(9);
        long[] first = random.longs(4_000, 1, rows).toArray();
        long[] second = random.longs(3_000, 1, rows).toArray();
        float[] before = new float[rows * 3];
        for (int r = 0; r < rows; r++) {
            table.values().read(r, before, r * 3);
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            SparseLookup lookup = new SparseLookup(manager, true);
            SparseLookup.Handle a = lookup.request(table, first, new Shape(first.length));
            SparseLookup.Handle b = lookup.request(table, second, new Shape(second.length));
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                lookup.materialize();
                // every occurrence in a adds (1, 2, 3) to its row's gradient, every one in b adds (-1, -1, -1);
                // 20,000 rows are 79 pages, and the distinct rows more than one update task
                NDArray coefficients = manager.create(new float[] {1, 2, 3});
                collector.backward(a.get().mul(coefficients).sum().sub(b.get().sum()));
            }
            double[][] expected = new double[rows][3];
            for (long id : first) {
                for (int c = 0; c < 3; c++) {
                    expected[(int) id][c] += c + 1;
                }
            }
            for (long id : second) {
                for (int c = 0; c < 3; c++) {
                    expected[(int) id][c] -= 1;
                }
            }
            double squaredNorm = 0;
            for (double[] g : expected) {
                for (double v : g) {
                    squaredNorm += v * v;
                }
            }
            double clip = Math.sqrt(squaredNorm) / 2;
            double norm = new AdaGrad(0.1, 0.1, 0.2, clip, manager).step(List.of(), List.of(), lookup.touchedRows());

            assertEquals(Math.sqrt(squaredNorm), norm, 1e-6 * norm);
            float[] row = new float[3];
            for (int r = 0; r < rows; r++) {
                table.values().read(r, row, 0);
                for (int c = 0; c < 3; c++) {
                    double g = expected[r][c] * 0.5;
                    double moved = g == 0 ? 0 : 0.1 * g / Math.sqrt(0.2 + g * g);
                    assertEquals(before[r * 3 + c] - moved, row[c], 1e-5, "row " + r + " coordinate " + c);
                }
            }
        }
    }

    @Test
    void theSquaredSumKeepsDoublePrecisionAtAnyLength() {
        for (int length : new int[] {0, 1, 3, 4, 7, 1001}) {
            float[] values = new float[length];
            double expected = 0;
            for (int i = 0; i < length; i++) {
                values[i] = (i % 2 == 0 ? 1e4f : 1e-4f) * (i + 1);
                expected += (double) values[i] * values[i];
            }
            assertEquals(expected, Optimizer.squaredSum(values), 1e-12 * Math.max(1, expected), "length " + length);
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
