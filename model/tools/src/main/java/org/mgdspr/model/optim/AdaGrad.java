package org.mgdspr.model.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;

import org.mgdspr.model.nn.EmbeddingTable;
import org.mgdspr.model.nn.LazyRowMatrix;
import org.mgdspr.model.nn.RowInitializer;
import org.mgdspr.model.nn.SparseLookup;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * AdaGrad ({@code acc += g²; w -= lr * g / sqrt(acc)}, TensorFlow's form with an initial accumulator) after
 * clipping the global gradient norm over all parameters, dense and sparse, to {@code clipNorm} (paper §5.2).
 *
 * <p>Dense parameters keep an engine-side accumulator of their shape. Embedding tables are updated row-sparsely:
 * only the rows a step touched ({@link SparseLookup.TouchedRows}) and their accumulator rows change, on the Java
 * heap; accumulators of untouched rows stay unallocated at their initial value. Not thread-safe: one trainer thread.
 */
public final class AdaGrad {

    /** Guards the division when the initial accumulator is 0 and a gradient is exactly 0. */
    private static final float EPSILON = 1e-10f;

    private final float learningRate;
    private final float initialAccumulator;
    private final float rowInitialAccumulator;
    private final double clipNorm;
    private final NDManager manager;
    private final Map<Parameter, NDArray> denseAccumulators = new IdentityHashMap<>();
    private final Map<EmbeddingTable, LazyRowMatrix> sparseAccumulators = new IdentityHashMap<>();

    /**
     * @param manager owner of the dense accumulators (the training's manager); they live as long as it does
     */
    public AdaGrad(double learningRate, double initialAccumulator, double rowInitialAccumulator, double clipNorm,
                   NDManager manager) {
        if (!(learningRate > 0) || !(initialAccumulator >= 0) || !(rowInitialAccumulator >= 0) || !(clipNorm > 0)) {
            throw new IllegalArgumentException("AdaGrad needs lr > 0, initial accumulators >= 0 and clip norm > 0, got "
                + learningRate + ", " + initialAccumulator + ", " + rowInitialAccumulator + ", " + clipNorm);
        }
        this.learningRate = (float) learningRate;
        this.initialAccumulator = (float) initialAccumulator;
        this.rowInitialAccumulator = (float) rowInitialAccumulator;
        this.clipNorm = clipNorm;
        this.manager = Objects.requireNonNull(manager, "manager");
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
    public double step(List<Parameter> dense, List<NDArray> gradients, List<SparseLookup.TouchedRows> touched) {
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
                gradients.forEach(AdaGrad::clear);
                throw new ArithmeticException(
                    "non-finite gradient norm " + norm + "; the step was discarded, no parameter was updated");
            }
            float scale = (float) (norm > clipNorm ? clipNorm / norm : 1.0);
            for (int i = 0; i < dense.size(); i++) {
                updateDense(dense.get(i), gradients.get(i).mul(scale));
                clear(gradients.get(i));
            }
            for (int i = 0; i < sparseGradients.length; i++) {
                updateRows(touched.get(i), sparseGradients[i], scale);
            }
            return norm;
        }
    }

    /** Fills in place (unlike {@code muli(0)}, which keeps NaN), so the next step starts from zero. */
    private static void clear(NDArray gradient) {
        gradient.set(new NDIndex("..."), 0f);
    }

    private void updateDense(Parameter parameter, NDArray gradient) {
        NDArray weight = parameter.getArray();
        NDArray accumulator = denseAccumulators.computeIfAbsent(parameter, p -> {
            NDArray created = manager.full(weight.getShape(), initialAccumulator);
            NDScope.unregister(created);
            return created;
        });
        accumulator.addi(gradient.square());
        weight.subi(gradient.mul(learningRate).div(accumulator.sqrt().add(EPSILON)));
    }

    private void updateRows(SparseLookup.TouchedRows rows, float[] gradient, float scale) {
        EmbeddingTable table = rows.table();
        LazyRowMatrix values = table.values();
        LazyRowMatrix accumulators = sparseAccumulators.computeIfAbsent(table,
            t -> new LazyRowMatrix(t.rows(), t.width(), RowInitializer.constant(rowInitialAccumulator)));
        int width = table.width();
        int[] ids = rows.rows();
        for (int r = 0; r < ids.length; r++) {
            float[] weightPage = values.writablePage(ids[r]);
            float[] accumulatorPage = accumulators.writablePage(ids[r]);
            int offset = values.offsetInPage(ids[r]);
            for (int c = 0; c < width; c++) {
                float g = gradient[r * width + c] * scale;
                float accumulator = accumulatorPage[offset + c] + g * g;
                accumulatorPage[offset + c] = accumulator;
                weightPage[offset + c] -= learningRate * g / ((float) Math.sqrt(accumulator) + EPSILON);
            }
        }
    }
}
