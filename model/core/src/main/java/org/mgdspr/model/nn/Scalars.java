package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Tensor-with-constant arithmetic that is safe on the autograd graph.
 *
 * <p>DJL's {@code NDArray.div(Number)} (likewise {@code mul}, {@code maximum}) wraps the constant in a tensor that
 * aliases a Java direct buffer and closes it right after the op. PyTorch saves that tensor for the backward pass,
 * so once the garbage collector frees the buffer the backward pass reads freed memory: sporadic garbage or NaN
 * gradients, reproducible by forcing frequent collections. These helpers use an engine-allocated 0-d constant
 * instead, which the autograd graph keeps alive by reference counting.
 */
public final class Scalars {

    private Scalars() {}

    public static NDArray div(NDArray x, float value) {
        try (NDArray constant = constant(x, value)) {
            return x.div(constant);
        }
    }

    public static NDArray add(NDArray x, float value) {
        try (NDArray constant = constant(x, value)) {
            return x.add(constant);
        }
    }

    public static NDArray maximum(NDArray x, float value) {
        try (NDArray constant = constant(x, value)) {
            return x.maximum(constant);
        }
    }

    private static NDArray constant(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType());
    }
}
