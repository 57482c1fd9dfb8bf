package org.mgdspr.plugin.fusion;

import org.apache.lucene.search.Query;

import java.util.Objects;

/**
 * One retrieval channel of a shard-level search: its top {@code k} documents by {@code query} take part in fusion.
 *
 * @param name  the name hits carry in {@code matched_queries} when this channel retrieved them
 * @param query the channel's Lucene query
 * @param k     how many documents this channel contributes per shard
 */
public record Channel(String name, Query query, int k) {

    public Channel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(query, "query");
        if (k < 1) {
            throw new IllegalArgumentException("channel [" + name + "] must retrieve at least one document, k=" + k);
        }
    }
}
