package org.mgdspr.plugin.fusion;

import java.util.List;
import java.util.Objects;

/**
 * One channel's global result over every target shard: its best documents, best first.
 *
 * @param name the name hits carry in {@code matched_queries} when this channel retrieved them
 * @param hits best first, each document at most once
 */
public record ChannelList(String name, List<ChannelHit> hits) {

    public ChannelList {
        Objects.requireNonNull(name, "name");
        hits = List.copyOf(hits);
        for (int i = 1; i < hits.size(); i++) {
            if (hits.get(i).score() > hits.get(i - 1).score()) {
                throw new IllegalArgumentException("channel [" + name + "] lists its hits out of score order at " + i);
            }
        }
    }
}
