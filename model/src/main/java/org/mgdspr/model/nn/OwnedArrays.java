package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Creates engine arrays from Java data in engine-allocated memory.
 *
 * <p>DJL's PyTorch engine wraps a Java direct buffer without copying ({@code from_blob}) and keeps the buffer alive
 * only through that one Java wrapper, while views and tensors saved for the backward pass reference the memory
 * natively; closing the wrapper early would leave them reading memory the garbage collector may free (see
 * {@link Scalars} for the case that did happen). A clone is owned and reference-counted by the engine, so array
 * lifetimes in this module never depend on Java reachability.
 */
public final class OwnedArrays {

    private OwnedArrays() {}

    public static NDArray create(NDManager manager, float[] data, Shape shape) {
        try (NDArray borrowed = manager.create(data, shape)) {
            return borrowed.duplicate();
        }
    }

    public static NDArray create(NDManager manager, long[] data, Shape shape) {
        try (NDArray borrowed = manager.create(data, shape)) {
            return borrowed.duplicate();
        }
    }
}
