package org.mgdspr.plugin.fusion;

import org.mgdspr.model.fusion.FusedList;
import org.mgdspr.model.fusion.FusionSpec;
import org.mgdspr.model.fusion.RankedHits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuses the channels' global lists on the coordinating node with the arithmetic the offline evaluation uses
 * ({@link FusionSpec#fuse}), so ranks and normalisation are over every target shard, as on one shard.
 *
 * <p>Documents are numbered in order of first appearance (the k-NN channel's list first, then the lexical
 * channel's), which is how the arithmetic breaks ties. So that a search returns that order whatever the number of
 * shards (a search breaks ties of equal scores by shard and Lucene doc id), tied scores are pulled apart: going from
 * the last document up, a score that does not exceed the next one's becomes the next float above it. That moves a
 * tied score by a few units in the last place and leaves every other score exact.
 */
public final class GlobalFusion {

    private GlobalFusion() {}

    /** A fused document with the index it lives in. */
    public record IndexedDoc(String index, FusedDoc doc) {}

    /** The fused documents, best first, with strictly decreasing scores. */
    public static List<IndexedDoc> fuse(FusionSpec spec, List<ChannelList> channels) {
        Map<ChannelHitKey, Integer> ordinals = new LinkedHashMap<>();
        List<RankedHits> ranked = new ArrayList<>(channels.size());
        for (ChannelList channel : channels) {
            int[] docs = new int[channel.hits().size()];
            float[] scores = new float[docs.length];
            for (int r = 0; r < docs.length; r++) {
                ChannelHit hit = channel.hits().get(r);
                docs[r] = ordinals.computeIfAbsent(new ChannelHitKey(hit.index(), hit.id()), key -> ordinals.size());
                scores[r] = hit.score();
            }
            ranked.add(new RankedHits(docs, scores));
        }
        List<ChannelHitKey> keys = new ArrayList<>(ordinals.keySet());
        FusedList fused = spec.fuse(ranked);
        int[] order = fused.top(fused.size());
        float[] fusedScores = fused.scores();
        float[] scores = new float[order.length];
        for (int i = order.length - 1; i >= 0; i--) {
            float score = fusedScores[fused.indexOf(order[i])];
            scores[i] = i == order.length - 1 || score > scores[i + 1] ? score : Math.nextUp(scores[i + 1]);
        }
        List<IndexedDoc> result = new ArrayList<>(order.length);
        for (int i = 0; i < order.length; i++) {
            int position = fused.indexOf(order[i]);
            int[] ranks = new int[channels.size()];
            float[] channelScores = new float[channels.size()];
            for (int c = 0; c < ranks.length; c++) {
                ranks[c] = fused.rank(c, position);
                channelScores[c] = fused.channelScore(c, position);
            }
            ChannelHitKey key = keys.get(order[i]);
            result.add(new IndexedDoc(key.index(), new FusedDoc(key.id(), scores[i], ranks, channelScores)));
        }
        return result;
    }

    private record ChannelHitKey(String index, String id) {}
}
