package org.mgdspr.plugin.registry;

import org.mgdspr.model.artifact.ModelArtifact;
import org.mgdspr.model.config.ModelConfig;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Small but real artifacts for registry tests: a valid config plus a parameter blob of a chosen size. */
final class TestArtifacts {

    private TestArtifacts() {}

    static byte[] smallModel(int paramBytes) {
        byte[] params = new byte[paramBytes];
        for (int i = 0; i < params.length; i++) {
            params[i] = (byte) (i * 7 + 3);
        }
        return ModelArtifact.of(Map.of(
            ArtifactVerifier.CONFIG_ENTRY, ModelConfig.preset("small").toJson().getBytes(StandardCharsets.UTF_8),
            "item_tower.params", params)).toBytes();
    }
}
