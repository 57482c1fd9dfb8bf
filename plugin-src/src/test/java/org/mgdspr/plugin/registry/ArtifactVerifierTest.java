package org.mgdspr.plugin.registry;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.artifact.InvalidArtifactException;
import org.mgdspr.model.artifact.ModelArtifact;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArtifactVerifierTest {

    @Test
    void acceptsAValidArtifactAndReportsItsDimension() {
        byte[] artifact = TestArtifacts.smallModel(1000);
        ArtifactVerifier.Verified verified = ArtifactVerifier.verify(artifact, ModelArtifact.sha256(artifact));
        assertEquals(64, verified.dimension());
        assertEquals(artifact.length, verified.sizeInBytes());
        assertEquals(ModelArtifact.sha256(artifact), verified.sha256());
    }

    @Test
    void aChecksumMismatchNamesBothChecksums() {
        byte[] artifact = TestArtifacts.smallModel(10);
        String wrong = "0".repeat(64);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ArtifactVerifier.verify(artifact, wrong));
        assertTrue(e.getMessage().contains(wrong) && e.getMessage().contains(ModelArtifact.sha256(artifact)));
    }

    @Test
    void rejectsNonArtifactsAndArtifactsWithoutAValidConfig() {
        assertThrows(InvalidArtifactException.class,
            () -> ArtifactVerifier.verify("hello".getBytes(StandardCharsets.UTF_8), null));
        byte[] noConfig = ModelArtifact.of(Map.of("params", new byte[] {1})).toBytes();
        InvalidArtifactException missing = assertThrows(InvalidArtifactException.class,
            () -> ArtifactVerifier.verify(noConfig, null));
        assertTrue(missing.getMessage().contains("config.json"), missing.getMessage());
        byte[] badConfig = ModelArtifact.of(Map.of("config.json",
            "{\"tower\":{\"heads\":5}}".getBytes(StandardCharsets.UTF_8))).toBytes();
        InvalidArtifactException invalid = assertThrows(InvalidArtifactException.class,
            () -> ArtifactVerifier.verify(badConfig, null));
        assertTrue(invalid.getMessage().contains("tower.heads"), invalid.getMessage());
    }
}
