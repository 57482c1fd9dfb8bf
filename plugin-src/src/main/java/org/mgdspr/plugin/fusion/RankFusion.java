package org.mgdspr.plugin.fusion;

import org.mgdspr.model.fusion.FusedList;
import org.mgdspr.model.fusion.FusionSpec;
import org.mgdspr.model.fusion.RankedHits;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fusion of ranked channel lists as a search serves it, whatever names the documents: the arithmetic of the
 * offline evaluation ({@link FusionSpec#fuse}) over documents numbered in order of first appearance (the first
 * channel's list, then the next's), which is how that arithmetic breaks ties; then tied fused scores are pulled
 * apart, so that a search, which breaks ties of equal scores by shard and Lucene doc id, returns that order too:
 * going from the last document up, a score that does not exceed the next one's becomes the next float above it. That
 * moves a tied score by a few units in the last place and leaves every other score exact.
 */
final class RankFusion {

    private RankFusion() {}

    /**
     * One fused document.
     *
     * @param key           what names the document in the channels' lists
     * @param score         the fused score, strictly below the previous document's
     * @param ranks         per channel, the document's rank in its list (from 1; 0 when the channel did not list it)
     * @param channelScores per channel, the score the channel gave it (0 when it did not list it)
     */
    record Fused<K>(K key, float score, int[] ranks, float[] channelScores) {}

    /**
     * @param keys   per channel, its documents best first, each at most once per channel
     * @param scores per channel, the scores of those documents, not increasing
     * @return the fused documents, best first, with strictly decreasing scores
     */
    static <K> List<Fused<K>> fuse(FusionSpec spec, List<List<K>> keys, List<float[]> scores) {
        if (keys.size() != scores.size()) {
            throw new IllegalArgumentException(keys.size() + " channel lists but " + scores.size() + " score lists");
        }
        int listed = keys.stream().mapToInt(List::size).sum();
        Map<K, Integer> ordinals = HashMap.newHashMap(listed);
        List<K> byOrdinal = new ArrayList<>(listed);
        List<RankedHits> ranked = new ArrayList<>(keys.size());
        for (int c = 0; c < keys.size(); c++) {
            List<K> channel = keys.get(c);
            int[] docs = new int[channel.size()];
            for (int r = 0; r < docs.length; r++) {
                Integer known = ordinals.putIfAbsent(channel.get(r), byOrdinal.size());
                if (known == null) {
                    docs[r] = byOrdinal.size();
                    byOrdinal.add(channel.get(r));
                } else {
                    docs[r] = known;
                }
            }
            ranked.add(new RankedHits(docs, scores.get(c)));
        }
        FusedList fused = spec.fuse(ranked);
        int[] order = fused.top(fused.size());
        int[] positions = new int[order.length];
        float[] fusedScores = fused.scores();
        float[] pulledApart = new float[order.length];
        for (int i = order.length - 1; i >= 0; i--) {
            positions[i] = fused.indexOf(order[i]);
            float score = fusedScores[positions[i]];
            pulledApart[i] = i == order.length - 1 || score > pulledApart[i + 1] ? score : Math.nextUp(pulledApart[i + 1]);
        }
        List<Fused<K>> result = new ArrayList<>(order.length);
        for (int i = 0; i < order.length; i++) {
            int position = positions[i];
            int[] ranks = new int[keys.size()];
            float[] channelScores = new float[keys.size()];
            for (int c = 0; c < ranks.length; c++) {
                ranks[c] = fused.rank(c, position);
                channelScores[c] = fused.channelScore(c, position);
            }
            result.add(new Fused<>(byOrdinal.get(order[i]), pulledApart[i], ranks, channelScores));
        }
        return result;
    }
}
