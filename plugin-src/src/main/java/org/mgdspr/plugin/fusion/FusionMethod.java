package org.mgdspr.plugin.fusion;

import java.util.Locale;

/**
 * How the per-shard results of several retrieval channels become one ranked list. Both de-duplicate: a document
 * found by several channels appears once.
 */
public enum FusionMethod {

    /**
     * The paper's de-duplicated union (§4). Channels are ordered by priority: every document of the first channel
     * ranks ahead of documents only a later channel found; within a channel, by that channel's own score. A document
     * of the first channel scores {@code (channels - 1) + s}, its own score {@code s} shifted, not squashed; a
     * document first found by a later channel {@code p} scores {@code (channels - 1 - p) + s / (1 + s)}. Both are
     * monotone in each channel's score, so the order holds across shards too.
     */
    UNION,

    /**
     * Reciprocal-rank fusion: {@code sum over channels of 1 / (rank_constant + rank)}, ranks starting at 1 and
     * counted per shard (like the k-NN channel's {@code k}, which is per shard).
     */
    RRF;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
