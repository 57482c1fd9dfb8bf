package org.mgdspr.plugin.query;

import org.mgdspr.plugin.fusion.ChannelHit;
import org.mgdspr.plugin.fusion.ChannelList;
import org.mgdspr.plugin.fusion.ShardChannel;
import org.mgdspr.plugin.fusion.TieOrder;
import org.opensearch.ExceptionsHelper;
import org.opensearch.action.IndicesRequest;
import org.opensearch.action.search.SearchRequest;
import org.opensearch.action.search.SearchResponse;
import org.opensearch.action.search.SearchType;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.QueryBuilders;
import org.opensearch.search.SearchHit;
import org.opensearch.search.builder.SearchSourceBuilder;
import org.opensearch.search.sort.SortBuilders;
import org.opensearch.search.sort.SortOrder;
import org.opensearch.search.pipeline.SearchPipelineService;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One channel of a {@code mgdspr} query as a search request of its own over the indices of the user's search: the
 * channel's global top {@code k} ({@code _id}, {@code _index} and score, no source), through the shards' ordinary
 * query and fetch phases, with the user's timeout, routing, preference and partial-results setting.
 *
 * <p>Documents with equal scores (frequent with BM25) are ordered as the channel's {@link TieOrder} says. In
 * {@code _id} order, by index name, then id, so that the list, and the ranks fusion takes from it, do not depend on
 * the shards: the search asks for {@code lookahead} documents more than {@code k}, so that it usually returns every
 * document tied with the {@code k}-th; only when the last one returned still ties with it does a second search
 * ({@link #tieRequest}) fetch every document with at least that score, so the cut at {@code k} is taken in the same
 * order too. In shard order the list is the search's own top {@code k}; ordered by a field, the top {@code k} of the
 * search sorted by score, then by that field.
 *
 * @param channel       the channel: its name, query, {@code k}, tie order and lookahead (in {@code _id} order, a
 *                      handful of documents for vector scores, which rarely tie; for BM25, whose scores tie for every
 *                      document with the same matches and field length, a share of {@code k})
 * @param query         what the search scores: the channel's query, marked for the post-filter when it has one
 * @param globalStats   search with distributed term statistics ({@code dfs_query_then_fetch}), so that BM25 scores
 *                      are those of one shard holding every document
 * @param requiredMatch when not {@code null}, the name of a named query a hit must match to stay in the list: the
 *                      relevance post-filter applied after the global top {@code k} is taken
 */
record ChannelSearch(ShardChannel channel, QueryBuilder query, boolean globalStats, String requiredMatch) {

    /**
     * The search of {@code channel}. Its post-filter becomes a zero-scored named clause that marks the hits carrying
     * the key terms, so that the global top {@code k} is cut first and the unmarked hits are dropped after.
     */
    static ChannelSearch of(ShardChannel channel, boolean globalStats) {
        if (channel.requiredFilter() == null) {
            return new ChannelSearch(channel, channel.query(), globalStats, null);
        }
        QueryBuilder marked = QueryBuilders.boolQuery().must(channel.query()).should(QueryBuilders
            .constantScoreQuery(channel.requiredFilter()).boost(0f).queryName(MgdsprQueryBuilder.KEY_TERMS_MATCH));
        return new ChannelSearch(channel, marked, globalStats, MgdsprQueryBuilder.KEY_TERMS_MATCH);
    }

    /** The channel's name in {@code matched_queries}. */
    String name() {
        return channel.name();
    }

    /** How many documents the channel contributes. */
    int k() {
        return channel.k();
    }

    /** The search request of this channel, over the indices of {@code userSearch}. */
    SearchRequest request(IndicesRequest userSearch) {
        // sorted by score and then the tie field, the search's own top k is the list
        return request(userSearch, channel.tieOrder().byField() ? channel.k() : channel.window(), null);
    }

    /**
     * Whether documents the first response left out may tie with the {@code k}-th: it is full and its last hit has
     * the {@code k}-th's score. {@link #tieRequest} then fetches them.
     */
    boolean tiesAtTheCut(SearchResponse response) {
        SearchHit[] hits = response.getHits().getHits();
        int k = k();
        return channel.tieOrder().byId() && hits.length >= channel.window() && hits.length > k
            && hits[hits.length - 1].getScore() == hits[k - 1].getScore();
    }

    /** Every document scoring at least the {@code k}-th score of {@code first}. */
    SearchRequest tieRequest(IndicesRequest userSearch, SearchResponse first) {
        return request(userSearch, ShardChannel.MAX_TIED, first.getHits().getHits()[k() - 1].getScore());
    }

    private SearchRequest request(IndicesRequest userSearch, int size, Float minScore) {
        SearchSourceBuilder source = new SearchSourceBuilder().query(query).size(size).fetchSource(false)
            .trackTotalHits(false);
        if (minScore != null) {
            source.minScore(minScore);
        }
        if (channel.tieOrder().byField()) {
            source.sort(SortBuilders.scoreSort()).sort(SortBuilders.fieldSort(channel.tieOrder().field())
                .order(SortOrder.ASC)).trackScores(true);
        }
        SearchRequest request = new SearchRequest(userSearch.indices()).indicesOptions(userSearch.indicesOptions())
            .searchType(globalStats ? SearchType.DFS_QUERY_THEN_FETCH : SearchType.QUERY_THEN_FETCH)
            .pipeline(SearchPipelineService.NOOP_PIPELINE_ID);
        if (userSearch instanceof SearchRequest user) {
            request.routing(user.routing()).preference(user.preference());
            if (user.allowPartialSearchResults() != null) {
                request.allowPartialSearchResults(user.allowPartialSearchResults());
            }
            request.setCancelAfterTimeInterval(user.getCancelAfterTimeInterval());
            if (user.source() != null && user.source().timeout() != null) {
                source.timeout(user.source().timeout());
            }
        }
        return request.source(source);
    }

    /**
     * The failure of this channel's search as the user should see it. A search sorted on a field that the searched
     * indices map to different types (a keyword in one, a number in another) fails on the coordinating node when it
     * merges the shards' sort values, with a ClassCastException that OpenSearch answers with a 500; for a channel
     * ordered by that field the request is at fault, and the error names the field.
     */
    Exception explain(Exception failure) {
        if (channel.tieOrder().byField() && ExceptionsHelper.unwrap(failure, ClassCastException.class) != null) {
            return new IllegalArgumentException("[tie_order.field] [" + channel.tieOrder().field()
                + "] cannot order the ties of channel [" + name() + "]: the searched indices map it to different "
                + "types, whose values do not compare", failure);
        }
        return failure;
    }

    /** The channel's list from its search's response: the top {@code k}, ties in the channel's {@link TieOrder}. */
    ChannelList list(SearchResponse response) {
        List<SearchHit> ordered = new ArrayList<>(Arrays.asList(response.getHits().getHits()));
        if (channel.tieOrder().byId()) {
            ordered.sort(Comparator.comparing(SearchHit::getScore, Comparator.reverseOrder())
                .thenComparing(SearchHit::getIndex).thenComparing(SearchHit::getId));
        }
        List<ChannelHit> hits = new ArrayList<>(k());
        for (SearchHit hit : ordered.subList(0, Math.min(k(), ordered.size()))) {
            if (requiredMatch == null || Arrays.asList(hit.getMatchedQueries()).contains(requiredMatch)) {
                hits.add(new ChannelHit(hit.getIndex(), hit.getId(), hit.getScore()));
            }
        }
        return new ChannelList(name(), hits);
    }
}
