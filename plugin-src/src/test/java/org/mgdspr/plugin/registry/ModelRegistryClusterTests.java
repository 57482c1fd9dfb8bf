package org.mgdspr.plugin.registry;

import org.mgdspr.model.testing.TinyModels;
import com.carrotsearch.randomizedtesting.annotations.ThreadLeakFilters;

import org.mgdspr.model.artifact.ModelArtifact;
import org.mgdspr.plugin.CommonPoolThreadFilter;
import org.mgdspr.plugin.MgdsprPlugin;
import org.opensearch.OpenSearchStatusException;
import org.opensearch.ResourceNotFoundException;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.knn.plugin.KNNPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.test.OpenSearchIntegTestCase;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** The model registry on a three-node in-JVM cluster: chunked upload, verification, listing and deletion. */
@ThreadLeakFilters(filters = CommonPoolThreadFilter.class)
@OpenSearchIntegTestCase.ClusterScope(scope = OpenSearchIntegTestCase.Scope.SUITE, numDataNodes = 3)
public class ModelRegistryClusterTests extends OpenSearchIntegTestCase {

    @Override
    protected Collection<Class<? extends Plugin>> nodePlugins() {
        return List.of(KNNPlugin.class, MgdsprPlugin.class);
    }

    public void testChunkedUploadIsVerifiedListedAndDeleted() throws Exception {
        byte[] artifact = TinyModels.artifact().artifact().toBytes();
        uploadChunks("shop-v1", artifact, 3);
        ModelRecord ready = client().execute(RegistryActions.COMMIT,
            new ModelIdRequest("shop-v1", ModelArtifact.sha256(artifact))).actionGet().models().get(0);
        assertEquals(ModelState.READY, ready.state());
        assertEquals(TinyModels.DIMENSION, ready.dimension());
        assertEquals(artifact.length, ready.sizeInBytes());
        assertEquals(3, ready.chunkCount());

        ModelRecord fetched = client(internalCluster().getNodeNames()[2])
            .execute(RegistryActions.GET, new ModelIdRequest("shop-v1", null)).actionGet().models().get(0);
        assertEquals(ready, fetched);
        List<ModelRecord> all = client().execute(RegistryActions.GET, new ModelIdRequest(null, null)).actionGet().models();
        assertEquals(List.of("shop-v1"), all.stream().map(ModelRecord::modelId).toList());

        OpenSearchStatusException taken = expectThrows(OpenSearchStatusException.class,
            () -> client().execute(RegistryActions.PUT_CHUNK, new ModelChunkRequest("shop-v1", 0, 1, artifact)).actionGet());
        assertEquals(RestStatus.CONFLICT, taken.status());

        assertTrue(client().execute(RegistryActions.DELETE, new DeleteModelRequest("shop-v1", false)).actionGet().isAcknowledged());
        expectThrows(ResourceNotFoundException.class,
            () -> client().execute(RegistryActions.GET, new ModelIdRequest("shop-v1", null)).actionGet());
    }

    public void testCommitWithAMissingChunkOrWrongChecksumFailsAndKeepsTheUpload() throws Exception {
        byte[] artifact = TinyModels.artifact().artifact().toBytes();
        byte[][] chunks = split(artifact, 2);
        client().execute(RegistryActions.PUT_CHUNK, new ModelChunkRequest("partial", 0, 2, chunks[0])).actionGet();
        IllegalArgumentException missing = expectThrows(IllegalArgumentException.class, () -> client()
            .execute(RegistryActions.COMMIT, new ModelIdRequest("partial", ModelArtifact.sha256(artifact))).actionGet());
        assertTrue(missing.getMessage(), missing.getMessage().contains("chunk 1 of 2"));

        client().execute(RegistryActions.PUT_CHUNK, new ModelChunkRequest("partial", 1, 2, chunks[1])).actionGet();
        OpenSearchStatusException replaced = expectThrows(OpenSearchStatusException.class, () -> client()
            .execute(RegistryActions.PUT_CHUNK, new ModelChunkRequest("partial", 1, 2, chunks[0])).actionGet());
        assertEquals(RestStatus.CONFLICT, replaced.status());
        assertTrue(replaced.getMessage(), replaced.getMessage().contains("a chunk cannot be replaced"));
        IllegalArgumentException wrongSum = expectThrows(IllegalArgumentException.class, () -> client()
            .execute(RegistryActions.COMMIT, new ModelIdRequest("partial", "f".repeat(64))).actionGet());
        assertTrue(wrongSum.getMessage(), wrongSum.getMessage().contains("SHA-256"));
        assertEquals(ModelState.UPLOADING, client().execute(RegistryActions.GET, new ModelIdRequest("partial", null))
            .actionGet().models().get(0).state());

        assertEquals(ModelState.READY, client().execute(RegistryActions.COMMIT,
            new ModelIdRequest("partial", ModelArtifact.sha256(artifact))).actionGet().models().get(0).state());
        client().execute(RegistryActions.DELETE, new DeleteModelRequest("partial", false)).actionGet();
    }

    public void testInvalidRequestsNameTheProblem() {
        ActionRequestValidationException badId = expectThrows(ActionRequestValidationException.class,
            () -> client().execute(RegistryActions.PUT_CHUNK, new ModelChunkRequest("Bad Id", 0, 1, new byte[] {1})).actionGet());
        assertTrue(badId.getMessage(), badId.getMessage().contains("invalid model_id"));
        expectThrows(ActionRequestValidationException.class,
            () -> client().execute(RegistryActions.PUT_CHUNK, new ModelChunkRequest("ok", 2, 2, new byte[] {1})).actionGet());
        expectThrows(ResourceNotFoundException.class,
            () -> client().execute(RegistryActions.COMMIT, new ModelIdRequest("never-uploaded", "a".repeat(64))).actionGet());
        OpenSearchStatusException orphan = expectThrows(OpenSearchStatusException.class, () -> {
            client().execute(RegistryActions.PUT_CHUNK, new ModelChunkRequest("orphan", 0, 3, new byte[] {1})).actionGet();
            client().execute(RegistryActions.PUT_CHUNK, new ModelChunkRequest("orphan", 1, 2, new byte[] {1})).actionGet();
        });
        assertEquals(RestStatus.CONFLICT, orphan.status());
        client().execute(RegistryActions.DELETE, new DeleteModelRequest("orphan", false)).actionGet();
    }

    private void uploadChunks(String modelId, byte[] artifact, int chunkCount) {
        byte[][] chunks = split(artifact, chunkCount);
        for (int i = 0; i < chunkCount; i++) {
            assertTrue(client().execute(RegistryActions.PUT_CHUNK,
                new ModelChunkRequest(modelId, i, chunkCount, chunks[i])).actionGet().isAcknowledged());
        }
    }

    private static byte[][] split(byte[] bytes, int parts) {
        byte[][] chunks = new byte[parts][];
        int size = (bytes.length + parts - 1) / parts;
        for (int i = 0; i < parts; i++) {
            chunks[i] = Arrays.copyOfRange(bytes, i * size, Math.min(bytes.length, (i + 1) * size));
        }
        return chunks;
    }
}
