package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Regression test for constants captured by the autograd graph: between forward and backward the garbage
 * collector runs and freed small direct buffers are reused and filled with NaN. With DJL's {@code div(Number)} the
 * attention's 1/sqrt(d) constant lived in such a buffer and the gradients came out NaN.
 */
class AutogradLifetimeTest {

    @Test
    void attentionGradientsDoNotDependOnGarbageCollection() throws InterruptedException {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            MultiHeadSelfAttention attention = new MultiHeadSelfAttention(8, 2, 0f, 1L);
            ParameterInit.initialize(attention, manager, 3, new Shape(1, 4, 8), new Shape(1, 4));
            float[] quiet = inputGradient(manager, attention, false);
            float[] collected = inputGradient(manager, attention, true);
            assertArrayEquals(quiet, collected);
        }
    }

    private static float[] inputGradient(NDManager manager, MultiHeadSelfAttention attention, boolean collect)
        throws InterruptedException {
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.arange(2 * 4 * 8).reshape(2, 4, 8).toType(DataType.FLOAT32, false)
                .div(64f);
            x.setRequiresGradient(true);
            NDArray mask = step.ones(new Shape(2, 4));
            try (GradientCollector collector = step.getEngine().newGradientCollector()) {
                NDArray out = attention.forward(new ParameterStore(step, false), new NDList(x, mask), true)
                    .singletonOrThrow();
                if (collect) {
                    overwriteFreedBuffers();
                }
                collector.backward(out.square().sum());
            }
            return x.getGradient().toFloatArray();
        }
    }

    private static void overwriteFreedBuffers() throws InterruptedException {
        System.gc();
        Thread.sleep(100);
        List<ByteBuffer> filler = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(Float.BYTES).order(ByteOrder.nativeOrder());
            buffer.putFloat(0, Float.NaN);
            filler.add(buffer);
        }
    }
}
