package org.mgdspr.plugin.serving;

import org.mgdspr.model.testing.TinyModels;
import com.carrotsearch.randomizedtesting.annotations.ThreadLeakFilters;
import com.google.gson.JsonParser;

import org.mgdspr.model.artifact.MgdsprArtifact;
import org.mgdspr.model.artifact.ModelArtifact;
import org.mgdspr.model.features.FeatureEncoder;
import org.mgdspr.model.features.RequestLimits;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.features.UserContextJson;
import org.mgdspr.model.twotower.ItemTower;
import org.mgdspr.model.twotower.UserTower;
import org.mgdspr.plugin.ingest.ItemText;
import org.mgdspr.plugin.CommonPoolThreadFilter;
import org.mgdspr.plugin.MgdsprPlugin;
import org.mgdspr.plugin.registry.DeleteModelRequest;
import org.mgdspr.plugin.registry.DeleteModelResponse;
import org.mgdspr.plugin.registry.ModelChunkRequest;
import org.mgdspr.plugin.registry.ModelIdRequest;
import org.mgdspr.plugin.registry.RegistryActions;
import org.mgdspr.plugin.stats.MgdsprNodesRequest;
import org.mgdspr.plugin.stats.MgdsprNodesResponse;
import org.mgdspr.plugin.stats.MgdsprStatsAction;
import org.mgdspr.plugin.stats.NodeStats;
import org.opensearch.OpenSearchStatusException;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.action.bulk.BulkItemResponse;
import org.opensearch.action.bulk.BulkRequestBuilder;
import org.opensearch.action.bulk.BulkResponse;
import org.opensearch.action.search.SearchResponse;
import org.opensearch.common.settings.Settings;
import org.opensearch.core.common.bytes.BytesArray;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.core.xcontent.MediaTypeRegistry;
import org.opensearch.knn.index.query.KNNQueryBuilder;
import org.opensearch.knn.plugin.KNNPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.test.OpenSearchIntegTestCase;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.opensearch.test.hamcrest.OpenSearchAssertions.assertAcked;

/**
 * The item-embedding ingest pipeline on a three-node in-JVM cluster with a real (tiny) model uploaded to the
 * registry: every node loads the model from the registry on first use, good documents get exactly the item tower's
 * vector, bad documents fail alone with the field named, and the vectors are searchable with k-NN.
 */
@ThreadLeakFilters(filters = CommonPoolThreadFilter.class)
@OpenSearchIntegTestCase.ClusterScope(scope = OpenSearchIntegTestCase.Scope.SUITE, numDataNodes = 3)
public class ItemEmbeddingPipelineClusterTests extends OpenSearchIntegTestCase {

    @Override
    protected Collection<Class<? extends Plugin>> nodePlugins() {
        return List.of(KNNPlugin.class, MgdsprPlugin.class);
    }

