package org.mgdspr.plugin.registry;

import org.mgdspr.model.artifact.MgdsprArtifact;
import org.mgdspr.model.artifact.ModelArtifact;

/**
 * Checks an uploaded artifact before the registry accepts it: the bytes must match the SHA-256 the client sent,
 * the zip must pass its own manifest checks, and it must be a complete MGDSPR model whose descriptor, config,
 * feature spec, tower configs and key-term lexicon agree. The tower parameters are checked by their checksums here
 * and loaded when a node first uses the model.
 */
public final class ArtifactVerifier {

    /** What the registry records about a verified artifact. */
    public record Verified(String sha256, long sizeInBytes, int dimension, String configJson, String fittedFusionJson,
                           Double fittedBrandBoostWeight) {}

    private ArtifactVerifier() {}

    /** @throws IllegalArgumentException (HTTP 400) naming what is wrong with the upload */
    public static Verified verify(byte[] artifactBytes, String expectedSha256) {
        String actual = ModelArtifact.sha256(artifactBytes);
        if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(actual)) {
            throw new IllegalArgumentException("uploaded artifact has SHA-256 [" + actual + "] but the client sent ["
                + expectedSha256 + "]: a chunk is missing, duplicated or corrupt");
        }
        MgdsprArtifact model = MgdsprArtifact.of(ModelArtifact.read(artifactBytes));
        return new Verified(actual, artifactBytes.length, model.config().tower().dim(), model.config().toJson(),
            model.fittedFusion().map(fusion -> fusion.toJson().toString()).orElse(null),
            model.fittedBrandBoostWeight().orElse(null));
    }
}
