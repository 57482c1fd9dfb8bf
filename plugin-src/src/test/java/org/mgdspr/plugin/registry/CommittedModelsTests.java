package org.mgdspr.plugin.registry;

import org.mgdspr.plugin.MgdsprPlugin;
import org.opensearch.cluster.ClusterModule;
import org.opensearch.cluster.ClusterName;
import org.opensearch.cluster.ClusterState;
import org.opensearch.cluster.Diff;
import org.opensearch.cluster.metadata.Metadata;
import org.opensearch.common.io.stream.BytesStreamOutput;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.io.stream.NamedWriteableAwareStreamInput;
import org.opensearch.core.common.io.stream.NamedWriteableRegistry;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.test.OpenSearchTestCase;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The committed SHA-256s survive the wire, diffs, and the gateway's XContent form of the cluster metadata. */
public class CommittedModelsTests extends OpenSearchTestCase {

    private static final CommittedModels TWO = CommittedModels.EMPTY.with("shop-v1", "a".repeat(64))
        .with("shop-v2", "b".repeat(64));

    private final MgdsprPlugin plugin = new MgdsprPlugin(Settings.EMPTY);

    public void testUpdatesAreCopies() {
        assertEquals(Map.of("shop-v1", "a".repeat(64), "shop-v2", "b".repeat(64)), TWO.sha256ByModelId());
        assertEquals("c".repeat(64), TWO.with("shop-v1", "c".repeat(64)).sha256("shop-v1").orElseThrow());
        assertTrue(TWO.without("shop-v1").sha256("shop-v1").isEmpty());
        assertEquals("a".repeat(64), TWO.sha256("shop-v1").orElseThrow());
        assertTrue(TWO.context().contains(Metadata.XContentContext.GATEWAY));
    }

    public void testSurvivesTheWireAndDiffs() throws IOException {
        List<NamedWriteableRegistry.Entry> entries = new ArrayList<>(ClusterModule.getNamedWriteables());
        entries.addAll(plugin.getNamedWriteables());
        NamedWriteableRegistry registry = new NamedWriteableRegistry(entries);

        Metadata before = Metadata.builder().putCustom(CommittedModels.TYPE, TWO).build();
        Metadata after = Metadata.builder().putCustom(CommittedModels.TYPE, TWO.without("shop-v2").with("shop-v3",
            "c".repeat(64))).build();
        BytesStreamOutput out = new BytesStreamOutput();
        after.diff(before).writeTo(out);
        try (StreamInput in = new NamedWriteableAwareStreamInput(out.bytes().streamInput(), registry)) {
            Diff<Metadata> diff = Metadata.readDiffFrom(in);
            assertEquals(CommittedModels.of(clusterState(after)), CommittedModels.of(clusterState(diff.apply(before))));
        }

        BytesStreamOutput full = new BytesStreamOutput();
        full.writeNamedWriteable(TWO);
        try (StreamInput in = new NamedWriteableAwareStreamInput(full.bytes().streamInput(), registry)) {
            assertEquals(TWO, in.readNamedWriteable(Metadata.Custom.class));
        }
    }

    public void testSurvivesTheGatewayFormat() throws IOException {
        List<NamedXContentRegistry.Entry> entries = new ArrayList<>(ClusterModule.getNamedXWriteables());
        entries.addAll(plugin.getNamedXContent());
        Metadata metadata = Metadata.builder().putCustom(CommittedModels.TYPE, TWO).build();
        XContentBuilder builder = JsonXContent.contentBuilder().startObject();
        metadata.toXContent(builder, new ToXContent.MapParams(Map.of(Metadata.CONTEXT_MODE_PARAM,
            Metadata.CONTEXT_MODE_GATEWAY)));
        builder.endObject();
        try (XContentParser parser = JsonXContent.jsonXContent.createParser(new NamedXContentRegistry(entries),
            DeprecationHandler.THROW_UNSUPPORTED_OPERATION, builder.toString())) {
            Metadata read = Metadata.fromXContent(parser);
            assertEquals(TWO, read.custom(CommittedModels.TYPE));
        }
    }

    private static ClusterState clusterState(Metadata metadata) {
        return ClusterState.builder(ClusterName.DEFAULT).metadata(metadata).build();
    }
}
