package org.mgdspr.plugin.fusion;

import org.mgdspr.model.fusion.FusionSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Fuses the channels' global lists on the coordinating node with the arithmetic the offline evaluation uses
 * ({@link RankFusion}), so ranks and normalisation are over every target shard, as on one shard. A document is named
 * by its index and {@code _id}.
 */
public final class GlobalFusion {

    private GlobalFusion() {}

    /** A fused document with the index it lives in. */
    public record IndexedDoc(String index, FusedDoc doc) {}

    /** The fused documents, best first, with strictly decreasing scores. */
    public static List<IndexedDoc> fuse(FusionSpec spec, List<ChannelList> channels) {
        List<List<ChannelHitKey>> keys = new ArrayList<>(channels.size());
        List<float[]> scores = new ArrayList<>(channels.size());
        for (ChannelList channel : channels) {
            float[] channelScores = new float[channel.hits().size()];
            for (int r = 0; r < channelScores.length; r++) {
                channelScores[r] = channel.hits().get(r).score();
            }
            keys.add(channel.hits().stream().map(hit -> new ChannelHitKey(hit.index(), hit.id())).toList());
            scores.add(channelScores);
        }
        return RankFusion.fuse(spec, keys, scores).stream().map(fused -> new IndexedDoc(fused.key().index(),
            new FusedDoc(fused.key().id(), fused.score(), fused.ranks(), fused.channelScores()))).toList();
    }

    private record ChannelHitKey(String index, String id) {}
}
