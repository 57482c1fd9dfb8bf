package org.mgdspr.plugin;

import com.carrotsearch.randomizedtesting.annotations.ThreadLeakFilters;

import org.mgdspr.plugin.engine.EngineStatus;
import org.mgdspr.plugin.stats.LoadEngineAction;
import org.mgdspr.plugin.stats.MgdsprNodesRequest;
import org.mgdspr.plugin.stats.MgdsprNodesResponse;
import org.mgdspr.plugin.stats.MgdsprStatsAction;
import org.mgdspr.plugin.stats.NodeStats;
import org.opensearch.action.search.SearchResponse;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.core.xcontent.MediaTypeRegistry;
import org.opensearch.knn.index.query.KNNQueryBuilder;
import org.opensearch.knn.plugin.KNNPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.search.SearchHit;
import org.opensearch.test.OpenSearchIntegTestCase;

import java.util.Collection;
import java.util.List;

import static org.opensearch.test.hamcrest.OpenSearchAssertions.assertAcked;

/**
 * An in-JVM cluster of three nodes running k-NN and this plugin: the plugin's actions answer for every node, the
 * engine starts for real on request, and a Lucene-engine {@code knn_vector} field is indexed and searched.
 */
@ThreadLeakFilters(filters = CommonPoolThreadFilter.class)
@OpenSearchIntegTestCase.ClusterScope(scope = OpenSearchIntegTestCase.Scope.SUITE, numDataNodes = 3)
public class MgdsprPluginClusterTests extends OpenSearchIntegTestCase {

    @Override
    protected Collection<Class<? extends Plugin>> nodePlugins() {
        return List.of(KNNPlugin.class, MgdsprPlugin.class);
    }

    public void testEveryNodeReportsStatsAndStartsItsEngineOnRequest() {
        MgdsprNodesResponse before = client().execute(MgdsprStatsAction.INSTANCE, new MgdsprNodesRequest()).actionGet();
        assertFalse(before.hasFailures());
        assertEquals(internalCluster().size(), before.getNodes().size());
        for (NodeStats node : before.getNodes()) {
            assertEquals("0.35.1", node.versions().djl());
            assertNotEquals(EngineStatus.State.FAILED, node.engine().state());
        }

        MgdsprNodesResponse loaded = client().execute(LoadEngineAction.INSTANCE, new MgdsprNodesRequest())
            .actionGet(TimeValue.timeValueMinutes(3));
        assertFalse(String.valueOf(loaded.failures()), loaded.hasFailures());
        assertEquals(internalCluster().size(), loaded.getNodes().size());
        for (NodeStats node : loaded.getNodes()) {
            assertTrue(node.engine().loaded());
            assertTrue(node.engine().startTimeMillis() >= 0);
            assertEquals("2.7.1", node.engine().pytorchVersion());
        }

        MgdsprNodesResponse after = client().execute(MgdsprStatsAction.INSTANCE, new MgdsprNodesRequest()).actionGet();
        for (NodeStats node : after.getNodes()) {
            assertEquals(EngineStatus.State.STARTED, node.engine().state());
        }
    }

    public void testStatsOfOneNodeById() {
        String nodeId = internalCluster().clusterService(internalCluster().getNodeNames()[0]).localNode().getId();
        MgdsprNodesResponse response = client().execute(MgdsprStatsAction.INSTANCE, new MgdsprNodesRequest(nodeId))
            .actionGet();
        assertEquals(1, response.getNodes().size());
        assertEquals(nodeId, response.getNodes().get(0).getNode().getId());
    }

    public void testLuceneKnnVectorFieldIsIndexedAndSearched() {
        assertAcked(prepareCreate("products")
            .setSettings(Settings.builder().put("index.knn", true).put("index.number_of_shards", 2)
                .put("index.number_of_replicas", 1))
            .setMapping("{\"properties\":{\"vec\":{\"type\":\"knn_vector\",\"dimension\":3,"
                + "\"method\":{\"name\":\"hnsw\",\"engine\":\"lucene\",\"space_type\":\"innerproduct\"}}}}"));
        float[][] vectors = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.9f, 0.1f, 0}};
        for (int i = 0; i < vectors.length; i++) {
            client().prepareIndex("products").setId("p" + i)
                .setSource("{\"vec\":" + java.util.Arrays.toString(vectors[i]) + "}", MediaTypeRegistry.JSON).get();
        }
        refresh("products");
        ensureGreen("products");

        KNNQueryBuilder knn = KNNQueryBuilder.builder().fieldName("vec").vector(new float[] {1, 0.05f, 0}).k(2).build();
        SearchResponse response = client().prepareSearch("products").setQuery(knn).setSize(2).get();
        SearchHit[] hits = response.getHits().getHits();
        assertEquals(2, hits.length);
        assertEquals("p0", hits[0].getId());
        assertEquals("p3", hits[1].getId());
    }
}
