package org.mgdspr.model.fusion;

import java.util.Arrays;
import java.util.List;

/** The arithmetic of {@link FusionSpec#fuse}: one place that the plugin and the offline evaluation share. */
final class ChannelFusion {

    private ChannelFusion() {}

    static FusedList fuse(FusionSpec spec, List<RankedHits> results) {
        int channels = results.size();
        if (channels == 0 || channels > 2) {
            throw new IllegalArgumentException("fusion combines one or two channels (k-NN, lexical), got " + channels);
        }
        float[][] normalized = new float[channels][];
        for (int c = 0; c < channels; c++) {
            normalized[c] = spec.normalization().normalize(results.get(c).scoresView());
        }
        int[] docs = distinctDocs(results);
        int n = docs.length;
        float[] fused = new float[n];
        int[][] ranks = new int[channels][n];
        float[][] channelScores = new float[channels][n];
        for (int c = 0; c < channels; c++) {
            RankedHits hits = results.get(c);
            for (int r = 0; r < hits.size(); r++) {
                int i = Arrays.binarySearch(docs, hits.doc(r));
                if (ranks[c][i] != 0) {
                    throw new IllegalArgumentException("channel " + c + " lists document " + hits.doc(r) + " twice");
                }
                ranks[c][i] = r + 1;
                channelScores[c][i] = hits.score(r);
            }
        }
        int[] docRanks = new int[channels];
        float[] scores = new float[channels];
        float[] normalizedScores = new float[channels];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                docRanks[c] = ranks[c][i];
                scores[c] = channelScores[c][i];
                normalizedScores[c] = docRanks[c] > 0 ? normalized[c][docRanks[c] - 1] : 0f;
            }
            fused[i] = channels == 1 ? scores[0] : fusedScore(spec, docRanks, scores, normalizedScores);
        }
        return new FusedList(docs, fused, ranks, channelScores);
    }

    /** Every document some channel lists, ascending, each once. */
    private static int[] distinctDocs(List<RankedHits> results) {
        int total = 0;
        for (RankedHits hits : results) {
            total += hits.size();
        }
        int[] all = new int[total];
        int at = 0;
        for (RankedHits hits : results) {
            for (int r = 0; r < hits.size(); r++) {
                all[at++] = hits.doc(r);
            }
        }
        Arrays.sort(all);
        int distinct = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                all[distinct++] = all[i];
            }
        }
        return Arrays.copyOf(all, distinct);
    }

    private static float fusedScore(FusionSpec spec, int[] ranks, float[] scores, float[] normalized) {
        return switch (spec.method()) {
            case UNION -> {
                int first = 0;
                while (ranks[first] == 0) {
                    first++;
                }
                float s = Math.max(0f, scores[first]);
                int band = ranks.length - 1 - first;
                // the first channel's score is shifted, not squashed (squashed large scores would tie in float);
                // later channels are squashed into their unit band below it
                yield first == 0 ? band + s : band + s / (1f + s);
            }
            case RRF -> {
                double sum = 0;
                for (int c = 0; c < ranks.length; c++) {
                    if (ranks[c] > 0) {
                        sum += spec.weight(c) / (spec.rankConstant() + ranks[c]);
                    }
                }
                yield (float) sum;
            }
            case WEIGHTED -> {
                double sum = 0;
                double weights = 0;
                for (int c = 0; c < ranks.length; c++) {
                    weights += spec.weight(c);
                    if (ranks[c] > 0) {
                        sum += spec.weight(c) * normalized[c];
                    }
                }
                yield (float) (sum / weights);
            }
        };
    }
}
