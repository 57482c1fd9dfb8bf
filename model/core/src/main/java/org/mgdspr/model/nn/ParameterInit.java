package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.Pair;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Initialises a block's dense parameters reproducibly from a seed and each parameter's path in the block tree,
 * independent of the engine's random generator:
 * <ul>
 *   <li>2-D weights (linear, LSTM gate matrices): orthogonal (paper §5.2), from modified Gram-Schmidt on a
 *       seeded Gaussian matrix — orthonormal columns when the matrix is tall, orthonormal rows when it is wide;
 *   <li>{@link Parameter.Type#OTHER} (learned rows: positions, CLS): uniform with standard deviation
 *       {@code 1/sqrt(width)}, like the embedding tables;
 *   <li>biases and layer-norm shifts 0, layer-norm scales 1.
 * </ul>
 */
public final class ParameterInit {

    private ParameterInit() {}

    /** Allocates the parameters of {@code block} in {@code manager} and fills them deterministically. */
    public static void initialize(Block block, NDManager manager, long seed, Shape... inputShapes) {
        block.setInitializer(new ConstantInitializer(0f), parameter -> true);
        block.initialize(manager, DataType.FLOAT32, inputShapes);
        for (Pair<String, Parameter> entry : block.getParameters()) {
            Parameter parameter = entry.getValue();
            NDArray array = parameter.getArray();
            float[] values = values(parameter.getType(), array.getShape(), Seeds.mix(seed, entry.getKey()));
            // copy into the engine-owned storage: NDArray.set(float[]) would make the parameter alias a Java buffer.
            // Autograd refuses in-place writes to leaves that require gradients whenever the thread's grad mode is
            // on, which is PyTorch's default for a new thread, so the flag is lowered for the write.
            boolean requiresGradient = array.hasGradient();
            array.setRequiresGradient(false);
            try (NDArray source = manager.create(values, array.getShape())) {
                array.set(new NDIndex("..."), source);
            }
            array.setRequiresGradient(requiresGradient);
        }
    }

    private static float[] values(Parameter.Type type, Shape shape, long seed) {
        int size = Math.toIntExact(shape.size());
        float[] values = new float[size];
        switch (type) {
            case GAMMA -> Arrays.fill(values, 1f);
            case OTHER -> {
                SplittableRandom random = new SplittableRandom(seed);
                double limit = Math.sqrt(3.0 / shape.get(shape.dimension() - 1));
                for (int i = 0; i < size; i++) {
                    values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
                }
            }
            case WEIGHT -> {
                if (shape.dimension() == 2) {
                    orthogonal(values, (int) shape.get(0), (int) shape.get(1), seed);
                } else {
                    throw new IllegalArgumentException("no initialisation rule for a weight of shape " + shape);
                }
            }
            default -> {
                // biases, layer-norm shifts and anything else start at zero
            }
        }
        return values;
    }

    /** Row-major {@code rows x cols} matrix with orthonormal columns (rows >= cols) or rows (rows < cols). */
    static void orthogonal(float[] target, int rows, int cols, long seed) {
        boolean tall = rows >= cols;
        int vectors = tall ? cols : rows;
        int length = tall ? rows : cols;
        SplittableRandom random = new SplittableRandom(seed);
        double[][] basis = new double[vectors][length];
        for (int v = 0; v < vectors; v++) {
            double[] u = basis[v];
            for (int i = 0; i < length; i++) {
                u[i] = random.nextGaussian();
            }
            for (int p = 0; p < v; p++) {
                double dot = 0;
                for (int i = 0; i < length; i++) {
                    dot += u[i] * basis[p][i];
                }
                for (int i = 0; i < length; i++) {
                    u[i] -= dot * basis[p][i];
                }
            }
            double norm = 0;
            for (double x : u) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < length; i++) {
                u[i] /= norm;
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                target[r * cols + c] = (float) (tall ? basis[c][r] : basis[r][c]);
            }
        }
    }
}
