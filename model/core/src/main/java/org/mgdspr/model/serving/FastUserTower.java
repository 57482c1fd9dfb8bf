package org.mgdspr.model.serving;

import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.features.EncodedUser;

import java.util.List;

/**
 * A trained user tower compiled into plain float arrays ({@link UserTowerCompiler}): one forward per user that
 * costs the arithmetic of the tower, not one engine call per operation. Gives the DJL tower's vectors up to float
 * rounding. Immutable and safe for concurrent use; it reads the tower's embedding tables, which must not be trained
 * while it serves.
 */
public final class FastUserTower {

    /** The DJL tower's floor under the norm: an all-zero output stays zero. */
    private static final float MIN_NORM = 1e-12f;

    private final ModelConfig config;
    private final UserForward forward;

    FastUserTower(ModelConfig config, UserForward forward) {
        this.config = config;
        this.forward = forward;
    }

    public ModelConfig config() {
        return config;
    }

    /** The user vector {@code u}, unit length when {@code tower.l2_normalize} is on. */
    public float[] embed(EncodedUser user) {
        PaddedInputs.check(user, config.features());
        float[] u = forward.apply(user);
        if (config.tower().l2Normalize()) {
            Kernels.normalize(u, MIN_NORM);
        }
        return u;
    }

    public float[][] embed(List<EncodedUser> users) {
        float[][] vectors = new float[users.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = embed(users.get(i));
        }
        return vectors;
    }
}
