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

class AdamTest {

    private static final double LR = 0.01;

    @Test
    void denseAndLazyRowUpdatesFollowAdamWithBiasCorrection() {
        EmbeddingTable table = EmbeddingTable.zeros("t", 600, 1);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Parameter weight = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1)).build();
            weight.setInitializer(new ConstantInitializer(1f));
            weight.initialize(manager, DataType.FLOAT32);
            Adam adam = new Adam(LR, 100, manager);

            // step 1: loss = 3 w + 2 e[10]; step 2: loss = -1 w + 5 e[20] (row 10 untouched)
            step(manager, adam, weight, table, 3f, 10, 2f);
            step(manager, adam, weight, table, -1f, 20, 5f);

            ReferenceAdam dense = new ReferenceAdam(1);
            dense.update(3, 1);
            dense.update(-1, 2);
            assertArrayEquals(new float[] {(float) dense.value}, weight.getArray().toFloatArray(), 1e-6f);

            ReferenceAdam rowTen = new ReferenceAdam(0);
            rowTen.update(2, 1);
            ReferenceAdam rowTwenty = new ReferenceAdam(0);
            rowTwenty.update(5, 2);
            assertEquals(rowTen.value, read(table, 10), 1e-6, "a row untouched by step 2 keeps its step-1 value");
            assertEquals(rowTwenty.value, read(table, 20), 1e-6,
                "a row first touched at step 2 gets step 2's bias correction");
            assertEquals(0f, read(table, 11), "rows never touched stay at their initial value");
        }
    }

    private static void step(NDManager manager, Adam adam, Parameter weight, EmbeddingTable table, float denseSlope,
                             int row, float rowSlope) {
        weight.getArray().setRequiresGradient(true);
        SparseLookup lookup = new SparseLookup(manager, true);
        SparseLookup.Handle rows = lookup.request(table, new long[] {row}, new Shape(1));
        NDArray gradient;
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            lookup.materialize();
            NDArray loss = weight.getArray().mul(denseSlope).sum().add(rows.get().mul(rowSlope).sum());
            collector.backward(loss);
            gradient = weight.getArray().getGradient();
        }
        weight.getArray().setRequiresGradient(false);
        adam.step(List.of(weight), List.of(gradient), lookup.touchedRows());
    }

    private static float read(EmbeddingTable table, int row) {
        float[] value = new float[1];
        table.values().read(row, value, 0);
        return value[0];
    }

    /**
     * Adam as Kingma and Ba write it (Algorithm 1), in double precision, for one scalar; with gradients of order 1 it
     * differs from the efficient form only in where eps sits, far below the tolerance.
     */
    private static final class ReferenceAdam {
        double value;
        double first;
        double second;

        ReferenceAdam(double value) {
            this.value = value;
        }

        void update(double gradient, int step) {
            first = Adam.BETA1 * first + (1 - Adam.BETA1) * gradient;
            second = Adam.BETA2 * second + (1 - Adam.BETA2) * gradient * gradient;
            double firstHat = first / (1 - Math.pow(Adam.BETA1, step));
            double secondHat = second / (1 - Math.pow(Adam.BETA2, step));
            value -= LR * firstHat / (Math.sqrt(secondHat) + Adam.EPSILON);
        }
    }
}
