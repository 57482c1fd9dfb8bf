package org.mgdspr.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mgdspr.model.artifact.MgdsprArtifact;
import org.mgdspr.model.artifact.ModelArtifact;
import org.mgdspr.model.features.FeatureEncoder;
import org.mgdspr.model.testing.TinyModels;
import org.mgdspr.model.twotower.ItemTower;

import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The item-embedding pipeline on real nodes (security agent on, PyTorch inside each node): a real model is
 * uploaded over REST, a bulk through the pipeline stores exactly the item tower's vectors and fails bad documents
 * alone, the nodes report the loaded model, and deleting the model unloads it everywhere.
 */
class ItemEmbeddingPipelineIT extends RealClusterTestCase {

    private static final String MODEL = "it-tiny";
    private static final String INDEX = "it-products";

    @AfterAll
    static void deleteIndex() throws IOException {
        call("DELETE", "/" + INDEX + "?ignore_unavailable=true", null);
    }

    @Test
    void bulkThroughThePipelineStoresTheItemTowerVectors() throws IOException {
        MgdsprArtifact artifact = TinyModels.artifact();
        byte[] zip = artifact.artifact().toBytes();
        ObjectNode upload = JSON.createObjectNode()
            .put("artifact", Base64.getEncoder().encodeToString(zip)).put("sha256", ModelArtifact.sha256(zip));
        JsonNode registered = call("PUT", "/_plugins/mgdspr/models/" + MODEL, upload.toString());
        assertEquals("ready", registered.get("state").asText(), registered.toString());

        JsonNode mapping = call("GET", "/_plugins/mgdspr/models/" + MODEL + "/_knn_mapping", null);
        call("PUT", "/_ingest/pipeline/it-items", """
            {"processors": [{"mgdspr_item_embedding": {"model_id": "%s", "target_field": "item_vec",
              "fields": {"item_id": "sku", "title": "title"}, "batch_size": 2}}]}""".formatted(MODEL));
        call("PUT", "/" + INDEX, """
            {"settings": {"index.knn": true, "number_of_shards": 2, "number_of_replicas": 1,
                          "default_pipeline": "it-items"},
             "mappings": {"properties": {"item_vec": %s}}}""".formatted(mapping));

        Map<String, String> titles = new LinkedHashMap<>();
        titles.put("p1", "red running shoes");
        titles.put("p2", "acme cordless drill");
        titles.put("p3", "blue garden hose");
        StringBuilder bulk = new StringBuilder();
        titles.forEach((sku, title) -> bulk.append("{\"index\":{\"_id\":\"").append(sku).append("\"}}\n")
            .append("{\"sku\":\"").append(sku).append("\",\"title\":\"").append(title).append("\"}\n"));
        bulk.append("{\"index\":{\"_id\":\"broken\"}}\n{\"sku\":\"p4\"}\n");
        JsonNode result = call("POST", "/" + INDEX + "/_bulk?refresh=true", bulk.toString());
        assertTrue(result.get("errors").asBoolean());
        for (JsonNode item : result.get("items")) {
            JsonNode index = item.get("index");
            if ("broken".equals(index.get("_id").asText())) {
                assertEquals(400, index.get("status").asInt(), index.toString());
                assertTrue(index.at("/error/reason").asText().contains("field [title] is missing"), index.toString());
            } else {
                assertEquals(201, index.get("status").asInt(), index.toString());
            }
        }

        FeatureEncoder encoder = artifact.encoder();
        try (ItemTower tower = artifact.loadItemTower()) {
            for (Map.Entry<String, String> product : titles.entrySet()) {
                float[] expected = tower.embed(List.of(encoder.encodeItem(product.getKey(), product.getValue())))[0];
                JsonNode stored = call("GET", "/" + INDEX + "/_doc/" + product.getKey(), null).at("/_source/item_vec");
                assertEquals(TinyModels.DIMENSION, stored.size(), stored.toString());
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], stored.get(i).floatValue(), 1e-5f);
                }
            }
        }

        JsonNode stats = call("GET", "/_plugins/mgdspr/stats", null);
        int loaded = 0;
        for (JsonNode node : stats.get("nodes")) {
            if (node.at("/models/" + MODEL + "/loaded").asBoolean()) {
                loaded++;
                assertTrue(node.at("/models/" + MODEL + "/memory_in_bytes").asLong() > 0);
            }
        }
        assertTrue(loaded >= 1, stats.toString());

        // the pipeline still uses the model: only force deletes it
        JsonNode deleted = call("DELETE", "/_plugins/mgdspr/models/" + MODEL + "?force=true", null);
        assertTrue(deleted.get("acknowledged").asBoolean(), deleted.toString());
        assertTrue(deleted.get("forced").asBoolean(), deleted.toString());
        for (JsonNode node : call("GET", "/_plugins/mgdspr/stats", null).get("nodes")) {
            assertTrue(!node.at("/models/" + MODEL + "/loaded").asBoolean(), node.toString());
        }
    }
}
