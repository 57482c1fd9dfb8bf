package org.mgdspr.plugin.query;

import org.opensearch.core.common.ParsingException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.search.SearchExtBuilder;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The response section {@code ext.mgdspr} of a search with {@code profile: true}: what each {@code mgdspr} query
 * spent on the coordinating node before the shards' query phase, which {@code profile.shards} does not see. Parts:
 * {@code profile_fetch} (reading the user-profile document), {@code encode} (the user tower and key-term detection),
 * one entry per channel search (wall time on the coordinator, and the channel search's own {@code took}, timeout
 * and shards) and {@code fusion}. Beside the times, what the query was read as: the words the user tower embedded
 * (normalised, and spelling-corrected when the model corrects) and the key terms relevance control detected. The
 * shards' query and fetch of the fused documents are profiled as usual.
 */
public final class MgdsprProfile extends SearchExtBuilder {

    public static final String NAME = "mgdspr";

    /** One part of one {@code mgdspr} query ({@code query} is its {@code _name}, else {@code mgdspr}). */
    public record Timing(String query, String part, long timeInNanos) implements Writeable {

        static Timing readFrom(StreamInput in) throws IOException {
            return new Timing(in.readString(), in.readString(), in.readVLong());
        }

        @Override
        public void writeTo(StreamOutput out) throws IOException {
            out.writeString(query);
            out.writeString(part);
            out.writeVLong(timeInNanos);
        }
    }

    /** One channel search, as a search of its own over the request's indices. */
    public record ChannelRun(String query, String channel, long timeInNanos, long tookInMillis, boolean timedOut,
                             int totalShards, int successfulShards, int failedShards, int hits) implements Writeable {

        static ChannelRun readFrom(StreamInput in) throws IOException {
            return new ChannelRun(in.readString(), in.readString(), in.readVLong(), in.readVLong(), in.readBoolean(),
                in.readVInt(), in.readVInt(), in.readVInt(), in.readVInt());
        }

        @Override
        public void writeTo(StreamOutput out) throws IOException {
            out.writeString(query);
            out.writeString(channel);
            out.writeVLong(timeInNanos);
            out.writeVLong(tookInMillis);
            out.writeBoolean(timedOut);
            out.writeVInt(totalShards);
            out.writeVInt(successfulShards);
            out.writeVInt(failedShards);
            out.writeVInt(hits);
        }
    }

    /**
     * How one {@code mgdspr} query read its text and its user: the words the user tower embedded, the key terms
     * detected for relevance control (empty unless its mode is {@code auto}), and each brand's share of the user's
     * real-time and short-term items, which a brand boost adds to the k-NN scores.
     */
    public record Reading(String query, List<String> queryWords, List<String> keyTerms,
                          Map<String, Double> brandShares) implements Writeable {

        public Reading {
            queryWords = List.copyOf(queryWords);
            keyTerms = List.copyOf(keyTerms);
            brandShares = Collections.unmodifiableMap(new TreeMap<>(brandShares));
        }

        static Reading readFrom(StreamInput in) throws IOException {
            return new Reading(in.readString(), in.readStringList(), in.readStringList(),
                in.readMap(StreamInput::readString, StreamInput::readDouble));
        }

        @Override
        public void writeTo(StreamOutput out) throws IOException {
            out.writeString(query);
            out.writeStringCollection(queryWords);
            out.writeStringCollection(keyTerms);
            out.writeMap(brandShares, StreamOutput::writeString, StreamOutput::writeDouble);
        }
    }

    private final List<Timing> timings;
    private final List<ChannelRun> channels;
    private final List<Reading> readings;

    public MgdsprProfile(List<Timing> timings, List<ChannelRun> channels, List<Reading> readings) {
        this.timings = List.copyOf(timings);
        this.channels = List.copyOf(channels);
        this.readings = List.copyOf(readings);
    }

    public MgdsprProfile(StreamInput in) throws IOException {
        this(in.readList(Timing::readFrom), in.readList(ChannelRun::readFrom), in.readList(Reading::readFrom));
    }

    /** Requests cannot carry this section: it only reports. */
    public static MgdsprProfile fromXContent(XContentParser parser) {
        throw new ParsingException(parser.getTokenLocation(), "[ext." + NAME + "] is a section of search responses "
            + "(the mgdspr query's profile), not a request option");
    }

    public List<Timing> timings() {
        return timings;
    }

    public List<ChannelRun> channels() {
        return channels;
    }

    public List<Reading> readings() {
        return readings;
    }

    @Override
    public String getWriteableName() {
        return NAME;
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeList(timings);
        out.writeList(channels);
        out.writeList(readings);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject(NAME);
        builder.startArray("timings");
        for (Timing timing : timings) {
            builder.startObject().field("query", timing.query()).field("part", timing.part())
                .field("time_in_nanos", timing.timeInNanos()).endObject();
        }
        builder.endArray();
        builder.startArray("channels");
        for (ChannelRun run : channels) {
            builder.startObject().field("query", run.query()).field("channel", run.channel())
                .field("time_in_nanos", run.timeInNanos()).field("took", run.tookInMillis())
                .field("timed_out", run.timedOut()).field("hits", run.hits());
            builder.startObject("_shards").field("total", run.totalShards()).field("successful", run.successfulShards())
                .field("failed", run.failedShards()).endObject();
            builder.endObject();
        }
        builder.endArray();
        builder.startArray("readings");
        for (Reading reading : readings) {
            builder.startObject().field("query", reading.query()).field("query_words", reading.queryWords())
                .field("key_terms", reading.keyTerms()).field("brand_shares", reading.brandShares()).endObject();
        }
        builder.endArray();
        return builder.endObject();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MgdsprProfile that && timings.equals(that.timings) && channels.equals(that.channels)
            && readings.equals(that.readings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timings, channels, readings);
    }
}
