package org.mgdspr.plugin.query;

import org.apache.lucene.search.TotalHits;
import org.junit.jupiter.api.Test;
import org.mgdspr.plugin.fusion.ChannelHit;
import org.mgdspr.plugin.fusion.ShardChannel;
import org.mgdspr.plugin.fusion.TieOrder;
import org.opensearch.action.search.SearchPhaseExecutionException;
import org.opensearch.action.search.SearchRequest;
import org.opensearch.action.search.SearchResponse;
import org.opensearch.action.search.SearchResponseSections;
import org.opensearch.action.search.ShardSearchFailure;
import org.opensearch.core.index.shard.ShardId;
import org.opensearch.index.query.QueryBuilders;
import org.opensearch.search.SearchHit;
import org.opensearch.search.SearchHits;
import org.opensearch.search.SearchShardTarget;
import org.opensearch.search.builder.SearchSourceBuilder;
import org.opensearch.search.sort.SortBuilders;
import org.opensearch.search.sort.SortOrder;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window a channel search asks for, when the ties at its cut need a second search, and how it cuts at k. */
class ChannelSearchTest {

    private static final SearchRequest USER_SEARCH = new SearchRequest("shop");

    @Test
    void asksForTheLookaheadBeyondKCappedAtTheResultWindow() {
        assertEquals(150, channel(100, 50).request(USER_SEARCH).source().size());
        assertEquals(ShardChannel.MAX_TIED, channel(ShardChannel.MAX_TIED, 1).request(USER_SEARCH).source().size());
        assertThrows(IllegalArgumentException.class, () -> channel(10, 0));
    }

    @Test
    void aTieThatEndsInsideTheWindowNeedsNoSecondSearch() {
        ChannelSearch search = channel(3, 2);
        assertFalse(search.tiesAtTheCut(response(hit("a", 5f), hit("b", 4f), hit("c", 3f), hit("d", 3f), hit("e", 2f))));
        assertFalse(search.tiesAtTheCut(response(hit("a", 5f), hit("b", 4f), hit("c", 3f), hit("d", 3f))),
            "fewer hits than the window: every matching document is there");
        assertTrue(search.tiesAtTheCut(response(hit("a", 5f), hit("b", 4f), hit("c", 3f), hit("d", 3f), hit("e", 3f))),
            "the last hit of a full window still ties with the k-th");
    }

    @Test
    void theCutAtKTakesTiesInIndexThenIdOrder() {
        ChannelSearch search = channel(3, 2);
        List<ChannelHit> hits = search.list(response(hit("a", 5f), hit("z", 3f), hit("m", 3f), hit("b", 3f),
            hit("c", 1f))).hits();
        assertEquals(List.of("a", "b", "m"), hits.stream().map(ChannelHit::id).toList());
    }

    @Test
    void inShardOrderTheCutAtKTakesTheSearchsOwnTopKAndNeverSearchesAgain() {
        ChannelSearch search = ChannelSearch.of(new ShardChannel("mgdspr:lexical",
            QueryBuilders.matchQuery("title", "shoes"), 3, TieOrder.SHARD, 0, null), true);
        assertEquals(3, search.request(USER_SEARCH).source().size());
        SearchResponse response = response(hit("a", 5f), hit("z", 3f), hit("m", 3f), hit("b", 3f));
        assertFalse(search.tiesAtTheCut(response));
        assertEquals(List.of("a", "z", "m"), search.list(response).hits().stream().map(ChannelHit::id).toList());
    }

    @Test
    void orderedByAFieldTheSearchSortsByScoreThenThatFieldAndKeepsItsOrder() {
        ChannelSearch search = ChannelSearch.of(new ShardChannel("mgdspr:lexical",
            QueryBuilders.matchQuery("title", "shoes"), 3, TieOrder.byField("sku"), 2, null), true);
        SearchSourceBuilder source = search.request(USER_SEARCH).source();
        assertEquals(3, source.size(), "sorted, the search's own top k is the list");
        assertEquals(List.of(SortBuilders.scoreSort(), SortBuilders.fieldSort("sku").order(SortOrder.ASC)),
            source.sorts());
        assertTrue(source.trackScores(), "a sorted search scores only when asked to");
        SearchResponse response = response(hit("a", 5f), hit("z", 3f), hit("m", 3f), hit("b", 3f));
        assertFalse(search.tiesAtTheCut(response));
        assertEquals(List.of("a", "z", "m"), search.list(response).hits().stream().map(ChannelHit::id).toList());
    }

    @Test
    void aTieFieldOfDifferentTypesAcrossIndicesIsTheRequestsFaultAndNamed() {
        ChannelSearch byField = ChannelSearch.of(new ShardChannel("mgdspr:lexical",
            QueryBuilders.matchQuery("title", "shoes"), 3, TieOrder.byField("sku.keyword"), 2, null), true);
        Exception merge = new SearchPhaseExecutionException("fetch", "", new ClassCastException(
            "class java.lang.Long cannot be cast to class org.apache.lucene.util.BytesRef"), ShardSearchFailure.EMPTY_ARRAY);
        Exception explained = byField.explain(merge);
        assertEquals(IllegalArgumentException.class, explained.getClass());
        assertTrue(explained.getMessage().startsWith("[tie_order.field] [sku.keyword] cannot order the ties of "
            + "channel [mgdspr:lexical]: the searched indices map it to different types"), explained.getMessage());
        assertEquals(merge, explained.getCause());

        Exception other = new IllegalStateException("shard closed");
        assertEquals(other, byField.explain(other), "other failures pass as they are");
        assertEquals(merge, channel(3, 2).explain(merge), "without a tie field the search sorts by score alone");
    }

    private static ChannelSearch channel(int k, int lookahead) {
        return ChannelSearch.of(new ShardChannel("mgdspr:lexical", QueryBuilders.matchQuery("title", "shoes"), k,
            TieOrder.ID, lookahead, null), true);
    }

    private static SearchHit hit(String id, float score) {
        SearchHit hit = new SearchHit(0, id, Map.of(), Map.of());
        hit.score(score);
        hit.shard(new SearchShardTarget("node", new ShardId("shop", "uuid", 0), null, null));
        return hit;
    }

    private static SearchResponse response(SearchHit... hits) {
        SearchHits searchHits = new SearchHits(hits, new TotalHits(hits.length, TotalHits.Relation.EQUAL_TO),
            hits[0].getScore());
        return new SearchResponse(new SearchResponseSections(searchHits, null, null, false, null, null, 1), null, 1, 1,
            0, 1, ShardSearchFailure.EMPTY_ARRAY, SearchResponse.Clusters.EMPTY);
    }
}
