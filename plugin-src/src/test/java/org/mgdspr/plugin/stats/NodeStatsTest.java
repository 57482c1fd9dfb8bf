package org.mgdspr.plugin.stats;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.serving.ServingKernels;
import org.mgdspr.plugin.cache.CachedModelStats;
import org.mgdspr.plugin.engine.EngineStatus;
import org.mgdspr.plugin.engine.PluginVersions;
import org.opensearch.Version;
import org.opensearch.cluster.node.DiscoveryNode;
import org.opensearch.common.io.stream.BytesStreamOutput;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.transport.TransportAddress;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.core.xcontent.XContentBuilder;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeStatsTest {

    private static final DiscoveryNode NODE = new DiscoveryNode("node-a", "id-a",
        new TransportAddress(InetAddress.getLoopbackAddress(), 9300), Map.of(), Set.of(), Version.CURRENT);

    @Test
    void survivesTheWire() throws IOException {
        NodeStats original = new NodeStats(NODE, new PluginVersions("3.6.0.0", "0.35.1", "2.7.1"),
            new EngineStatus(EngineStatus.State.FAILED, "PyTorch", "2.7.1", "/data/mgdspr/native", 12, -1, "boom"),
            new ServingKernels(ServingKernels.VECTOR_API, 512), Map.of("shop-v1", new CachedModelStats(true, 1024, 0, 1, 0, 0)), Map.of("user_tower", new LatencySnapshot(3, 30, 20, 9, 20)), 2);
        BytesStreamOutput out = new BytesStreamOutput();
        original.writeTo(out);
        NodeStats copy = new NodeStats(out.bytes().streamInput());
        assertEquals(original.engine(), copy.engine());
        assertEquals(original.inference(), copy.inference());
        assertEquals(original.models(), copy.models());
        assertEquals(new ServingKernels(ServingKernels.VECTOR_API, 512), copy.kernels());
        assertEquals(2, copy.integrityFailures());
        assertEquals("id-a", copy.getNode().getId());
    }

    @Test
    void rendersEngineStateAndVersions() throws IOException {
        NodeStats stats = new NodeStats(NODE, new PluginVersions("3.6.0.0", "0.35.1", "2.7.1"),
            new EngineStatus(EngineStatus.State.STARTED, "PyTorch", "2.7.1", "/data/mgdspr/native", 5129, 1L, null),
            new ServingKernels(ServingKernels.PLAIN_LOOPS, 0), Map.of(), Map.of(), 3);
        XContentBuilder builder = JsonXContent.contentBuilder().startObject();
        stats.toXContent(builder, ToXContent.EMPTY_PARAMS);
        String json = builder.endObject().toString();
        assertTrue(json.contains("\"id-a\":{\"name\":\"node-a\",\"plugin_version\":\"3.6.0.0\",\"djl_version\":\"0.35.1\""), json);
        assertTrue(json.contains("\"state\":\"started\",\"loaded\":true"), json);
        assertTrue(json.contains("\"start_time_in_millis\":5129"), json);
        assertTrue(json.contains("\"registry\":{\"integrity_failures\":3}"), json);
        assertTrue(json.contains("\"serving_kernels\":{\"implementation\":\"plain_loops\",\"vector_bits\":0}"), json);
        assertTrue(!json.contains("\"failure\""), json);
    }
}
