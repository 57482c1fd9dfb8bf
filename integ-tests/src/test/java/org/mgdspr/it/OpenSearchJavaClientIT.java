package org.mgdspr.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch._types.HealthStatus;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch.cluster.HealthResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.opensearch.nodes.NodesInfoResponse;
import org.opensearch.client.opensearch.nodes.info.NodeInfo;
import org.opensearch.client.opensearch.nodes.info.NodesInfoMetric;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Talks to the real multi-node cluster through the official opensearch-java client, the way applications will:
 * the plugin is on every node, every node answers stats and starts its PyTorch engine on request, and a Lucene
 * {@code knn_vector} index spread over the nodes is searchable.
 */
class OpenSearchJavaClientIT extends RealClusterTestCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyNodeRunsTheMgdsprAndKnnPlugins() throws IOException {
        HealthResponse health = client.cluster().health(h -> h.waitForStatus(HealthStatus.Green).timeout(t -> t.time("60s")));
        assertEquals(RealClusterClients.expectedNodes(), health.numberOfNodes());
        NodesInfoResponse info = client.nodes().info(i -> i.metric(NodesInfoMetric.Plugins));
        assertEquals(RealClusterClients.expectedNodes(), info.nodes().size());
        for (NodeInfo node : info.nodes().values()) {
            List<String> plugins = node.plugins().stream().map(p -> p.name()).toList();
            assertTrue(plugins.contains("opensearch-mgdspr"), node.name() + " has " + plugins);
            assertTrue(plugins.contains("opensearch-knn"), node.name() + " has " + plugins);
        }
    }

    @Test
    void everyNodeAnswersStatsAndStartsItsEngineOnRequest() throws IOException {
        JsonNode loaded = call("POST", "/_plugins/mgdspr/engine/_load?timeout=3m");
        assertEquals(RealClusterClients.expectedNodes(), loaded.at("/_nodes/successful").asInt(), loaded.toString());
        assertEquals(0, loaded.at("/_nodes/failed").asInt(), loaded.toString());

        JsonNode stats = call("GET", "/_plugins/mgdspr/stats");
        assertEquals(RealClusterClients.expectedNodes(), stats.at("/_nodes/total").asInt());
        assertEquals(RealClusterClients.expectedNodes(), stats.at("/_nodes/successful").asInt());
        Iterator<Map.Entry<String, JsonNode>> nodes = stats.get("nodes").fields();
        int seen = 0;
        while (nodes.hasNext()) {
            JsonNode node = nodes.next().getValue();
            seen++;
            assertEquals("started", node.at("/engine/state").asText(), node.toString());
            assertTrue(node.at("/engine/loaded").asBoolean());
            assertEquals("2.7.1", node.at("/pytorch_version").asText());
            assertEquals("0.35.1", node.at("/djl_version").asText());
            assertTrue(node.at("/engine/start_time_in_millis").asLong() >= 0);
            assertFalse(node.at("/engine/native_cache_dir").asText().isEmpty());
        }
        assertEquals(RealClusterClients.expectedNodes(), seen);
    }

    @Test
    void luceneKnnIndexSpreadOverTheNodesIsSearchable() throws IOException {
        String index = "it-knn-products";
        if (client.indices().exists(e -> e.index(index)).value()) {
            client.indices().delete(d -> d.index(index));
        }
        client.indices().create(c -> c.index(index)
            .settings(s -> s.knn(true).numberOfShards(2).numberOfReplicas(1))
            .mappings(m -> m.properties("vec", p -> p.knnVector(k -> k.dimension(3)
                .method(method -> method.name("hnsw").engine("lucene").spaceType("innerproduct"))))));
        float[][] vectors = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.9f, 0.1f, 0}};
        for (int i = 0; i < vectors.length; i++) {
            Map<String, Object> doc = Map.of("vec", List.of(vectors[i][0], vectors[i][1], vectors[i][2]));
            String id = "p" + i;
            client.index(r -> r.index(index).id(id).document(doc).refresh(Refresh.True));
        }
        client.cluster().health(h -> h.index(index).waitForStatus(HealthStatus.Green).timeout(t -> t.time("60s")));

        SearchResponse<Map> response = client.search(s -> s.index(index).size(2)
            .query(q -> q.knn(k -> k.field("vec").vector(1f, 0.05f, 0f).k(2))), Map.class);
        assertEquals(List.of("p0", "p3"), response.hits().hits().stream().map(h -> h.id()).toList());
        client.indices().delete(d -> d.index(index));
    }

    private static JsonNode call(String method, String endpoint) throws IOException {
        try (Response response = client.generic().execute(Requests.builder().method(method).endpoint(endpoint).build())) {
            String body = response.getBody().map(b -> b.bodyAsString()).orElse("");
            assertEquals(200, response.getStatus(), body);
            return JSON.readTree(body);
        }
    }
}
