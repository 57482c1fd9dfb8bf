package org.mgdspr.model.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

import org.mgdspr.model.nn.EmbeddingTable;
import org.mgdspr.model.nn.LazyRowMatrix;
import org.mgdspr.model.nn.RowInitializer;
import org.mgdspr.model.nn.SparseLookup;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * AdaGrad ({@code acc += g²; w -= lr * g / sqrt(acc)}, TensorFlow's form with an initial accumulator), the paper's
 * optimizer. Accumulators of untouched rows stay unallocated at their initial value.
 */
public final class AdaGrad extends Optimizer {

    /** Guards the division when the initial accumulator is 0 and a gradient is exactly 0. */
    private static final float EPSILON = 1e-10f;

    private final float learningRate;
    private final float initialAccumulator;
    private final float rowInitialAccumulator;
    private final Map<Parameter, NDArray> denseAccumulators = new IdentityHashMap<>();
    private final Map<EmbeddingTable, LazyRowMatrix> sparseAccumulators = new IdentityHashMap<>();

    /**
     * @param manager owner of the dense accumulators (the training's manager); they live as long as it does
     */
    public AdaGrad(double learningRate, double initialAccumulator, double rowInitialAccumulator, double clipNorm,
                   NDManager manager) {
        super(clipNorm, manager);
        if (!(learningRate > 0) || !(initialAccumulator >= 0) || !(rowInitialAccumulator >= 0)) {
            throw new IllegalArgumentException("AdaGrad needs lr > 0 and initial accumulators >= 0, got "
                + learningRate + ", " + initialAccumulator + ", " + rowInitialAccumulator);
        }
        this.learningRate = (float) learningRate;
        this.initialAccumulator = (float) initialAccumulator;
        this.rowInitialAccumulator = (float) rowInitialAccumulator;
    }

    @Override
    void updateDense(Parameter parameter, NDArray gradient) {
        NDArray weight = parameter.getArray();
        NDArray accumulator = denseAccumulators.computeIfAbsent(parameter, p -> denseState(weight, initialAccumulator));
        accumulator.addi(gradient.square());
        weight.subi(gradient.mul(learningRate).div(accumulator.sqrt().add(EPSILON)));
    }

    @Override
    void updateRows(SparseLookup.TouchedRows rows, float[] gradient, float scale) {
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
