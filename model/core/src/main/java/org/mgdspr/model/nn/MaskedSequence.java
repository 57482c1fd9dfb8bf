package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

import java.util.Objects;

/**
 * Embedded rows and their presence mask: {@code values (B, ..., L, w)} and {@code mask (B, ..., L)}, float32 with
 * 1 = present and 0 = padding. Padded rows embed to zeros; every block ignores them through the mask.
 */
public record MaskedSequence(NDArray values, NDArray mask) {

    /** Arrays in {@link #toNDList()}: values, then mask. */
    public static final int SIZE = 2;

    public MaskedSequence {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(mask, "mask");
    }

    /** The block-boundary form {@code (values, mask)}. */
    public NDList toNDList() {
        return new NDList(values, mask);
    }

    /** Reads the pair at {@code list[at]}, {@code list[at + 1]}. */
    public static MaskedSequence from(NDList list, int at) {
        return new MaskedSequence(list.get(at), list.get(at + 1));
    }

    /** The mean of the present rows, {@code (B, ..., w)}; zeros when every row is padding. */
    public NDArray mean() {
        return Attention.maskedMean(values, mask);
    }
}
