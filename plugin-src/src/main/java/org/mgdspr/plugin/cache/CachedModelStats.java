package org.mgdspr.plugin.cache;

import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;
import org.opensearch.core.xcontent.ToXContentObject;
import org.opensearch.core.xcontent.XContentBuilder;

import java.io.IOException;

/**
 * One model's state in one node's cache.
 *
 * @param loaded      whether the model is in memory now
 * @param memoryBytes its footprint when loaded, else 0
 * @param leases      leases open right now
 * @param loads       successful loads since the node started
 * @param loadFailures failed loads since the node started
 * @param evictions   evictions since the node started
 */
public record CachedModelStats(boolean loaded, long memoryBytes, int leases, long loads, long loadFailures,
                               long evictions) implements Writeable, ToXContentObject {

    public static CachedModelStats readFrom(StreamInput in) throws IOException {
        return new CachedModelStats(in.readBoolean(), in.readVLong(), in.readVInt(), in.readVLong(), in.readVLong(),
            in.readVLong());
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeBoolean(loaded);
        out.writeVLong(memoryBytes);
        out.writeVInt(leases);
        out.writeVLong(loads);
        out.writeVLong(loadFailures);
        out.writeVLong(evictions);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        return builder.startObject()
            .field("loaded", loaded)
            .field("memory_in_bytes", memoryBytes)
            .field("open_leases", leases)
            .field("loads", loads)
            .field("load_failures", loadFailures)
            .field("evictions", evictions)
            .endObject();
    }
}
