package org.mgdspr.plugin.stats;

import org.mgdspr.model.serving.ServingKernels;
import org.mgdspr.plugin.cache.CachedModelStats;
import org.mgdspr.plugin.engine.EngineStatus;
import org.mgdspr.plugin.engine.PluginVersions;
import org.opensearch.action.support.nodes.BaseNodeResponse;
import org.opensearch.cluster.node.DiscoveryNode;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.ToXContentFragment;
import org.opensearch.core.xcontent.XContentBuilder;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * One node's view: versions, the DJL engine, the kernels of its serving forward, the models it has loaded, and
 * inference latencies.
 */
public class NodeStats extends BaseNodeResponse implements ToXContentFragment {

    private final PluginVersions versions;
    private final EngineStatus engine;
    private final ServingKernels kernels;
    private final Map<String, CachedModelStats> models;
    private final Map<String, LatencySnapshot> inference;
    private final long integrityFailures;

    /** @param integrityFailures models this node refused because the registry did not match their commit */
    public NodeStats(DiscoveryNode node, PluginVersions versions, EngineStatus engine, ServingKernels kernels,
                     Map<String, CachedModelStats> models, Map<String, LatencySnapshot> inference,
                     long integrityFailures) {
        super(node);
        this.versions = versions;
        this.engine = engine;
        this.kernels = kernels;
        this.models = Map.copyOf(models);
        this.inference = Map.copyOf(inference);
        this.integrityFailures = integrityFailures;
    }

    public NodeStats(StreamInput in) throws IOException {
        super(in);
        this.versions = new PluginVersions(in.readString(), in.readString(), in.readString());
        this.engine = EngineStatus.readFrom(in);
        this.kernels = new ServingKernels(in.readString(), in.readVInt());
        this.models = in.readMap(StreamInput::readString, CachedModelStats::readFrom);
        this.inference = in.readMap(StreamInput::readString, LatencySnapshot::readFrom);
        this.integrityFailures = in.readVLong();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        super.writeTo(out);
        out.writeString(versions.plugin());
        out.writeString(versions.djl());
        out.writeString(versions.bundledPytorch());
        engine.writeTo(out);
        out.writeString(kernels.implementation());
        out.writeVInt(kernels.vectorBits());
        out.writeMap(models, StreamOutput::writeString, (o, v) -> v.writeTo(o));
        out.writeMap(inference, StreamOutput::writeString, (o, v) -> v.writeTo(o));
        out.writeVLong(integrityFailures);
    }

    public PluginVersions versions() {
        return versions;
    }

    public EngineStatus engine() {
        return engine;
    }

    public ServingKernels kernels() {
        return kernels;
    }

    public Map<String, CachedModelStats> models() {
        return models;
    }

    public Map<String, LatencySnapshot> inference() {
        return inference;
    }

    public long integrityFailures() {
        return integrityFailures;
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject(getNode().getId());
        builder.field("name", getNode().getName());
        builder.field("plugin_version", versions.plugin());
        builder.field("djl_version", versions.djl());
        builder.field("pytorch_version", engine.pytorchVersion());
        builder.field("engine", engine);
        builder.startObject("serving_kernels")
            .field("implementation", kernels.implementation())
            .field("vector_bits", kernels.vectorBits())
            .endObject();
        builder.startObject("models");
        for (Map.Entry<String, CachedModelStats> entry : new TreeMap<>(models).entrySet()) {
            builder.field(entry.getKey(), entry.getValue());
        }
        builder.endObject();
        builder.startObject("registry").field("integrity_failures", integrityFailures).endObject();
        builder.startObject("inference");
        for (Map.Entry<String, LatencySnapshot> entry : new TreeMap<>(inference).entrySet()) {
            builder.field(entry.getKey(), entry.getValue());
        }
        builder.endObject();
        return builder.endObject();
    }
}
