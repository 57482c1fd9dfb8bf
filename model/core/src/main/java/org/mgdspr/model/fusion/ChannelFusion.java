package org.mgdspr.model.fusion;

import java.util.List;
import java.util.TreeMap;

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
        TreeMap<Integer, int[]> rankByDoc = new TreeMap<>();
        for (int c = 0; c < channels; c++) {
            RankedHits hits = results.get(c);
            for (int r = 0; r < hits.size(); r++) {
                int[] ranks = rankByDoc.computeIfAbsent(hits.doc(r), d -> new int[channels]);
                if (ranks[c] != 0) {
                    throw new IllegalArgumentException("channel " + c + " lists document " + hits.doc(r) + " twice");
                }
                ranks[c] = r + 1;
            }
        }
        int n = rankByDoc.size();
        int[] docs = new int[n];
        float[] fused = new float[n];
        int[][] ranks = new int[channels][n];
        float[][] channelScores = new float[channels][n];
        int i = 0;
        for (var entry : rankByDoc.entrySet()) {
            docs[i] = entry.getKey();
            int[] docRanks = entry.getValue();
            float[] scores = new float[channels];
            float[] normalizedScores = new float[channels];
            for (int c = 0; c < channels; c++) {
                ranks[c][i] = docRanks[c];
                if (docRanks[c] > 0) {
                    scores[c] = results.get(c).score(docRanks[c] - 1);
                    normalizedScores[c] = normalized[c][docRanks[c] - 1];
                }
                channelScores[c][i] = scores[c];
            }
            fused[i] = channels == 1 ? scores[0] : fusedScore(spec, docRanks, scores, normalizedScores);
            i++;
        }
        return new FusedList(docs, fused, ranks, channelScores);
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
