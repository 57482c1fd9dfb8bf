package org.mgdspr.plugin.stats;

import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;
import org.opensearch.core.xcontent.ToXContentObject;
import org.opensearch.core.xcontent.XContentBuilder;

import java.io.IOException;

/** Counts and latency percentiles of one kind of call on one node, at one moment. */
public record LatencySnapshot(long count, long totalNanos, long maxNanos, long p50Nanos, long p99Nanos)
    implements Writeable, ToXContentObject {

    public static LatencySnapshot readFrom(StreamInput in) throws IOException {
        return new LatencySnapshot(in.readVLong(), in.readVLong(), in.readVLong(), in.readVLong(), in.readVLong());
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeVLong(count);
        out.writeVLong(totalNanos);
        out.writeVLong(maxNanos);
        out.writeVLong(p50Nanos);
        out.writeVLong(p99Nanos);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        return builder.startObject()
            .field("count", count)
            .field("total_time_in_millis", totalNanos / 1_000_000.0)
            .field("max_in_millis", maxNanos / 1_000_000.0)
            .field("p50_in_millis", p50Nanos / 1_000_000.0)
            .field("p99_in_millis", p99Nanos / 1_000_000.0)
            .endObject();
    }
}
