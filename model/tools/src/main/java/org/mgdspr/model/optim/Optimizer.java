package org.mgdspr.model.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;

import org.mgdspr.model.config.TrainConfig;
import org.mgdspr.model.nn.EmbeddingTable;
import org.mgdspr.model.nn.LazyRowMatrix;
import org.mgdspr.model.nn.RowInitializer;
import org.mgdspr.model.nn.SparseLookup;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A first-order update after clipping the global gradient norm over all parameters, dense and sparse, to
 * {@code clipNorm} (paper §5.2). Dense parameters keep engine-side state of their shape; embedding tables are
 * updated row-sparsely, only the rows a step touched ({@link SparseLookup.TouchedRows}), with their state in lazily
 * allocated matrices on the Java heap. A subclass gives its state's start values and its update rule. Not
 * thread-safe: one trainer thread.
 */
public abstract sealed class Optimizer permits AdaGrad, Adam {

    private static final int ROWS_PER_TASK = 1024;

    private final double clipNorm;
    private final NDManager manager;
    private final Map<Parameter, NDArray[]> denseStates = new IdentityHashMap<>();
    private final Map<EmbeddingTable, LazyRowMatrix[]> rowStates = new IdentityHashMap<>();

    /**
     * @param manager owner of the dense optimizer state (the trainer's); it lives as long as it does
     */
    Optimizer(double clipNorm, NDManager manager) {
        if (!(clipNorm > 0)) {
            throw new IllegalArgumentException("the clip norm must be > 0, got " + clipNorm);
        }
        this.clipNorm = clipNorm;
        this.manager = Objects.requireNonNull(manager, "manager");
    }

    /** The optimizer {@code train.optimizer} names, with the config's learning rate and clip norm. */
    public static Optimizer of(TrainConfig train, NDManager manager) {
        return switch (train.optimizer()) {
            case TrainConfig.ADAGRAD -> new AdaGrad(train.learningRate(), train.initialAccumulator(),
                train.embeddingInitialAccumulator(), train.clipNorm(), manager);
            case TrainConfig.ADAM -> new Adam(train.learningRate(), train.clipNorm(), manager);
            default -> throw new IllegalArgumentException("unknown train.optimizer " + train.optimizer());
        };
    }

    /**
     * Applies one update from the gradients of a backward pass, then zeroes the dense gradients (PyTorch would
     * otherwise accumulate them into the next step). Must run outside a gradient collector, on parameters that no
     * longer require a gradient, so that the in-place updates are not recorded.
     *
     * @param dense     parameters to update
     * @param gradients the gradient of each dense parameter, same order; they are zeroed
     * @param touched   the sparse rows of the step (a request that received no gradient adds nothing)
     * @return the global gradient norm before clipping
     * @throws ArithmeticException if a gradient is NaN or infinite; nothing is updated then and the dense gradients
     *                             are cleared, so the model stays usable
     */
    public final double step(List<Parameter> dense, List<NDArray> gradients, List<SparseLookup.TouchedRows> touched) {
        if (dense.size() != gradients.size()) {
            throw new IllegalArgumentException(dense.size() + " parameters but " + gradients.size() + " gradients");
        }
        try (NDScope scope = new NDScope()) {
            double squaredNorm = 0;
            for (NDArray gradient : gradients) {
                squaredNorm += gradient.square().sum().getFloat();
            }
            float[][] sparseGradients = new float[touched.size()][];
            for (int i = 0; i < sparseGradients.length; i++) {
                sparseGradients[i] = touched.get(i).gradient();
                squaredNorm += squaredSum(sparseGradients[i]);
            }
            double norm = Math.sqrt(squaredNorm);
            if (!Double.isFinite(norm)) {
                gradients.forEach(Optimizer::clear);
                throw new ArithmeticException(
                    "non-finite gradient norm " + norm + "; the step was discarded, no parameter was updated");
            }
            float scale = (float) (norm > clipNorm ? clipNorm / norm : 1.0);
            beginStep();
            for (int i = 0; i < dense.size(); i++) {
                updateParameter(dense.get(i), gradients.get(i).mul(scale));
                clear(gradients.get(i));
            }
            for (int i = 0; i < sparseGradients.length; i++) {
                updateTouchedRows(touched.get(i), sparseGradients[i], scale);
            }
            return norm;
        }
    }

