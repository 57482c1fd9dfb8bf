package org.mgdspr.plugin.fusion;

import org.apache.lucene.search.Explanation;
import org.mgdspr.model.fusion.FusionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How a fused document got its score, and why a channel's named query matched it, in a search's explanation. */
final class FusionExplanation {

    private final FusionSpec spec;
    private final List<String> channels;

    /** @param channels the channels' names, in the order of a document's ranks */
    FusionExplanation(FusionSpec spec, List<String> channels) {
        this.spec = spec;
        this.channels = List.copyOf(channels);
    }

    /**
     * @param ranks         per channel, the document's rank in its global list (from 1; 0 when it did not retrieve it)
     * @param channelScores per channel, the score it gave the document
     */
    Explanation explain(float score, int[] ranks, float[] channelScores) {
        List<Explanation> details = new ArrayList<>();
        for (int c = 0; c < channels.size(); c++) {
            details.add(ranks[c] > 0
                ? Explanation.match(channelScores[c], String.format(Locale.ROOT,
                    "channel [%s] retrieved it at rank %d of its global list", channels.get(c), ranks[c]))
                : Explanation.noMatch("channel [" + channels.get(c) + "] did not retrieve it"));
        }
        return Explanation.match(score, spec.describe() + " fusion, " + formula(), details);
    }

    /**
     * The score of a channel's named query for a document the channel retrieved: the channel's score, a negative one
     * as 0, since a Lucene score must not be negative.
     */
    static float channelMatchScore(float channelScore) {
        return Math.max(0f, channelScore);
    }

    /** Why the named query of {@code channel} matched a document it retrieved at {@code rank}. */
    static Explanation channelMatch(float score, int rank, String channel) {
        return Explanation.match(score, "rank " + rank + " in channel [" + channel + "], scored by that channel");
    }

    private String formula() {
        if (channels.size() == 1) {
            return "score of the only channel";
        }
        return switch (spec.method()) {
            case RRF -> "sum of weight/(" + spec.rankConstant() + " + rank) over the channels that retrieved it";
            case WEIGHTED -> "weighted mean of the channels' " + spec.normalization().jsonName()
                + " normalised scores (0 where a channel did not retrieve it)";
            case UNION -> "union: channels - 1 + s for hits of the first channel, else (channels - 1 - p) + s/(1+s) "
                + "for the first channel p that retrieved it, s its score";
        } + "; ties are pulled apart by a few units in the last place, in the k-NN channel's order";
    }
}
