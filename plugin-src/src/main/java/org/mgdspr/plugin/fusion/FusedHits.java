package org.mgdspr.plugin.fusion;

import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.mgdspr.model.fusion.FusedList;
import org.mgdspr.model.fusion.FusionSpec;
import org.mgdspr.model.fusion.RankedHits;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fused result of all channels on one shard's reader ({@link FusionSpec#fuse}, the same arithmetic the offline
 * evaluation uses): every retrieved document once, in ascending global doc id order, with its fused score and its
 * rank and score per channel.
 */
final class FusedHits {

    private final Object readerId;
    private final List<String> channelNames;
    private final FusionSpec spec;
    private final FusedList fused;

    private FusedHits(Object readerId, List<String> channelNames, FusionSpec spec, FusedList fused) {
        this.readerId = readerId;
        this.channelNames = channelNames;
        this.spec = spec;
        this.fused = fused;
    }

    /** Fuses the channels' top documents, given in the order k-NN, lexical. */
    static FusedHits fuse(Object readerId, List<String> channelNames, List<TopDocs> results, FusionSpec spec) {
        List<RankedHits> ranked = new ArrayList<>(results.size());
        for (TopDocs topDocs : results) {
            ScoreDoc[] hits = topDocs.scoreDocs;
            int[] docs = new int[hits.length];
            float[] scores = new float[hits.length];
            for (int r = 0; r < hits.length; r++) {
                docs[r] = hits[r].doc;
                scores[r] = hits[r].score;
            }
            ranked.add(new RankedHits(docs, scores));
        }
        return new FusedHits(readerId, List.copyOf(channelNames), spec, spec.fuse(ranked));
    }

    Object readerId() {
        return readerId;
    }

    /** The fused documents, scored by the fusion. */
    FixedHitsQuery fusedQuery() {
        return new FixedHitsQuery(this, FixedHitsQuery.FUSED, fused.docs(), fused.scores());
    }

    /** The documents one channel retrieved, scored by that channel: the channel's {@code matched_queries} entry. */
    FixedHitsQuery channelQuery(int channel) {
        int count = 0;
        for (int i = 0; i < fused.size(); i++) {
            count += fused.rank(channel, i) > 0 ? 1 : 0;
        }
        int[] allDocs = fused.docs();
        int[] channelDocs = new int[count];
        float[] scoresOfChannel = new float[count];
        int j = 0;
        for (int i = 0; i < allDocs.length; i++) {
            if (fused.rank(channel, i) > 0) {
                channelDocs[j] = allDocs[i];
                scoresOfChannel[j++] = fused.channelScore(channel, i);
            }
        }
        return new FixedHitsQuery(this, channel, channelDocs, scoresOfChannel);
    }

    String describe(int channel) {
        return channel == FixedHitsQuery.FUSED ? spec.describe() + " fusion of " + channelNames
            : "documents retrieved by channel [" + channelNames.get(channel) + "]";
    }

    /** Why a document got its score; {@code globalDoc} must be one of the fused documents. */
    Explanation explain(int globalDoc, int channel, float score) {
        int i = fused.indexOf(globalDoc);
        if (channel != FixedHitsQuery.FUSED) {
            return Explanation.match(score, "rank " + fused.rank(channel, i) + " in channel ["
                + channelNames.get(channel) + "], scored by that channel");
        }
        List<Explanation> details = new ArrayList<>();
        for (int c = 0; c < channelNames.size(); c++) {
            details.add(fused.rank(c, i) > 0
                ? Explanation.match(fused.channelScore(c, i), String.format(Locale.ROOT,
                    "channel [%s] retrieved it at rank %d", channelNames.get(c), fused.rank(c, i)))
                : Explanation.noMatch("channel [" + channelNames.get(c) + "] did not retrieve it"));
        }
        return Explanation.match(score, spec.describe() + " fusion, " + formula(), details);
    }

    private String formula() {
        if (channelNames.size() == 1) {
            return "score of the only channel";
        }
        return switch (spec.method()) {
            case RRF -> "sum of weight/(" + spec.rankConstant() + " + rank) over the channels that retrieved it";
            case WEIGHTED -> "weighted mean of the channels' " + spec.normalization().jsonName()
                + " normalised scores (0 where a channel did not retrieve it)";
            case UNION -> "union: channels - 1 + s for hits of the first channel, else (channels - 1 - p) + s/(1+s) "
                + "for the first channel p that retrieved it, s its score";
        };
    }
}
