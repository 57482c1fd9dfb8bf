package org.mgdspr.plugin.registry;

import org.opensearch.cluster.AbstractNamedDiffable;
import org.opensearch.cluster.ClusterState;
import org.opensearch.cluster.NamedDiff;
import org.opensearch.cluster.metadata.Metadata;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SHA-256 of every committed model, kept in the cluster state's custom metadata. Only the commit and delete
 * actions change it, through a cluster state update on the cluster manager; no document write can. A model loads
 * only if its artifact's digest equals the one recorded here, so rewriting the registry index's documents cannot
 * change what a node serves. Persisted with the cluster state, so it survives full restarts.
 */
public final class CommittedModels extends AbstractNamedDiffable<Metadata.Custom> implements Metadata.Custom {

    public static final String TYPE = "mgdspr_committed_models";

    static final CommittedModels EMPTY = new CommittedModels(Map.of());

    private final Map<String, String> sha256ByModelId;

    CommittedModels(Map<String, String> sha256ByModelId) {
        this.sha256ByModelId = Map.copyOf(sha256ByModelId);
    }

    public CommittedModels(StreamInput in) throws IOException {
        this(in.readMap(StreamInput::readString, StreamInput::readString));
    }

    public static CommittedModels of(ClusterState state) {
        CommittedModels committed = state.metadata().custom(TYPE);
        return committed == null ? EMPTY : committed;
    }

    public Optional<String> sha256(String modelId) {
        return Optional.ofNullable(sha256ByModelId.get(modelId));
    }

    public Map<String, String> sha256ByModelId() {
        return sha256ByModelId;
    }

    CommittedModels with(String modelId, String sha256) {
        Map<String, String> updated = new TreeMap<>(sha256ByModelId);
        updated.put(modelId, sha256);
        return new CommittedModels(updated);
    }

    CommittedModels without(String modelId) {
        Map<String, String> updated = new TreeMap<>(sha256ByModelId);
        updated.remove(modelId);
        return new CommittedModels(updated);
    }

    @Override
    public String getWriteableName() {
        return TYPE;
    }

    @Override
    public EnumSet<Metadata.XContentContext> context() {
        return Metadata.API_AND_GATEWAY;
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeMap(new TreeMap<>(sha256ByModelId), StreamOutput::writeString, StreamOutput::writeString);
    }

    public static NamedDiff<Metadata.Custom> readDiffFrom(StreamInput in) throws IOException {
        return readDiffFrom(Metadata.Custom.class, TYPE, in);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject("sha256");
        for (Map.Entry<String, String> entry : new TreeMap<>(sha256ByModelId).entrySet()) {
            builder.field(entry.getKey(), entry.getValue());
        }
        return builder.endObject();
    }

    /** Reads what {@link #toXContent} wrote; the parser stands on the custom's start object. */
    public static CommittedModels fromXContent(XContentParser parser) throws IOException {
        Map<String, String> sha256ByModelId = new TreeMap<>();
        String field = null;
        XContentParser.Token token;
        while ((token = parser.nextToken()) != XContentParser.Token.END_OBJECT) {
            if (token == XContentParser.Token.FIELD_NAME) {
                field = parser.currentName();
            } else if (token == XContentParser.Token.START_OBJECT && "sha256".equals(field)) {
                sha256ByModelId.putAll(parser.mapStrings());
            } else {
                throw new IllegalArgumentException("[" + TYPE + "] has an unexpected field [" + field + "]");
            }
        }
        return new CommittedModels(sha256ByModelId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CommittedModels committed && sha256ByModelId.equals(committed.sha256ByModelId);
    }

    @Override
    public int hashCode() {
        return sha256ByModelId.hashCode();
    }

    @Override
    public String toString() {
        return TYPE + sha256ByModelId;
    }
}
