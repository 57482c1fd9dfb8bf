package org.mgdspr.model.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;

import org.mgdspr.model.config.TrainConfig;
import org.mgdspr.model.nn.SparseLookup;

import java.util.List;
import java.util.Objects;

/**
 * A first-order update after clipping the global gradient norm over all parameters, dense and sparse, to
 * {@code clipNorm} (paper §5.2). Dense parameters keep engine-side state of their shape; embedding tables are
 * updated row-sparsely, only the rows a step touched ({@link SparseLookup.TouchedRows}), on the Java heap. Not
 * thread-safe: one trainer thread.
 */
public abstract sealed class Optimizer permits AdaGrad, Adam {

    private final double clipNorm;
    private final NDManager manager;

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
                updateDense(dense.get(i), gradients.get(i).mul(scale));
                clear(gradients.get(i));
            }
            for (int i = 0; i < sparseGradients.length; i++) {
                updateRows(touched.get(i), sparseGradients[i], scale);
            }
            return norm;
        }
    }

    /** Called once per accepted step, before its updates. */
    void beginStep() {}

    /** Updates {@code parameter} in place from its clipped {@code gradient}. */
    abstract void updateDense(Parameter parameter, NDArray gradient);

    /** Updates the touched rows in place; {@code gradient} is row-major and still to be multiplied by {@code scale}. */
    abstract void updateRows(SparseLookup.TouchedRows rows, float[] gradient, float scale);

    /** A dense state array of {@code weight}'s shape filled with {@code value}, owned by the optimizer's manager. */
    final NDArray denseState(NDArray weight, float value) {
        NDArray created = manager.full(weight.getShape(), value);
        NDScope.unregister(created);
        return created;
    }

    /** Fills in place (unlike {@code muli(0)}, which keeps NaN), so the next step starts from zero. */
    private static void clear(NDArray gradient) {
        gradient.set(new NDIndex("..."), 0f);
    }
}
