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

/**
 * A first-order update after clipping the global gradient norm over all parameters, dense and sparse, to
 * {@code clipNorm} (paper §5.2). Dense parameters keep engine-side state of their shape; embedding tables are
 * updated row-sparsely, only the rows a step touched ({@link SparseLookup.TouchedRows}), with their state in lazily
 * allocated matrices on the Java heap. A subclass gives its state's start values and its update rule. Not
 * thread-safe: one trainer thread.
 */
public abstract sealed class Optimizer permits AdaGrad, Adam {

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
     * @param touched   the sparse rows of the step (a leaf that received no gradient has a zero one)
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
                NDArray leaf = touched.get(i).leaf();
                sparseGradients[i] = leaf.getGradient().toFloatArray();
                for (float g : sparseGradients[i]) {
                    squaredNorm += (double) g * g;
                }
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
     * Updates one coordinate of an embedding row: {@code weights[index]} and each {@code states[k][index]}, from
     * its clipped gradient {@code g}.
     */
    abstract void updateCoordinate(float[] weights, float[][] states, int index, float g);

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
        float[][] statePages = new float[state.length][];
        for (int r = 0; r < ids.length; r++) {
            float[] weightPage = values.writablePage(ids[r]);
            for (int k = 0; k < state.length; k++) {
                statePages[k] = state[k].writablePage(ids[r]);
            }
            int offset = values.offsetInPage(ids[r]);
            for (int c = 0; c < width; c++) {
                updateCoordinate(weightPage, statePages, offset + c, gradient[r * width + c] * scale);
            }
        }
    }

    /** Fills in place (unlike {@code muli(0)}, which keeps NaN), so the next step starts from zero. */
    private static void clear(NDArray gradient) {
        gradient.set(new NDIndex("..."), 0f);
    }
}
