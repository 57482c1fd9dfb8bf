package org.mgdspr.plugin.fusion;

import java.util.Objects;

/**
 * One document a channel retrieved, as a search names it across shards and indices.
 *
 * @param index the concrete index holding the document
 * @param id    the document's {@code _id}
 * @param score the channel's score
 */
public record ChannelHit(String index, String id, float score) {

    public ChannelHit {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(id, "id");
    }
}
