package org.mgdspr.model.serving;

import org.mgdspr.model.features.EncodedUser;

import java.util.ArrayList;
import java.util.List;

/**
 * The MGDSPR user tower ({@code MgdsprUserTowerBlock}) at inference: {@code Q}, then per enabled behaviour part its
 * query attention over {@code [0; encoded behaviour]}, then the fusion. The real-time and short-term encoders end in
 * a self-attention whose output projection the query attention applies once per query row rather than to every
 * behaviour position.
 */
final class MgdsprUserForward implements UserForward {

    private final QueryForward query;
    private final BehaviorEmbedding behavior;
    private final RealTimeForward realTime;
    private final SelfAttentionForward shortTerm;
    private final LongTermForward longTerm;
    private final ZeroSlotAttention attention;
    private final PartFusion fusion;

    /** Disabled parts are null. */
    MgdsprUserForward(QueryForward query, BehaviorEmbedding behavior, RealTimeForward realTime,
                      SelfAttentionForward shortTerm, LongTermForward longTerm, boolean scaledAttention,
                      PartFusion fusion) {
        this.query = query;
        this.behavior = behavior;
        this.realTime = realTime;
        this.shortTerm = shortTerm;
        this.longTerm = longTerm;
        this.attention = new ZeroSlotAttention(behavior.dim(), scaledAttention);
        this.fusion = fusion;
    }

    @Override
    public float[] apply(EncodedUser user) {
        int dim = behavior.dim();
        float[] q = query.apply(user);
        int rows = query.rows();
        List<float[]> parts = new ArrayList<>(List.of(q));
        if (realTime != null) {
            int steps = BehaviorEmbedding.steps(user.realTime());
            boolean[] present = new boolean[steps];
            for (int t = 0; t < steps; t++) {
                present[t] = user.realTime().itemIds()[t] != 0;
            }
            float[] encoded = realTime.headOutputs(behavior.rows(user.realTime(), steps), steps, present);
            parts.add(attendProjected(q, rows, encoded, realTime.outputProjection()));
        }
        if (shortTerm != null) {
            int steps = BehaviorEmbedding.steps(user.shortTerm());
            float[] present = behavior.present(behavior.rows(user.shortTerm(), steps), user.shortTerm(), steps);
            int count = present.length / dim;
            parts.add(attendProjected(q, rows, count == 0 ? present : shortTerm.headOutputs(present, count, count),
                shortTerm.outputProjection()));
        }
        if (longTerm != null) {
            parts.add(longTerm.attend(q, rows, user.longTerm()));
        }
        return fusion.fuse(parts, rows);
    }

    /** The query attention over the rows of a self-attention whose output projection is still to be applied. */
    private float[] attendProjected(float[] q, int rows, float[] headOutputs, DenseLayer projection) {
        int dim = behavior.dim();
        float[] out = new float[rows * dim];
        attention.attendProjected(q, rows, headOutputs, headOutputs.length / dim, projection, out);
        return out;
    }
}
