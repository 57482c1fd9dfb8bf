package org.mgdspr.plugin.query;

import org.opensearch.action.search.SearchRequest;

/** What the coordinating node knows about the shards a search request reaches. */
@FunctionalInterface
public interface SearchTargets {

    /** Knows nothing: every search may reach several shards. */
    SearchTargets UNKNOWN = request -> false;

    /**
     * Whether {@code request} reaches exactly one shard: it names one open index of one shard directly (not through an
     * alias, which may filter, a wildcard or another cluster).
     */
    boolean oneShard(SearchRequest request);
}
