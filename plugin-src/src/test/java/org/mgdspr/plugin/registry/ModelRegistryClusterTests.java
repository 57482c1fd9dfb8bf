package org.mgdspr.plugin.registry;

import org.mgdspr.model.testing.TinyModels;
import com.carrotsearch.randomizedtesting.annotations.ThreadLeakFilters;

import org.mgdspr.model.artifact.ModelArtifact;
import org.mgdspr.plugin.CommonPoolThreadFilter;
import org.mgdspr.plugin.MgdsprPlugin;
import org.mgdspr.plugin.ingest.ItemText;
import org.mgdspr.plugin.serving.EmbedAction;
import org.mgdspr.plugin.serving.EmbedRequest;
import org.mgdspr.plugin.settings.MgdsprSettings;
import org.mgdspr.plugin.stats.MgdsprNodesRequest;
import org.mgdspr.plugin.stats.MgdsprStatsAction;
import org.mgdspr.plugin.stats.NodeStats;
import org.opensearch.OpenSearchStatusException;
import org.opensearch.ResourceNotFoundException;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.core.common.bytes.BytesArray;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.core.xcontent.MediaTypeRegistry;
import org.opensearch.knn.plugin.KNNPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.test.OpenSearchIntegTestCase;

import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.opensearch.test.hamcrest.OpenSearchAssertions.assertAcked;

/**
 * The model registry on a three-node in-JVM cluster: chunked and resumed uploads, verification, listing and
 * deletion, and what happens when a plain client rewrites, forges or deletes the registry's documents.
 */
@ThreadLeakFilters(filters = CommonPoolThreadFilter.class)
@OpenSearchIntegTestCase.ClusterScope(scope = OpenSearchIntegTestCase.Scope.SUITE, numDataNodes = 3)
public class ModelRegistryClusterTests extends OpenSearchIntegTestCase {

    private static final int MAX_CHUNK_BYTES = 1024 * 1024;

    @Override
    protected Collection<Class<? extends Plugin>> nodePlugins() {
        return List.of(KNNPlugin.class, MgdsprPlugin.class);
    }

