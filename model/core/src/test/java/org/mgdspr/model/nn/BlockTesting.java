package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import java.util.SplittableRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Helpers for testing one dense block: initialise it, overwrite its parameters, build masked inputs, run it. */
final class BlockTesting {

    private BlockTesting() {}

    static <B extends AbstractBlock> B initialized(B block, NDManager manager, int dim) {
        ParameterInit.initialize(block, manager, 5, new Shape(1, dim));
        block.getParameters().values().forEach(p -> p.getArray().setRequiresGradient(false));
        return block;
    }

    /** Sets every parameter whose name ends with {@code suffix} to {@code values.apply(shape)}. */
    static void setParameters(AbstractBlock block, String suffix, Function<Shape, float[]> values) {
        for (Pair<String, Parameter> entry : block.getParameters()) {
            if (entry.getKey().endsWith(suffix)) {
                NDArray array = entry.getValue().getArray();
                try (NDArray source = array.getManager().create(values.apply(array.getShape()), array.getShape())) {
                    array.set(new NDIndex("..."), source);
                }
            }
        }
    }

    static float[] identity(Shape shape) {
        int rows = (int) shape.get(0);
        int cols = (int) shape.get(1);
        float[] values = new float[rows * cols];
        for (int i = 0; i < Math.min(rows, cols); i++) {
            values[i * cols + i] = 1;
        }
        return values;
    }

    static float[] zeros(Shape shape) {
        return new float[Math.toIntExact(shape.size())];
    }

    /** Uniform values in [-1, 1) of the given shape. */
    static NDArray random(NDManager manager, SplittableRandom random, Shape shape) {
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return manager.create(values, shape);
    }

    /**
     * A {@code (B, T, w)} sequence whose row {@code b} has its first {@code lengths[b]} positions present; padded
     * positions hold {@code padding} (zeros in real inputs, other values to show that a block ignores them).
     */
    static MaskedSequence sequence(NDManager manager, SplittableRandom random, int length, int width, float padding,
                                   int... lengths) {
        float[] values = new float[lengths.length * length * width];
        float[] mask = new float[lengths.length * length];
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < length; t++) {
                boolean present = t < lengths[b];
                mask[b * length + t] = present ? 1 : 0;
                for (int k = 0; k < width; k++) {
                    values[(b * length + t) * width + k] = present ? (float) (random.nextDouble() * 2 - 1) : padding;
                }
            }
        }
        return new MaskedSequence(manager.create(values, new Shape(lengths.length, length, width)),
            manager.create(mask, new Shape(lengths.length, length)));
    }

    static NDArray run(AbstractBlock block, NDManager manager, NDList inputs) {
        return block.forward(new ParameterStore(manager, false), inputs, false).singletonOrThrow();
    }

    static void assertClose(float[] expected, float[] actual, float tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, what + " at " + i);
        }
    }

    /** The values of rows {@code [from, to)} of batch entry {@code b} in a {@code (B, T, w)} array. */
    static float[] rows(NDArray x, int b, int from, int to) {
        return x.get(new NDIndex("{}, {}:{}, :", b, from, to)).toFloatArray();
    }
}
