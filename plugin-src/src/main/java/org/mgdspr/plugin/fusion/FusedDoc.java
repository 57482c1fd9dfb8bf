package org.mgdspr.plugin.fusion;

import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * One fused document of one index: its fused score and, per channel, its global rank (from 1; 0 when the channel
 * did not retrieve it) and that channel's score.
 */
public record FusedDoc(String id, float score, int[] ranks, float[] channelScores) implements Writeable {

    public FusedDoc {
        Objects.requireNonNull(id, "id");
        if (ranks.length != channelScores.length) {
            throw new IllegalArgumentException(ranks.length + " ranks but " + channelScores.length + " channel scores");
        }
        ranks = ranks.clone();
        channelScores = channelScores.clone();
    }

    static FusedDoc readFrom(StreamInput in) throws IOException {
        return new FusedDoc(in.readString(), in.readFloat(), in.readVIntArray(), in.readFloatArray());
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeString(id);
        out.writeFloat(score);
        out.writeVIntArray(ranks);
        out.writeFloatArray(channelScores);
    }

    boolean retrievedBy(int channel) {
        return ranks[channel] > 0;
    }

    @Override
    public int[] ranks() {
        return ranks.clone();
    }

    @Override
    public float[] channelScores() {
        return channelScores.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FusedDoc that && id.equals(that.id) && Float.compare(score, that.score) == 0
            && Arrays.equals(ranks, that.ranks) && Arrays.equals(channelScores, that.channelScores);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, score, Arrays.hashCode(ranks), Arrays.hashCode(channelScores));
    }
}
