package org.mgdspr.plugin.engine;

import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;
import org.opensearch.core.xcontent.ToXContentObject;
import org.opensearch.core.xcontent.XContentBuilder;

import java.io.IOException;
import java.util.Objects;

/**
 * What a node knows about its DJL engine: whether it started, how long the start took, and why it failed.
 *
 * @param state            lifecycle state
 * @param engineName       DJL engine name ({@code PyTorch})
 * @param pytorchVersion   version of the loaded libtorch, or of the bundled one before the engine starts
 * @param nativeCacheDir   where the native library is (or will be) unpacked
 * @param startTimeMillis  wall time of the start, -1 before it finished
 * @param startedAtMillis  epoch millis when the start finished, -1 before
 * @param failure          reason of a failed start, null otherwise
 */
public record EngineStatus(
    State state,
    String engineName,
    String pytorchVersion,
    String nativeCacheDir,
    long startTimeMillis,
    long startedAtMillis,
    String failure) implements Writeable, ToXContentObject {

    /** Engine lifecycle on one node. */
    public enum State {
        NOT_STARTED, STARTING, STARTED, FAILED;

        public String jsonValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public EngineStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(engineName, "engineName");
        Objects.requireNonNull(pytorchVersion, "pytorchVersion");
        Objects.requireNonNull(nativeCacheDir, "nativeCacheDir");
    }

    public static EngineStatus readFrom(StreamInput in) throws IOException {
        return new EngineStatus(in.readEnum(State.class), in.readString(), in.readString(), in.readString(),
            in.readLong(), in.readLong(), in.readOptionalString());
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeEnum(state);
        out.writeString(engineName);
        out.writeString(pytorchVersion);
        out.writeString(nativeCacheDir);
        out.writeLong(startTimeMillis);
        out.writeLong(startedAtMillis);
        out.writeOptionalString(failure);
    }

    public boolean loaded() {
        return state == State.STARTED;
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject();
        builder.field("name", engineName);
        builder.field("state", state.jsonValue());
        builder.field("loaded", loaded());
        builder.field("pytorch_version", pytorchVersion);
        builder.field("native_cache_dir", nativeCacheDir);
        if (startTimeMillis >= 0) {
            builder.field("start_time_in_millis", startTimeMillis);
            builder.field("started_at_epoch_millis", startedAtMillis);
        }
        if (failure != null) {
            builder.field("failure", failure);
        }
        return builder.endObject();
    }
}