    @Override
    protected Settings nodeSettings(int nodeOrdinal) {
        return Settings.builder().put(super.nodeSettings(nodeOrdinal))
            .put(MgdsprSettings.MAX_CHUNK_SIZE.getKey(), MAX_CHUNK_BYTES + "b").build();
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

    public void testARegistryIndexOfAnEarlierVersionGainsTheFieldsAddedSinceOnTheNextUpload() throws Exception {
        if (client().admin().indices().prepareExists(ModelIndex.NAME).get().isExists()) {
            assertAcked(client().admin().indices().prepareDelete(ModelIndex.NAME).get());
        }
        String earlierMapping = ModelIndex.MAPPING.replaceAll(
            "\\s*\"" + ModelIndex.FITTED_BRAND_BOOST_WEIGHT + "\": \\{[^}]*},", "");
        assertNotEquals(ModelIndex.MAPPING, earlierMapping);
        client().admin().indices().prepareCreate(ModelIndex.NAME).setSettings(ModelIndex.settings())
            .setMapping(earlierMapping).get();

        byte[] artifact = TinyModels.artifact().artifact().toBytes();
        uploadChunks("upgraded", artifact, 1);
        ModelRecord ready = client().execute(RegistryActions.COMMIT,
            new ModelIdRequest("upgraded", ModelArtifact.sha256(artifact))).actionGet().models().get(0);
        assertEquals(TinyModels.FITTED_BRAND_BOOST_WEIGHT, ready.fittedBrandBoostWeight(), 0);
        assertEquals(ready, client().execute(RegistryActions.GET, new ModelIdRequest("upgraded", null)).actionGet()
            .models().get(0));
        client().execute(RegistryActions.DELETE, new DeleteModelRequest("upgraded", false)).actionGet();
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
        assertTrue(replaced.getMessage(), replaced.getMessage().contains("chunk 1 of model [partial] is already stored"));
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

    public void testUploadsResumeFromTheChunksAlreadyStored() throws Exception {
        byte[] artifact = TinyModels.artifact().artifact().toBytes();
        byte[][] chunks = split(artifact, 3);
        client().execute(RegistryActions.PUT_CHUNK, new ModelChunkRequest("resumed", 0, 3, chunks[0])).actionGet();
        client().execute(RegistryActions.PUT_CHUNK, new ModelChunkRequest("resumed", 2, 3, chunks[2])).actionGet();
        ModelsResponse uploading = client().execute(RegistryActions.GET, new ModelIdRequest("resumed", null)).actionGet();
        assertEquals(ModelState.UPLOADING, uploading.models().get(0).state());
        assertEquals(List.of(new ModelStore.StoredChunk(0, ModelArtifact.sha256(chunks[0])),
            new ModelStore.StoredChunk(2, ModelArtifact.sha256(chunks[2]))), uploading.storedChunks());

        for (int stored : new int[] {0, 2}) {
            OpenSearchStatusException again = expectThrows(OpenSearchStatusException.class, () -> client().execute(
                RegistryActions.PUT_CHUNK, new ModelChunkRequest("resumed", stored, 3, chunks[stored])).actionGet());
            assertEquals(RestStatus.CONFLICT, again.status());
            assertTrue(again.getMessage(), again.getMessage().contains("chunk " + stored + " of model [resumed] is already "
                + "stored; the upload is intact"));
            assertFalse(again.getMessage(), again.getMessage().contains("delete"));
        }
        OpenSearchStatusException otherCount = expectThrows(OpenSearchStatusException.class, () -> client().execute(
            RegistryActions.PUT_CHUNK, new ModelChunkRequest("resumed", 1, 4, chunks[1])).actionGet());
        assertTrue(otherCount.getMessage(), otherCount.getMessage().contains("is uploading in 3 chunks, not 4"));

        client().execute(RegistryActions.PUT_CHUNK, new ModelChunkRequest("resumed", 1, 3, chunks[1])).actionGet();
        assertEquals(ModelState.READY, client().execute(RegistryActions.COMMIT,
            new ModelIdRequest("resumed", ModelArtifact.sha256(artifact))).actionGet().models().get(0).state());
        delete("resumed", false);
    }

    public void testAChunkAboveTheNodeLimitIsRefused() {
        IllegalArgumentException tooLarge = expectThrows(IllegalArgumentException.class, () -> client().execute(
            RegistryActions.PUT_CHUNK, new ModelChunkRequest("big", 0, 1, new byte[MAX_CHUNK_BYTES + 1])).actionGet());
        assertTrue(tooLarge.getMessage(), tooLarge.getMessage().contains("above plugins.mgdspr.registry.max_chunk_size ("
            + MAX_CHUNK_BYTES + " bytes)"));
    }

    public void testSwappedChunksAndRecordsAreRefusedWhereverTheModelIsUsedAndCounted() throws Exception {
        byte[] artifact = TinyModels.artifact().artifact().toBytes();
        uploadChunks("swapped", artifact, 1);
        String committed = ModelArtifact.sha256(artifact);
        client().execute(RegistryActions.COMMIT, new ModelIdRequest("swapped", committed)).actionGet();
        byte[] forged = artifact.clone();
        forged[forged.length / 2] ^= 1;
        String forgedSha = ModelArtifact.sha256(forged);

        writeDirectly(ModelIndex.chunkId("swapped", 0), Map.of("type", "chunk", "model_id", "swapped", "chunk_index", 0,
            "data", Base64.getEncoder().encodeToString(forged)));
        OpenSearchStatusException chunksSwapped = expectThrows(OpenSearchStatusException.class, () -> embed("swapped"));
        assertEquals(RestStatus.CONFLICT, chunksSwapped.status());
        assertTrue(chunksSwapped.getMessage(), chunksSwapped.getMessage().contains("model [swapped] is refused: its "
            + "stored artifact has SHA-256 [" + forgedSha + "] but it was committed with [" + committed + "]"));

        ModelRecord record = client().execute(RegistryActions.GET, new ModelIdRequest("swapped", null)).actionGet()
            .models().get(0);
        writeDirectly("swapped", new ModelRecord("swapped", ModelState.READY, forgedSha, forged.length, 1,
            record.dimension(), record.configJson(), record.fittedFusionJson(), record.fittedBrandBoostWeight(),
            record.createdAtMillis()).toSource());
        String recordRewritten = "its registry record has SHA-256 [" + forgedSha + "] but it was committed with ["
            + committed + "]";
        OpenSearchStatusException refusedGet = expectThrows(OpenSearchStatusException.class,
            () -> client().execute(RegistryActions.GET, new ModelIdRequest("swapped", null)).actionGet());
        assertEquals(RestStatus.CONFLICT, refusedGet.status());
        assertTrue(refusedGet.getMessage(), refusedGet.getMessage().contains(recordRewritten));
        OpenSearchStatusException refusedLoad = expectThrows(OpenSearchStatusException.class, () -> embed("swapped"));
        assertTrue(refusedLoad.getMessage(), refusedLoad.getMessage().contains(recordRewritten));
        ModelsResponse listed = client().execute(RegistryActions.GET, new ModelIdRequest(null, null)).actionGet();
        assertFalse(listed.models().stream().anyMatch(model -> model.modelId().equals("swapped")));
        assertTrue(listed.skipped().stream().anyMatch(skipped -> skipped.id().equals("swapped")
            && skipped.reason().contains(recordRewritten)));
        assertTrue("integrity failures are counted", integrityFailures() >= 3);

        delete("swapped", false);
        assertTrue(committedModels().sha256("swapped").isEmpty());
    }

    public void testAForgedReadyRecordIsNeitherListedNorUsableByPipelines() {
        writeDirectly("forged", ModelRecord.uploading("forged", 1, 0).ready("ab".repeat(32), 10, TinyModels.DIMENSION,
            "{}", null, null).toSource());
        String noCommit = "model [forged] is refused: its registry record says ready but no commit recorded a SHA-256";
        OpenSearchStatusException get = expectThrows(OpenSearchStatusException.class,
            () -> client().execute(RegistryActions.GET, new ModelIdRequest("forged", null)).actionGet());
        assertEquals(RestStatus.CONFLICT, get.status());
        assertTrue(get.getMessage(), get.getMessage().contains(noCommit));
        ModelsResponse listed = client().execute(RegistryActions.GET, new ModelIdRequest(null, null)).actionGet();
        assertTrue(listed.models().stream().noneMatch(model -> model.modelId().equals("forged")));
        assertTrue(listed.skipped().stream().anyMatch(skipped -> skipped.id().equals("forged")));

        OpenSearchStatusException pipeline = expectThrows(OpenSearchStatusException.class, () -> client().admin()
            .cluster().preparePutPipeline("uses-forged", new BytesArray("""
                {"processors": [{"mgdspr_item_embedding": {"model_id": "forged", "target_field": "v",
                  "fields": {"item_id": "sku", "title": "title"}}}]}
                """), MediaTypeRegistry.JSON).get());
        assertEquals(RestStatus.CONFLICT, pipeline.status());
        assertTrue(pipeline.getMessage(), pipeline.getMessage().contains(noCommit));
        delete("forged", false);
    }

    public void testMalformedRecordsAreSkippedByListingsAndRefusedByName() {
        writeDirectly("broken-state", Map.of("type", "model", "model_id", "broken-state", "state", "bogus",
            "chunk_count", 1));
        writeDirectly("broken-count", Map.of("type", "model", "model_id", "broken-count", "state", "uploading",
            "chunk_count", "3"));
        writeDirectly("broken-id", Map.of("type", "model", "model_id", "someone-else", "state", "uploading",
            "chunk_count", 1));
        ModelsResponse listed = client().execute(RegistryActions.GET, new ModelIdRequest(null, null)).actionGet();
        Map<String, String> reasons = new HashMap<>();
        listed.skipped().forEach(skipped -> reasons.put(skipped.id(), skipped.reason()));
        assertTrue(reasons.toString(), reasons.get("broken-state").contains("[state] must be one of [uploading, ready]"));
        assertTrue(reasons.toString(), reasons.get("broken-count").contains("[chunk_count] must be an integer"));
        assertTrue(reasons.toString(), reasons.get("broken-id").contains("names model_id [someone-else]"));

        OpenSearchStatusException byName = expectThrows(OpenSearchStatusException.class,
            () -> client().execute(RegistryActions.GET, new ModelIdRequest("broken-state", null)).actionGet());
        assertEquals(RestStatus.CONFLICT, byName.status());
        assertTrue(byName.getMessage(), byName.getMessage().contains("registry record is malformed"));
        for (String id : List.of("broken-state", "broken-count", "broken-id")) {
            delete(id, false);
        }
    }

    public void testAModelThatAPipelineUsesIsDeletedOnlyWithForce() throws Exception {
        byte[] artifact = TinyModels.artifact().artifact().toBytes();
        uploadChunks("in-use", artifact, 1);
        client().execute(RegistryActions.COMMIT, new ModelIdRequest("in-use", ModelArtifact.sha256(artifact))).actionGet();
        assertAcked(client().admin().cluster().preparePutPipeline("uses-in-use", new BytesArray("""
            {"processors": [{"mgdspr_item_embedding": {"model_id": "in-use", "target_field": "v",
              "fields": {"item_id": "sku", "title": "title"}}}]}
            """), MediaTypeRegistry.JSON).get());

        OpenSearchStatusException inUse = expectThrows(OpenSearchStatusException.class,
            () -> client().execute(RegistryActions.DELETE, new DeleteModelRequest("in-use", false)).actionGet());
        assertEquals(RestStatus.CONFLICT, inUse.status());
        assertTrue(inUse.getMessage(), inUse.getMessage().contains("model [in-use] is used by ingest pipelines "
            + "[uses-in-use]"));
        assertEquals(ModelState.READY, client().execute(RegistryActions.GET, new ModelIdRequest("in-use", null))
            .actionGet().models().get(0).state());

        DeleteModelResponse forced = delete("in-use", true);
        assertEquals(List.of("uses-in-use"), forced.pipelinesStillUsingModel());
        assertAcked(client().admin().cluster().prepareDeletePipeline("uses-in-use").get());
    }

    public void testAnInvalidIdIsNamedAsInvalidNotAsUnregistered() {
        Exception refused = expectThrows(Exception.class, () -> client().admin().cluster()
            .preparePutPipeline("bad-id", new BytesArray("""
                {"processors": [{"mgdspr_item_embedding": {"model_id": "Bad Id", "target_field": "v",
                  "fields": {"item_id": "sku", "title": "title"}}}]}
                """), MediaTypeRegistry.JSON).get());
        assertTrue(refused.getMessage(), refused.getMessage().contains("invalid model_id [Bad Id]: use 1 to 128 "
            + "lowercase letters"));
    }

    public void testADeletedRegistryIndexLeavesNoModelServed() throws Exception {
        byte[] artifact = TinyModels.artifact().artifact().toBytes();
        uploadChunks("served", artifact, 1);
        client().execute(RegistryActions.COMMIT, new ModelIdRequest("served", ModelArtifact.sha256(artifact))).actionGet();
        embed("served");
        assertTrue("the model is loaded somewhere", loadedAnywhere("served"));

        assertAcked(client().admin().indices().prepareDelete(ModelIndex.NAME).get());
        assertBusy(() -> assertFalse("no node serves a model after the registry index is gone", loadedAnywhere("served")));
        OpenSearchStatusException gone = expectThrows(OpenSearchStatusException.class, () -> embed("served"));
        assertEquals(RestStatus.CONFLICT, gone.status());
        assertTrue(gone.getMessage(), gone.getMessage().contains("its registry record is gone"));
        assertTrue(client().execute(RegistryActions.GET, new ModelIdRequest(null, null)).actionGet().skipped().stream()
            .anyMatch(skipped -> skipped.id().equals("served")));

        delete("served", false);
        assertTrue(committedModels().sha256("served").isEmpty());
    }

    private void embed(String modelId) {
        client().execute(EmbedAction.INSTANCE, EmbedRequest.items(modelId, List.of(new ItemText("p1", "red shoes"))))
            .actionGet(TimeValue.timeValueMinutes(3));
    }

    private DeleteModelResponse delete(String modelId, boolean force) {
        DeleteModelResponse response = client().execute(RegistryActions.DELETE, new DeleteModelRequest(modelId, force))
            .actionGet();
        assertTrue(response.isAcknowledged());
        return response;
    }

    /** What a plain client can do to the registry index when no security plugin guards it. */
    private void writeDirectly(String id, Map<String, Object> source) {
        if (!client().admin().indices().prepareExists(ModelIndex.NAME).get().isExists()) {
            client().admin().indices().prepareCreate(ModelIndex.NAME).setSettings(ModelIndex.settings())
                .setMapping(ModelIndex.MAPPING).get();
        }
        client().prepareIndex(ModelIndex.NAME).setId(id).setSource(source).setRefreshPolicy("true").get();
    }

    private CommittedModels committedModels() {
        return CommittedModels.of(client().admin().cluster().prepareState().get().getState());
    }

    private long integrityFailures() {
        return client().execute(MgdsprStatsAction.INSTANCE, new MgdsprNodesRequest()).actionGet().getNodes().stream()
            .mapToLong(NodeStats::integrityFailures).sum();
    }

    private boolean loadedAnywhere(String modelId) {
        return client().execute(MgdsprStatsAction.INSTANCE, new MgdsprNodesRequest()).actionGet().getNodes().stream()
            .anyMatch(node -> node.models().containsKey(modelId) && node.models().get(modelId).loaded());
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
