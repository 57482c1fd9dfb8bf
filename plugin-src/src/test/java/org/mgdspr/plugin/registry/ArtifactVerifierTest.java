package org.mgdspr.plugin.registry;

import org.mgdspr.model.testing.TinyModels;
import org.junit.jupiter.api.Test;
import org.mgdspr.model.artifact.InvalidArtifactException;
import org.mgdspr.model.artifact.ModelArtifact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArtifactVerifierTest {

    @Test
    void acceptsARealModelAndReportsItsDimension() throws IOException {
        byte[] artifact = TinyModels.artifact().artifact().toBytes();
        ArtifactVerifier.Verified verified = ArtifactVerifier.verify(artifact, ModelArtifact.sha256(artifact));
        assertEquals(TinyModels.DIMENSION, verified.dimension());
        assertEquals(artifact.length, verified.sizeInBytes());
        assertEquals(ModelArtifact.sha256(artifact), verified.sha256());
    }

    @Test
    void aChecksumMismatchNamesBothChecksums() throws IOException {
        byte[] artifact = TinyModels.artifact().artifact().toBytes();
        String wrong = "0".repeat(64);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ArtifactVerifier.verify(artifact, wrong));
        assertTrue(e.getMessage().contains(wrong) && e.getMessage().contains(ModelArtifact.sha256(artifact)));
    }

    @Test
    void rejectsNonArtifactsAndArtifactsThatAreNotCompleteModels() throws IOException {
        assertThrows(InvalidArtifactException.class,
            () -> ArtifactVerifier.verify("hello".getBytes(StandardCharsets.UTF_8), null));
        byte[] notAModel = ModelArtifact.of(Map.of("params", new byte[] {1})).toBytes();
        InvalidArtifactException missing = assertThrows(InvalidArtifactException.class,
            () -> ArtifactVerifier.verify(notAModel, null));
        assertTrue(missing.getMessage().contains("mgdspr.json"), missing.getMessage());

        ModelArtifact real = TinyModels.artifact().artifact();
        Map<String, byte[]> entries = new TreeMap<>();
        real.entryNames().forEach(name -> entries.put(name, real.entry(name)));
        entries.put("config.json", "{\"tower\":{\"heads\":5}}".getBytes(StandardCharsets.UTF_8));
        InvalidArtifactException invalid = assertThrows(InvalidArtifactException.class,
            () -> ArtifactVerifier.verify(ModelArtifact.of(entries).toBytes(), null));
        assertTrue(invalid.getMessage().contains("tower.heads"), invalid.getMessage());
    }
}