    /** Called once per accepted step, before its updates. */
    void beginStep() {}

    /** Start values of the state a dense parameter keeps, one engine array of its shape per value. */
    abstract float[] denseStateStart();

    /** Start values of the state an embedding row keeps, one number per coordinate and value. */
    abstract float[] rowStateStart();

    /** Updates {@code weight} and its {@code state} in place from the clipped {@code gradient}. */
    abstract void updateDense(NDArray weight, NDArray[] state, NDArray gradient);

    /**
     * Updates one embedding row in place: {@code weights[offset, offset + width)} and each {@code states[k]} at the
     * same positions, from the clipped gradient {@code scale * gradient[from, from + width)}. One call per row, so
     * that the loop over its coordinates vectorises.
     */
    abstract void updateRow(float[] weights, float[][] states, int offset, float[] gradient, int from, int width,
                            float scale);

    private void updateParameter(Parameter parameter, NDArray gradient) {
        NDArray weight = parameter.getArray();
        NDArray[] state = denseStates.computeIfAbsent(parameter, p -> {
            float[] start = denseStateStart();
            NDArray[] arrays = new NDArray[start.length];
            for (int k = 0; k < start.length; k++) {
                arrays[k] = manager.full(weight.getShape(), start[k]);
                NDScope.unregister(arrays[k]);
            }
            return arrays;
        });
        updateDense(weight, state, gradient);
    }

    /** Only the touched rows and their state change; state of untouched rows stays unallocated at its start. */
    private void updateTouchedRows(SparseLookup.TouchedRows rows, float[] gradient, float scale) {
        EmbeddingTable table = rows.table();
        LazyRowMatrix values = table.values();
        LazyRowMatrix[] state = rowStates.computeIfAbsent(table, t -> {
            float[] start = rowStateStart();
            LazyRowMatrix[] matrices = new LazyRowMatrix[start.length];
            for (int k = 0; k < start.length; k++) {
                matrices[k] = new LazyRowMatrix(t.rows(), t.width(), RowInitializer.constant(start[k]));
            }
            return matrices;
        });
        int width = table.width();
        int[] ids = rows.rows();
        for (int id : ids) {
            values.writablePage(id);
            for (LazyRowMatrix matrix : state) {
                matrix.writablePage(id);
            }
        }
        // the rows are distinct and their pages now allocated, so they update on all cores: they are scattered over
        // tables larger than the caches, and a second core doubles the misses in flight
        int chunks = (ids.length + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            float[][] statePages = new float[state.length][];
            for (int r = chunk * ROWS_PER_TASK; r < Math.min(ids.length, (chunk + 1) * ROWS_PER_TASK); r++) {
                for (int k = 0; k < state.length; k++) {
                    statePages[k] = state[k].writablePage(ids[r]);
                }
                updateRow(values.writablePage(ids[r]), statePages, values.offsetInPage(ids[r]), gradient, r * width,
                    width, scale);
            }
        });
    }

    /** The sum of squares in four independent running sums: one sum waits for each addition before the next. */
    static double squaredSum(float[] values) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < values.length; i += 4) {
            s0 += (double) values[i] * values[i];
            s1 += (double) values[i + 1] * values[i + 1];
            s2 += (double) values[i + 2] * values[i + 2];
            s3 += (double) values[i + 3] * values[i + 3];
        }
        for (; i < values.length; i++) {
            s0 += (double) values[i] * values[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Fills in place (unlike {@code muli(0)}, which keeps NaN), so the next step starts from zero. */
    /**
     * Zeroes the gradients {@code parameters} have accumulated, for a step that failed before {@link #step} could
     * consume them (PyTorch would otherwise carry them into the next step).
     */
    public static void clearGradients(List<Parameter> parameters) {
        for (Parameter parameter : parameters) {
            NDArray array = parameter.getArray();
            if (array.hasGradient()) {
                clear(array.getGradient());
            }
        }
    }

    private static void clear(NDArray gradient) {
        gradient.set(new NDIndex("..."), 0f);
    }
}
