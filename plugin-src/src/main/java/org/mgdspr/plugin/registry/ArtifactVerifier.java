package org.mgdspr.plugin.registry;

import org.mgdspr.model.artifact.InvalidArtifactException;
import org.mgdspr.model.artifact.ModelArtifact;
import org.mgdspr.model.config.ModelConfig;

/**
 * Checks an uploaded artifact before the registry accepts it: the bytes must match the SHA-256 the client sent,
 * the zip must pass its own manifest checks, and its config must be a valid model config.
 */
public final class ArtifactVerifier {

    public static final String CONFIG_ENTRY = "config.json";

    /** What the registry records about a verified artifact. */
    public record Verified(String sha256, long sizeInBytes, int dimension, String configJson) {}

    private ArtifactVerifier() {}

    /** @throws IllegalArgumentException (HTTP 400) naming what is wrong with the upload */
    public static Verified verify(byte[] artifactBytes, String expectedSha256) {
        String actual = ModelArtifact.sha256(artifactBytes);
        if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(actual)) {
            throw new IllegalArgumentException("uploaded artifact has SHA-256 [" + actual + "] but the client sent ["
                + expectedSha256 + "]: a chunk is missing, duplicated or corrupt");
        }
        ModelArtifact artifact = ModelArtifact.read(artifactBytes);
        ModelConfig config;
        try {
            config = ModelConfig.fromJson(artifact.entryAsString(CONFIG_ENTRY));
        } catch (IllegalArgumentException e) {
            throw new InvalidArtifactException("artifact " + CONFIG_ENTRY + " is not a valid model config: " + e.getMessage(), e);
        }
        return new Verified(actual, artifactBytes.length, config.tower().dim(), config.toJson());
    }
}
