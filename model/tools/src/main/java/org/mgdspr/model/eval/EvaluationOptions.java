package org.mgdspr.model.eval;

import java.util.Arrays;

/**
 * What an evaluation computes.
 *
 * @param cutoffs    the K values of Recall@K and P_good@K; the largest is the retrieval depth
 * @param gainOffset subtracted from a graded label to get its nDCG gain (Home Depot grades run 1..3 with 1 =
 *                   irrelevant, so 1; the simulator grades 0..2, so 0); negative gains become 0
 * @param bm25       also evaluate the in-process BM25 baseline
 * @param noUser     also evaluate the model with every user context emptied (measures personalisation)
 */
public record EvaluationOptions(int[] cutoffs, double gainOffset, boolean bm25, boolean noUser) {

    public EvaluationOptions {
        if (cutoffs.length == 0) {
            throw new IllegalArgumentException("at least one cutoff is needed");
        }
        cutoffs = cutoffs.clone();
        for (int k : cutoffs) {
            if (k < 1) {
                throw new IllegalArgumentException("cutoff K must be >= 1 but was " + k);
            }
        }
        if (!Double.isFinite(gainOffset)) {
            throw new IllegalArgumentException("gainOffset must be finite but was " + gainOffset);
        }
    }

    /** Recall@10/100/1000 with BM25 and the no-user variant. */
    public static EvaluationOptions standard(double gainOffset) {
        return new EvaluationOptions(new int[] {10, 100, 1000}, gainOffset, true, true);
    }

    @Override
    public int[] cutoffs() {
        return cutoffs.clone();
    }

    int depth() {
        return Arrays.stream(cutoffs).max().orElseThrow();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EvaluationOptions that && Arrays.equals(cutoffs, that.cutoffs)
            && gainOffset == that.gainOffset && bm25 == that.bm25 && noUser == that.noUser;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cutoffs) * 31 + Double.hashCode(gainOffset) * 7 + (bm25 ? 2 : 0) + (noUser ? 1 : 0);
    }

    @Override
    public String toString() {
        return "EvaluationOptions[cutoffs=" + Arrays.toString(cutoffs) + ", gainOffset=" + gainOffset + ", bm25="
            + bm25 + ", noUser=" + noUser + "]";
    }
}