    public void testBulkThroughThePipelineEmbedsGoodDocumentsAndFailsBadOnesAlone() throws Exception {
        MgdsprArtifact artifact = TinyModels.artifact();
        byte[] zip = artifact.artifact().toBytes();
        client().execute(RegistryActions.PUT_CHUNK, new ModelChunkRequest("tiny", 0, 1, zip)).actionGet();
        client().execute(RegistryActions.COMMIT, new ModelIdRequest("tiny", ModelArtifact.sha256(zip)))
            .actionGet();

        client().admin().cluster().preparePutPipeline("products", new BytesArray("""
            {"processors": [{"mgdspr_item_embedding": {"model_id": "tiny", "target_field": "item_vec",
              "fields": {"item_id": "sku", "title": "title"}, "batch_size": 3}}]}
            """), MediaTypeRegistry.JSON).get();
        assertAcked(prepareCreate("products")
            .setSettings(Settings.builder().put("index.knn", true).put("index.number_of_shards", 2)
                .put("index.number_of_replicas", 1).put("index.default_pipeline", "products"))
            .setMapping("{\"properties\":{\"item_vec\":{\"type\":\"knn_vector\",\"dimension\":" + TinyModels.DIMENSION
                + ",\"method\":{\"name\":\"hnsw\",\"engine\":\"lucene\",\"space_type\":\"innerproduct\"}}}}"));

        Map<String, String> titles = Map.of("p1", "red running shoes", "p2", "acme cordless drill",
            "p3", "blue garden hose", "p4", "oak dining table", "p5", "white ceiling fan");
        BulkRequestBuilder bulk = client().prepareBulk().setRefreshPolicy("true");
        titles.forEach((sku, title) -> bulk.add(client().prepareIndex("products").setId(sku)
            .setSource("{\"sku\":\"" + sku + "\",\"title\":\"" + title + "\"}", MediaTypeRegistry.JSON)));
        bulk.add(client().prepareIndex("products").setId("no-title").setSource("{\"sku\":\"x1\"}", MediaTypeRegistry.JSON));
        bulk.add(client().prepareIndex("products").setId("bad-title")
            .setSource("{\"sku\":\"x2\",\"title\":{\"en\":\"lamp\"}}", MediaTypeRegistry.JSON));
        BulkResponse response = bulk.get();

        for (BulkItemResponse item : response.getItems()) {
            switch (item.getId()) {
                case "no-title" -> assertTrue(item.getFailureMessage(), item.getFailureMessage().contains("field [title] is missing"));
                case "bad-title" -> assertTrue(item.getFailureMessage(), item.getFailureMessage().contains("field [title] must be a string"));
                default -> assertFalse(item.getFailureMessage(), item.isFailed());
            }
        }

        assertEquals("the bulk of " + response.getItems().length + " indexes all but the 2 bad documents",
            titles.size(), client().prepareSearch("products").setSize(0).get().getHits().getTotalHits().value());

        FeatureEncoder encoder = artifact.encoder();
        try (ItemTower tower = artifact.loadItemTower()) {
            for (Map.Entry<String, String> product : titles.entrySet()) {
                float[] expected = tower.embed(List.of(encoder.encodeItem(product.getKey(), product.getValue())))[0];
                @SuppressWarnings("unchecked")
                List<Number> stored = (List<Number>) client().prepareGet("products", product.getKey())
                    .setFetchSource(new String[] {"item_vec"}, null).get().getSourceAsMap().get("item_vec");
                assertNotNull("derived source returns the vector of " + product.getKey(), stored);
                assertEquals(TinyModels.DIMENSION, stored.size());
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], stored.get(i).floatValue(), 1e-5f);
                }
            }
            float[] drill = tower.embed(List.of(encoder.encodeItem("p2", titles.get("p2"))))[0];
            SearchResponse search = client().prepareSearch("products")
                .setQuery(KNNQueryBuilder.builder().fieldName("item_vec").vector(drill).k(5).build()).setSize(5).get();
            assertEquals(5, search.getHits().getHits().length);
        }

        MgdsprNodesResponse stats = client().execute(MgdsprStatsAction.INSTANCE, new MgdsprNodesRequest()).actionGet();
        long itemTowerCalls = 0;
        for (NodeStats node : stats.getNodes()) {
            if (node.models().containsKey("tiny") && node.models().get("tiny").loaded()) {
                assertTrue(node.models().get("tiny").memoryBytes() > 0);
                itemTowerCalls += node.inference().get(InferenceService.ITEM_TOWER).count();
            }
        }
        assertTrue("some node ran the item tower", itemTowerCalls >= 2);

        OpenSearchStatusException inUse = expectThrows(OpenSearchStatusException.class,
            () -> client().execute(RegistryActions.DELETE, new DeleteModelRequest("tiny", false)).actionGet());
        assertTrue(inUse.getMessage(), inUse.getMessage().contains("used by ingest pipelines [products]"));
        DeleteModelResponse forced = client().execute(RegistryActions.DELETE, new DeleteModelRequest("tiny", true))
            .actionGet();
        assertTrue(forced.isAcknowledged());
        assertEquals(List.of("products"), forced.pipelinesStillUsingModel());
        for (NodeStats node : client().execute(MgdsprStatsAction.INSTANCE, new MgdsprNodesRequest()).actionGet().getNodes()) {
            assertFalse(node.getNode().getName() + " dropped the deleted model",
                node.models().containsKey("tiny") && node.models().get("tiny").loaded());
        }
        BulkResponse afterDelete = client().prepareBulk().add(client().prepareIndex("products").setId("late")
            .setSource("{\"sku\":\"p9\",\"title\":\"desk lamp\"}", MediaTypeRegistry.JSON)).get();
        assertTrue(afterDelete.getItems()[0].getFailureMessage(),
            afterDelete.getItems()[0].getFailureMessage().contains("model [tiny] is not registered"));
    }

    public void testEmbedEndpointRunsBothTowersOnAnyNode() throws Exception {
        MgdsprArtifact artifact = TinyModels.artifact();
        byte[] zip = artifact.artifact().toBytes();
        client().execute(RegistryActions.PUT_CHUNK, new ModelChunkRequest("tiny-embed", 0, 1, zip)).actionGet();
        client().execute(RegistryActions.COMMIT, new ModelIdRequest("tiny-embed", ModelArtifact.sha256(zip))).actionGet();
        String coordinator = internalCluster().getNodeNames()[1];

        float[][] items = client(coordinator).execute(EmbedAction.INSTANCE, EmbedRequest.items("tiny-embed",
            List.of(new ItemText("p1", "red running shoes")))).actionGet().vectors();
        String userJson = "{\"real_time\": [{\"item_id\": \"p7\", \"brand\": \"acme\"}],"
            + " \"long_term\": {\"brand_click\": [\"acme\"]}, \"query_history\": [\"drill\"]}";
        UserContext context = UserContextJson.fromJson(JsonParser.parseString(userJson), "user");
        float[][] user = client(coordinator).execute(EmbedAction.INSTANCE,
            EmbedRequest.user("tiny-embed", "cordless drill", context)).actionGet().vectors();

        FeatureEncoder encoder = artifact.encoder();
        try (ItemTower itemTower = artifact.loadItemTower(); UserTower userTower = artifact.loadUserTower()) {
            assertArrayEquals(itemTower.embed(List.of(encoder.encodeItem("p1", "red running shoes")))[0], items[0], 1e-5f);
            assertArrayEquals(userTower.embed(List.of(encoder.encodeUser("cordless drill", context)))[0], user[0], 1e-5f);
        }

        UserContext tooLong = new UserContext(List.of(), List.of(), Map.of(),
            Collections.nCopies(RequestLimits.MAX_QUERY_HISTORY + 1, "drill"));
        ActionRequestValidationException badUser = expectThrows(ActionRequestValidationException.class,
            () -> client().execute(EmbedAction.INSTANCE, EmbedRequest.user("tiny-embed", "drill", tooLong)).actionGet());
        assertTrue(badUser.getMessage(), badUser.getMessage().contains("[user].query_history has 1001 entries"));
        client().execute(RegistryActions.DELETE, new DeleteModelRequest("tiny-embed", false)).actionGet();
    }

    public void testAPipelineNamingAModelThatIsNotRegisteredIsRefused() {
        OpenSearchStatusException refused = expectThrows(OpenSearchStatusException.class, () -> client().admin().cluster()
            .preparePutPipeline("ghost", new BytesArray("""
                {"processors": [{"set": {"field": "a", "value": 1, "on_failure": [{"mgdspr_item_embedding": {
                  "model_id": "ghost", "target_field": "v", "fields": {"item_id": "sku", "title": "title"}}}]}}]}
                """), MediaTypeRegistry.JSON).get());
        assertEquals(RestStatus.BAD_REQUEST, refused.status());
        assertTrue(refused.getMessage(), refused.getMessage().contains("model [ghost] is not registered"));
    }
}
