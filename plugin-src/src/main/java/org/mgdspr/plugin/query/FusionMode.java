package org.mgdspr.plugin.query;

import org.mgdspr.model.fusion.FusionMethod;

import java.util.Locale;

/**
 * The {@code fusion} of a {@code mgdspr} query: one of the fusion methods, or {@code auto}, the method and settings
 * the trainer fitted for the model on its validation queries (stored in the artifact, shown by GET models).
 */
public enum FusionMode {
    UNION,
    RRF,
    WEIGHTED,
    AUTO;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FusionMode of(FusionMethod method) {
        return valueOf(method.name());
    }

    /** The concrete method; {@code auto} has none until the coordinating node resolves it. */
    FusionMethod method() {
        if (this == AUTO) {
            throw new IllegalStateException("fusion [auto] must be resolved on the coordinating node first");
        }
        return FusionMethod.valueOf(name());
    }
}
