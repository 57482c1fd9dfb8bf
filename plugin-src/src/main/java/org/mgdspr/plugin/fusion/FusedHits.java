package org.mgdspr.plugin.fusion;

import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The fused result of all channels on one shard's reader: every retrieved document once, in ascending global doc
 * id order, with its fused score and, per channel, its rank (0 when that channel did not retrieve it) and score.
 */
final class FusedHits {

    private final Object readerId;
    private final List<String> channelNames;
    private final FusionMethod method;
    private final int rankConstant;
    private final int[] docs;
    private final float[] scores;
    private final int[][] ranks;
    private final float[][] channelScores;

    private FusedHits(Object readerId, List<String> channelNames, FusionMethod method, int rankConstant, int[] docs,
                      float[] scores, int[][] ranks, float[][] channelScores) {
        this.readerId = readerId;
        this.channelNames = channelNames;
        this.method = method;
        this.rankConstant = rankConstant;
        this.docs = docs;
        this.scores = scores;
        this.ranks = ranks;
        this.channelScores = channelScores;
    }

    /** Fuses the channels' top documents, given in channel priority order. */
    static FusedHits fuse(Object readerId, List<String> channelNames, List<TopDocs> results, FusionMethod method,
                          int rankConstant) {
        int channels = results.size();
        TreeMap<Integer, int[]> rankByDoc = new TreeMap<>();
        TreeMap<Integer, float[]> scoreByDoc = new TreeMap<>();
        for (int c = 0; c < channels; c++) {
            ScoreDoc[] hits = results.get(c).scoreDocs;
            for (int r = 0; r < hits.length; r++) {
                int doc = hits[r].doc;
                rankByDoc.computeIfAbsent(doc, d -> new int[channels])[c] = r + 1;
                scoreByDoc.computeIfAbsent(doc, d -> new float[channels])[c] = hits[r].score;
            }
        }
        int n = rankByDoc.size();
        int[] docs = new int[n];
        float[] scores = new float[n];
        int[][] ranks = new int[channels][n];
        float[][] channelScores = new float[channels][n];
        int i = 0;
        for (var entry : rankByDoc.entrySet()) {
            docs[i] = entry.getKey();
            float[] docScores = scoreByDoc.get(entry.getKey());
            for (int c = 0; c < channels; c++) {
                ranks[c][i] = entry.getValue()[c];
                channelScores[c][i] = docScores[c];
            }
            scores[i] = fusedScore(method, rankConstant, entry.getValue(), docScores);
            i++;
        }
        return new FusedHits(readerId, List.copyOf(channelNames), method, rankConstant, docs, scores, ranks,
            channelScores);
    }

    private static float fusedScore(FusionMethod method, int rankConstant, int[] ranks, float[] scores) {
        if (ranks.length == 1) {
            return scores[0];
        }
        return switch (method) {
            case UNION -> {
                int first = 0;
                while (ranks[first] == 0) {
                    first++;
                }
                float s = Math.max(0f, scores[first]);
                int band = ranks.length - 1 - first;
                // the first channel's score is shifted, not squashed (squashed large scores would tie in float;
                // the shift ties only scores within float precision of 1 + s); later channels are squashed into
                // their unit band below it
                yield first == 0 ? band + s : band + s / (1f + s);
            }
            case RRF -> {
                float sum = 0f;
                for (int rank : ranks) {
                    if (rank > 0) {
                        sum += 1f / (rankConstant + rank);
                    }
                }
                yield sum;
            }
        };
    }

    Object readerId() {
        return readerId;
    }

    /** The fused documents, scored by the fusion method. */
    FixedHitsQuery fusedQuery() {
        return new FixedHitsQuery(this, FixedHitsQuery.FUSED, docs, scores);
    }

    /** The documents one channel retrieved, scored by that channel: the channel's {@code matched_queries} entry. */
    FixedHitsQuery channelQuery(int channel) {
        int count = 0;
        for (int rank : ranks[channel]) {
            count += rank > 0 ? 1 : 0;
        }
        int[] channelDocs = new int[count];
        float[] scoresOfChannel = new float[count];
        int j = 0;
        for (int i = 0; i < docs.length; i++) {
            if (ranks[channel][i] > 0) {
                channelDocs[j] = docs[i];
                scoresOfChannel[j++] = channelScores[channel][i];
            }
        }
        return new FixedHitsQuery(this, channel, channelDocs, scoresOfChannel);
    }

    String describe(int channel) {
        return channel == FixedHitsQuery.FUSED ? method.jsonName() + " fusion of " + channelNames
            : "documents retrieved by channel [" + channelNames.get(channel) + "]";
    }

    /** Why a document got its score; {@code globalDoc} must be one of the fused documents. */
    Explanation explain(int globalDoc, int channel, float score) {
        int i = Arrays.binarySearch(docs, globalDoc);
        if (channel != FixedHitsQuery.FUSED) {
            return Explanation.match(score, "rank " + ranks[channel][i] + " in channel [" + channelNames.get(channel)
                + "], scored by that channel");
        }
        List<Explanation> details = new ArrayList<>();
        for (int c = 0; c < channelNames.size(); c++) {
            details.add(ranks[c][i] > 0
                ? Explanation.match(channelScores[c][i], String.format(Locale.ROOT, "channel [%s] retrieved it at rank %d",
                    channelNames.get(c), ranks[c][i]))
                : Explanation.noMatch("channel [" + channelNames.get(c) + "] did not retrieve it"));
        }
        String formula = channelNames.size() == 1 ? "score of the only channel"
            : method == FusionMethod.RRF ? "sum of 1/(" + rankConstant + " + rank) over the channels that retrieved it"
            : "union: channels - 1 + s for hits of the first channel, else (channels - 1 - p) + s/(1+s) for the first "
            + "channel p that retrieved it, s its score";
        return Explanation.match(score, method.jsonName() + " fusion, " + formula, details);
    }
}
