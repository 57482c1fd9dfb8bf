package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * Parameter-free pooling and attention primitives of the user tower. Masks are float32, 1 = present, 0 = padding.
 */
public final class Attention {

    /**
     * Added to the logit of a padded key. Finite on purpose: when every key is padding the softmax stays uniform
     * instead of 0/0, so fully empty inputs never produce NaN (their outputs are masked or zero anyway).
     */
    static final float PADDING_LOGIT = -1e9f;

    private Attention() {}

    /**
     * Mean over the second-to-last axis of the present rows: {@code x (..., L, w)}, {@code mask (..., L)} →
     * {@code (..., w)}; an all-padding set yields the zero vector.
     */
    public static NDArray maskedMean(NDArray x, NDArray mask) {
        NDArray count = mask.sum(new int[] {-1}, true).maximum(1f);
        // (..., 1, L) x (..., L, w): one batched product instead of materialising x * mask
        return mask.expandDims(-2).matMul(x).squeeze(-2).div(count);
    }

    /** {@code logits (B, R, T) + PADDING_LOGIT where keyMask (B, T) is 0}. */
    public static NDArray maskLogits(NDArray logits, NDArray keyMask) {
        return logits.add(keyMask.expandDims(1).sub(1f).mul(-PADDING_LOGIT));
    }

    /**
     * Weights of {@code QAttn(Q, [0; Z])} (paper Eq. 11-13): {@code softmax(Q · [0; Z]ᵀ)} with the zero row never
     * masked, {@code Q (B, R, d)}, {@code Z (B, T, d)}, {@code mask (B, T)} → {@code (B, R, T + 1)}, column 0 = zero
     * row. Its logit is always 0, so when every present row scores clearly below 0 the mass moves onto it.
     *
     * @param scaled divide the logits by {@code sqrt(d)}; the paper prints raw dot products
     */
    public static NDArray zeroSlotWeights(NDArray query, NDArray keys, NDArray mask, boolean scaled) {
        NDList padded = withZeroRow(keys, mask);
        return weights(query, padded.get(0), padded.get(1), scaled);
    }

    /** {@code QAttn(Q, [0; Z]) = zeroSlotWeights · [0; Z]}, shape {@code (B, R, d)}. */
    public static NDArray zeroSlotAttend(NDArray query, NDArray keys, NDArray mask, boolean scaled) {
        NDList padded = withZeroRow(keys, mask);
        return weights(query, padded.get(0), padded.get(1), scaled).matMul(padded.get(0));
    }

    /** Plain masked dot-product attention {@code softmax(Q · Zᵀ) · Z} (paper Eq. 6, no zero row). */
    public static NDArray attend(NDArray query, NDArray keys, NDArray mask, boolean scaled) {
        return weights(query, keys, mask, scaled).matMul(keys);
    }

    private static NDArray weights(NDArray query, NDArray keys, NDArray mask, boolean scaled) {
        NDArray logits = query.matMul(keys.transpose(0, 2, 1));
        if (scaled) {
            logits = Scalars.div(logits, (float) Math.sqrt(keys.getShape().get(2)));
        }
        return maskLogits(logits, mask).softmax(-1);
    }

    private static NDList withZeroRow(NDArray keys, NDArray mask) {
        Shape shape = keys.getShape();
        NDArray zeroRow = keys.getManager().zeros(new Shape(shape.get(0), 1, shape.get(2)), keys.getDataType());
        NDArray present = mask.getManager().ones(new Shape(shape.get(0), 1), mask.getDataType());
        return new NDList(zeroRow.concat(keys, 1), present.concat(mask, 1));
    }
}
