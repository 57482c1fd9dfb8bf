package org.mgdspr.plugin.query;

import org.mgdspr.model.fusion.FusionMethod;
import org.mgdspr.model.fusion.FusionSpec;
import org.mgdspr.model.fusion.ScoreNormalization;
import org.mgdspr.plugin.MgdsprPlugin;
import org.mgdspr.plugin.fusion.ShardChannel;
import org.mgdspr.plugin.fusion.ShardFusionQueryBuilder;
import org.mgdspr.plugin.fusion.TieOrder;
import org.mgdspr.plugin.serving.QueryEncoding;
import org.mgdspr.plugin.knn.KnnChannelQueryBuilder;
import org.opensearch.action.search.SearchRequest;
import org.opensearch.action.search.SearchType;
import org.opensearch.common.io.stream.BytesStreamOutput;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.core.common.Strings;
import org.opensearch.core.xcontent.MediaTypeRegistry;
import org.opensearch.index.query.BaseQueryRewriteContext;
import org.opensearch.index.query.BoolQueryBuilder;
import org.opensearch.index.query.QueryCoordinatorContext;
import org.opensearch.index.query.QueryRewriteContext;
import org.opensearch.search.builder.SearchSourceBuilder;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.common.io.stream.NamedWriteableAwareStreamInput;
import org.opensearch.core.common.io.stream.NamedWriteableRegistry;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.query.AbstractQueryBuilder;
import org.opensearch.index.query.BoolQueryBuilder;
import org.opensearch.index.query.ConstantScoreQueryBuilder;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.TermQueryBuilder;
import org.opensearch.search.SearchModule;
import org.opensearch.test.OpenSearchTestCase;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Parsing, validation and wire round trips of the {@code mgdspr} query, without a cluster. */
public class MgdsprQueryBuilderTests extends OpenSearchTestCase {

    private static final String FULL = """
        {"mgdspr": {"model_id": "shop-v1", "field": "item_vec", "query": "red running shoes",
          "user": {"real_time": [{"item_id": 12345, "shop": "s1", "leaf_category": "l1", "category": "c1",
                                  "brand": "acme"}],
                   "short_term": [{"item_id": "i2"}], "long_term": {"brand_click": ["acme", "bolt"]},
                   "query_history": ["trail shoes"]},
          "k": 50, "filter": {"term": {"in_stock": true}},
          "relevance_control": {"mode": "explicit", "terms": ["red"], "fields": ["title", "colour"],
                                "apply": "pre_filter"},
          "lexical": {"fields": ["title"], "k": 20}, "fusion": "rrf", "rank_constant": 10, "provenance": true,
          "spelling_correction": false, "brand_boost": {"field": "brand", "weight": 0.2, "candidates": 150},
          "boost": 2.0, "_name": "personal"}}
        """;

    private final SearchModule searchModule = new SearchModule(Settings.EMPTY, List.of(new MgdsprPlugin(Settings.EMPTY)));
    private final NamedXContentRegistry xContentRegistry = new NamedXContentRegistry(searchModule.getNamedXContents());
    private final NamedWriteableRegistry writeableRegistry = new NamedWriteableRegistry(searchModule.getNamedWriteables());

    private MgdsprQueryBuilder parse(String json) throws IOException {
        try (XContentParser parser = JsonXContent.jsonXContent.createParser(xContentRegistry,
            DeprecationHandler.THROW_UNSUPPORTED_OPERATION, json)) {
            return (MgdsprQueryBuilder) AbstractQueryBuilder.parseInnerQueryBuilder(parser);
        }
    }

    public void testEveryFieldParsesAndSurvivesXContentAndTheWire() throws IOException {
        MgdsprQueryBuilder query = parse(FULL);
        assertEquals("shop-v1", query.modelId());
        assertEquals(50, query.k());
        assertEquals(List.of("red"), query.keyTerms());
        assertEquals(FilterPlacement.PRE_FILTER, query.relevanceControl().placement());
        assertEquals(20, query.lexical().kOr(50));
        assertEquals("12345", ((InlineUser) query.user()).context().realTime().get(0).itemId());
        assertEquals(2.0f, query.boost(), 0f);
        assertEquals(new BrandBoost("brand", 0.2f, 150), query.brandBoost());
        assertNotEquals(query, parse(FULL.replace("\"weight\": 0.2", "\"weight\": 0.3")));
        assertNotEquals(query, parse(FULL.replace("\"provenance\": true", "\"provenance\": false")));
        assertNotEquals(query, parse(FULL.replace("\"spelling_correction\": false", "\"spelling_correction\": true")));
        assertEquals("the default", parse(FULL.replace("\"spelling_correction\": false, ", "")),
            parse(FULL.replace("\"spelling_correction\": false", "\"spelling_correction\": true")));

        assertXContentRoundTrip(query);
        assertEquals(query, roundTrip(query));
    }

    public void testTheComputedEncodingTravelsToTheShards() throws IOException {
        MgdsprQueryBuilder query = MgdsprQueryBuilder.builder().modelId("m").field("v").queryText("acme drill")
            .user(new UserProfileReference("profiles", "u1"))
            .relevanceControl(new RelevanceControl(KeyTermMode.AUTO, List.of(), List.of("title"),
                FilterPlacement.POST_FILTER))
            .encoding(new QueryEncoding(new float[] {0.5f, -1f, 2f}, List.of("acme", "drill"), List.of("acme"), null,
                Map.of("acme", 0.5, "bolt", 0.25), 0.3))
            .build();
        MgdsprQueryBuilder received = roundTrip(query);
        assertEquals(query, received);
        assertArrayEquals(new float[] {0.5f, -1f, 2f}, received.encoding().vector(), 0f);
        assertEquals(List.of("acme", "drill"), received.encoding().queryWords());
        assertEquals(List.of("acme"), received.keyTerms());
        assertEquals(Map.of("acme", 0.5, "bolt", 0.25), received.encoding().brandShares());
        assertNotEquals(query, MgdsprQueryBuilder.builder().modelId("m").field("v").queryText("acme drill")
            .user(new UserProfileReference("profiles", "u1")).build());
    }

    public void testInvalidQueriesAreRejectedNamingTheField() {
        assertRejected(FULL.replace("\"k\": 50", "\"k\": 10001"), "[k] must be between 1 and 10000");
        assertRejected(FULL.replace("\"model_id\": \"shop-v1\", ", ""), "invalid model_id [null]");
        assertRejected(FULL.replace("\"query\": \"red running shoes\"", "\"query\": \" \""), "requires [query]");
        assertRejected(FULL.replace("\"apply\": \"pre_filter\"", "\"apply\": \"later\""),
            "[relevance_control.apply] must be one of [post_filter, pre_filter] but was [later]");
        assertRejected(FULL.replace("\"apply\"", "\"where\""), "[relevance_control] does not support [where]");
        assertRejected(FULL.replace("\"mode\": \"explicit\"", "\"mode\": \"auto\""),
            "[relevance_control.terms] is only allowed when mode is [explicit]");
        assertRejected(FULL.replace("\"terms\": [\"red\"], ", ""), "must list at least one key term");
        assertRejected(FULL.replace("\"k\": 20", "\"k\": \"20\""), "[lexical.k] must be an integer");
        assertRejected(FULL.replace("\"fusion\": \"rrf\"", "\"fusion\": \"union\""),
            "[rank_constant] applies to fusion [rrf] only");
        assertRejected(FULL.replace("\"rrf\"", "\"max\""),
            "[fusion] must be one of [union, rrf, weighted, auto] but was [max]");
        assertRejected(FULL.replace("\"rank_constant\": 10", "\"rank_constant\": 0"), "[rank_constant] must be at least 1");
        assertRejected(FULL.replace("\"rank_constant\": 10", "\"normalization\": \"z_score\""),
            "[normalization] applies to fusion [weighted] only");
        assertRejected(FULL.replace("\"fusion\": \"rrf\", \"rank_constant\": 10",
            "\"fusion\": \"weighted\", \"normalization\": \"l2\""),
            "[normalization] must be one of [min_max, z_score] but was [l2]");
        assertRejected(FULL.replace("\"rank_constant\": 10", "\"fusion_weights\": {\"knn\": -1, \"lexical\": 1}"),
            "[fusion_weights.knn] must be a finite number >= 0");
        assertRejected(FULL.replace("\"rank_constant\": 10", "\"fusion_weights\": {\"knn\": 1}"),
            "[fusion_weights] needs a weight for both [knn] and [lexical]");
        assertRejected(FULL.replace("\"rank_constant\": 10", "\"fusion_weights\": {\"knn\": \"high\", \"lexical\": 1}"),
            "[fusion_weights.knn] must be a number");
        assertRejected(FULL.replace("\"fusion\": \"rrf\", \"rank_constant\": 10",
            "\"fusion\": \"union\", \"fusion_weights\": {\"knn\": 1, \"lexical\": 2}"),
            "[fusion_weights] apply to fusion [rrf] and [weighted] only");
        assertRejected(FULL.replace("\"fusion\": \"rrf\"", "\"fusion\": \"auto\""),
            "[rank_constant] applies to fusion [rrf] only");
        assertRejected(FULL.replace("\"query_history\"", "\"queries\""), "[user].queries is not a user context field");
        assertRejected(FULL.replace("\"user\": {", "\"user\": {\"index\": \"profiles\", "),
            "[user] is a profile reference (index, id) and must not also carry");
        assertRejected(FULL.replace("\"k\": 50", "\"size\": 50"), "[mgdspr] query does not support [size]");
        assertRejected(FULL.replace("\"provenance\": true", "\"provenance\": \"yes\""),
            "[provenance] must be true or false");
        assertRejected(FULL.replace("\"provenance\": true", "\"tie_order\": \"random\""),
            "[tie_order] must be [id], [shard] or {\"field\": <a field with doc values>} but was [random]");
        assertRejected(FULL.replace("\"provenance\": true", "\"tie_order\": 1"),
            "[tie_order] must be [id], [shard] or {\"field\": <a field with doc values>} but was a number");
        assertRejected(FULL.replace("\"provenance\": true", "\"tie_order\": {\"field\": \" \"}"),
            "[tie_order.field] must name a field");
        assertRejected(FULL.replace("\"provenance\": true", "\"tie_order\": {}"), "the object has no [field]");
    }

    public void testWeightedFusionSettingsParseAndSurviveTheWire() throws IOException {
        MgdsprQueryBuilder query = parse(FULL.replace("\"fusion\": \"rrf\", \"rank_constant\": 10",
            "\"fusion\": \"weighted\", \"fusion_weights\": {\"knn\": 0.3, \"lexical\": 0.7}, "
                + "\"normalization\": \"z_score\""));
        assertEquals(new FusionSpec(FusionMethod.WEIGHTED, FusionSpec.DEFAULT_RANK_CONSTANT, 0.3, 0.7,
            ScoreNormalization.Z_SCORE), query.fusionSpec());
        assertXContentRoundTrip(query);
        assertEquals(query, roundTrip(query));
        assertEquals(FusionSpec.defaults(FusionMethod.UNION),
            parse(FULL.replace("\"fusion\": \"rrf\", \"rank_constant\": 10, ", "")).fusionSpec());
    }

    public void testAutoFusionBecomesTheModelsFittedFusionOnTheCoordinator() throws IOException {
        FusionSpec fitted = new FusionSpec(FusionMethod.RRF, 20, 0.4, 0.6, ScoreNormalization.MIN_MAX);
        MgdsprQueryBuilder auto = parse(FULL.replace("\"fusion\": \"rrf\", \"rank_constant\": 10",
            "\"fusion\": \"auto\""));
        assertEquals(FusionMode.AUTO, auto.fusion());
        expectThrows(IllegalStateException.class, auto::fusionSpec);

        MgdsprQueryBuilder encoded = withEncoding(auto, fitted);
        MgdsprQueryBuilder resolved = (MgdsprQueryBuilder) encoded.rewrite(outsideASearch());
        assertEquals(FusionMode.RRF, resolved.fusion());
        assertEquals(fitted, resolved.fusionSpec());
        assertSame("without a search request there are no indices to run the channels on", resolved,
            resolved.rewrite(outsideASearch()));
        assertEquals(resolved, roundTrip(resolved));

        IllegalArgumentException none = expectThrows(IllegalArgumentException.class,
            () -> withEncoding(auto, null).rewrite(outsideASearch()));
        assertTrue(none.getMessage(), none.getMessage().contains("model [shop-v1] has no fitted fusion"));
    }

    public void testTheChannelsRunAsSearchesOfTheirOwnOverTheGlobalTopK() throws IOException {
        MgdsprQueryBuilder post = withEncoding(parse(FULL.replace("\"apply\": \"pre_filter\"", "\"apply\": \"post_filter\"")),
            null);
        List<ChannelSearch> channels = post.channelSearches();
        assertEquals(List.of("personal:knn", "personal:lexical"), channels.stream().map(ChannelSearch::name).toList());
        ChannelSearch knn = channels.get(0);
        assertEquals(50, knn.k());
        assertFalse("k-NN scores need no global term statistics", knn.globalStats());
        assertEquals("the post-filter marks the hits with the key terms, the global top k is cut first",
            MgdsprQueryBuilder.KEY_TERMS_MATCH, knn.requiredMatch());
        assertTrue(knn.query().toString(), knn.query() instanceof BoolQueryBuilder);
        ChannelSearch lexical = channels.get(1);
        assertEquals(20, lexical.k());
        assertTrue("BM25 over every shard's statistics", lexical.globalStats());
        assertNull(lexical.requiredMatch());

        SearchRequest user = new SearchRequest("products").routing("r1").preference("_local");
        user.source(new SearchSourceBuilder().timeout(TimeValue.timeValueMillis(7)));
        SearchRequest request = lexical.request(user);
        assertArrayEquals(new String[] {"products"}, request.indices());
        assertEquals(SearchType.DFS_QUERY_THEN_FETCH, request.searchType());
        assertEquals(TimeValue.timeValueMillis(7), request.source().timeout());
        assertEquals("BM25 looks half of k beyond the cut for documents tied with the k-th", 30, request.source().size());
        assertEquals("k-NN scores rarely tie: one more than k", 51, knn.request(user).source().size());
        assertEquals("r1", request.routing());
        assertEquals("_local", request.preference());
        assertEquals("_none", request.pipeline());

        MgdsprQueryBuilder pre = withEncoding(parse(FULL), null);
        ChannelSearch preFiltered = pre.channelSearches().get(0);
        assertNull("the pre-filter is inside the k-NN search", preFiltered.requiredMatch());
        assertTrue(preFiltered.query() instanceof KnnChannelQueryBuilder);

        MgdsprQueryBuilder parsedInShardOrder = parse(FULL.replace("\"provenance\": true", "\"tie_order\": \"shard\""));
        assertXContentRoundTrip(parsedInShardOrder);
        MgdsprQueryBuilder inShardOrder = withEncoding(parsedInShardOrder, null);
        assertEquals(inShardOrder, roundTrip(inShardOrder));
        assertNotEquals(inShardOrder, withEncoding(parse(FULL.replace("\"provenance\": true", "\"tie_order\": \"id\"")),
            null));
        for (ChannelSearch search : inShardOrder.channelSearches()) {
            assertEquals("in shard order a channel asks for its top k only", search.k(),
                search.request(user).source().size());
            assertEquals(TieOrder.SHARD, search.channel().tieOrder());
            assertNull("in shard order the search is not sorted", search.request(user).source().sorts());
        }

        MgdsprQueryBuilder bySku = parse(FULL.replace("\"provenance\": true", "\"tie_order\": {\"field\": \"sku\"}"));
        assertEquals(TieOrder.byField("sku"), bySku.tieOrder());
        assertXContentRoundTrip(bySku);
        assertEquals(withEncoding(bySku, null), roundTrip(withEncoding(bySku, null)));

        MgdsprQueryBuilder exact = withEncoding(parse(FULL.replace("\"k\": 50", "\"k\": 50, \"exact\": true")), null);
        assertTrue(exact.exact());
        assertEquals(exact, roundTrip(exact));
        assertTrue(Strings.toString(MediaTypeRegistry.JSON, exact.channelSearches().get(0).query()).contains("knn_score"));
    }

    public void testTheBrandBoostWidensTheKnnSearchAndAddsOneConstantScorePerBrandOfTheUser() {
        MgdsprQueryBuilder.Builder query = MgdsprQueryBuilder.builder().modelId("shop-v1").field("item_vec")
            .queryText("shoes").k(50).brandBoost(new BrandBoost("brand", 0.2f, null));
        MgdsprQueryBuilder boosted = query.encoding(new QueryEncoding(new float[] {1f, 0f}, List.of("shoe"),
            List.of(), null, Map.of("zeta", 0.5, "acme", 0.25), null)).build();
        ShardChannel knn = boosted.shardChannels().get(0);
        assertEquals("the channel keeps k", 50, knn.k());
        BoolQueryBuilder bool = (BoolQueryBuilder) knn.query();
        String nearest = Strings.toString(MediaTypeRegistry.JSON, bool.must().get(0));
        assertTrue("three times k are retrieved: " + nearest, nearest.contains("\"k\":150"));
        assertEquals(List.of(new ConstantScoreQueryBuilder(new TermQueryBuilder("brand", "acme")).boost(0.05f),
            new ConstantScoreQueryBuilder(new TermQueryBuilder("brand", "zeta")).boost(0.1f)), bool.should());

        MgdsprQueryBuilder noBrands = query.encoding(new QueryEncoding(new float[] {1f, 0f}, List.of("shoe"),
            List.of(), null, Map.of(), null)).build();
        assertFalse("no brand in the behaviour, nothing to boost",
            noBrands.shardChannels().get(0).query() instanceof BoolQueryBuilder);
    }

    public void testBrandBoostsThatCannotRunAreRejectedNamingTheField() {
        String boost = "\"spelling_correction\": false, ";
        assertRejected(FULL.replace(boost, "\"brand_boost\": {\"field\": \"brand\", \"weight\": 0}, "),
            "[brand_boost.weight] must be a positive number or [auto] but was 0.0");
        assertRejected(FULL.replace(boost, "\"brand_boost\": {\"field\": \"brand\"}, "),
            "[brand_boost] requires [weight]");
        assertRejected(FULL.replace(boost, "\"brand_boost\": {\"weight\": 0.2}, "),
            "[brand_boost.field] must name the keyword field of the brand");
        assertRejected(FULL.replace(boost, "\"brand_boost\": {\"field\": \"brand\", \"weight\": 1, \"boost\": 2}, "),
            "[brand_boost] does not support [boost], expected one of [candidates, field, weight]");
        assertRejected(FULL.replace("\"candidates\": 150", "\"candidates\": 20"),
            "[brand_boost.candidates] must be at least [k] (50) but was 20");
        assertRejected(FULL.replace("\"candidates\": 150", "\"candidates\": 10001"),
            "[brand_boost.candidates] must be between 1 and 10000 but was 10001");
        assertRejected(FULL.replace(boost, "\"brand_boost\": \"brand\", "), "[brand_boost] must be an object");
    }

    public void testAnAutoBrandBoostWeightTravelsAsAutoAndResolvesToTheModelsFittedWeight() throws IOException {
        MgdsprQueryBuilder auto = parse(FULL.replace("\"weight\": 0.2", "\"weight\": \"auto\""));
        assertTrue(auto.brandBoost().auto());
        assertTrue(Strings.toString(MediaTypeRegistry.JSON, auto).contains("\"weight\":\"auto\""));
        assertXContentRoundTrip(auto);
        assertEquals(auto, roundTrip(auto));

        MgdsprQueryBuilder.Builder query = MgdsprQueryBuilder.builder().modelId("shop-v1").field("item_vec")
            .queryText("shoes").k(50).brandBoost(new BrandBoost("brand", null, null))
            .lexical(new LexicalChannel(List.of("title"), 20)).fusion(FusionMode.RRF).targets(request -> true);
        Map<String, Double> shares = Map.of("acme", 0.5);
        // the first rewrite puts the fitted weight in, the second fuses in the shard as with a given weight
        QueryBuilder fitted = rewriteTwice(query.encoding(new QueryEncoding(new float[] {1f, 0f}, List.of("shoe"),
            List.of(), null, shares, 0.3)).build());
        BoolQueryBuilder boosted = (BoolQueryBuilder) ((ShardFusionQueryBuilder) fitted).channels().get(0).query();
        assertEquals(List.of(new ConstantScoreQueryBuilder(new TermQueryBuilder("brand", "acme")).boost(0.15f)),
            boosted.should());

        QueryBuilder fittedToNothing = rewriteTwice(query.encoding(new QueryEncoding(new float[] {1f, 0f},
            List.of("shoe"), List.of(), null, shares, 0.0)).build());
        ShardChannel knn = ((ShardFusionQueryBuilder) fittedToNothing).channels().get(0);
        assertFalse("a fitted weight of 0 boosts nothing", knn.query() instanceof BoolQueryBuilder);
        assertTrue("and retrieves only k", Strings.toString(MediaTypeRegistry.JSON, knn.query()).contains("\"k\":50"));

        MgdsprQueryBuilder unfitted = query.encoding(new QueryEncoding(new float[] {1f, 0f}, List.of("shoe"), List.of(),
            null, shares, null)).build();
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class,
            () -> unfitted.rewrite(coordinating(new SearchRequest("products"))));
        assertTrue(e.getMessage(), e.getMessage().contains("[brand_boost.weight] is [auto] but model [shop-v1] has no "
            + "fitted brand boost"));
        assertRejected(FULL.replace("\"weight\": 0.2", "\"weight\": \"heavy\""),
            "[brand_boost.weight] must be a number or [auto] but was a string [heavy]");
    }

    public void testASearchThatOneShardServesIsFusedInThatShardUnlessProfiledOrPaged() throws IOException {
        MgdsprQueryBuilder fused = MgdsprQueryBuilder.builder().modelId("shop-v1").field("item_vec").queryText("shoes")
            .k(50).lexical(new LexicalChannel(List.of("title"), 20)).fusion(FusionMode.RRF).provenance(true)
            .targets(request -> request.indices().length == 1 && request.indices()[0].equals("products"))
            .encoding(new QueryEncoding(new float[] {1f, 0f}, List.of("shoe"), List.of(), null, Map.of(), null))
            .queryName("shop")
            .build();

        QueryBuilder inTheShard = fused.rewrite(coordinating(new SearchRequest("products")));
        assertTrue(inTheShard.toString(), inTheShard instanceof ShardFusionQueryBuilder);
        ShardFusionQueryBuilder shard = (ShardFusionQueryBuilder) inTheShard;
        assertEquals("shop", shard.queryName());
        assertEquals(List.of("shop:knn", "shop:lexical"), shard.channels().stream().map(ShardChannel::name).toList());
        assertEquals(List.of(50, 20), shard.channels().stream().map(ShardChannel::k).toList());

        for (SearchRequest coordinatorPath : List.of(new SearchRequest("products", "others"), new SearchRequest("alias"),
            new SearchRequest("products").source(new SearchSourceBuilder().profile(true)),
            new SearchRequest("products").source(new SearchSourceBuilder().searchAfter(new Object[] {1f})),
            new SearchRequest("products").scroll(TimeValue.timeValueMinutes(1)))) {
            QueryBuilder pending = fused.rewrite(coordinating(coordinatorPath));
            assertTrue(coordinatorPath + " runs the channels as searches: " + pending,
                pending instanceof MgdsprQueryBuilder);
        }
    }

    private static QueryBuilder rewriteTwice(MgdsprQueryBuilder query) throws IOException {
        QueryRewriteContext context = coordinating(new SearchRequest("products"));
        return query.rewrite(context).rewrite(context);
    }

    private static QueryRewriteContext coordinating(SearchRequest request) {
        return new QueryCoordinatorContext(new BaseQueryRewriteContext(null, null, null, () -> 0L), request);
    }

    private static QueryRewriteContext outsideASearch() {
        return new BaseQueryRewriteContext(null, null, null, () -> 0L);
    }

    private MgdsprQueryBuilder withEncoding(MgdsprQueryBuilder query, FusionSpec fitted) {
        return MgdsprQueryBuilder.builder().modelId(query.modelId()).field(query.field()).queryText(query.queryText())
            .k(query.k()).relevanceControl(query.relevanceControl()).lexical(query.lexical()).fusion(query.fusion())
            .exact(query.exact()).tieOrder(query.tieOrder()).queryName(query.queryName())
            .encoding(new QueryEncoding(new float[] {1f, 0f}, List.of("shoe"), List.of(), fitted, Map.of(), null))
            .build();
    }

    /** The query prints as JSON that parses back to an equal query. */
    private void assertXContentRoundTrip(MgdsprQueryBuilder query) throws IOException {
        try (XContentBuilder json = JsonXContent.contentBuilder()) {
            query.toXContent(json, ToXContent.EMPTY_PARAMS);
            assertEquals(query, parse(json.toString()));
        }
    }

    private void assertRejected(String json, String message) {
        Exception e = expectThrows(Exception.class, () -> parse(json));
        String text = e instanceof ParsingException && e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
        assertTrue(e.getClass().getSimpleName() + ": " + e.getMessage(), text.contains(message) || e.getMessage().contains(message));
    }

    private MgdsprQueryBuilder roundTrip(MgdsprQueryBuilder query) throws IOException {
        try (BytesStreamOutput out = new BytesStreamOutput()) {
            out.writeNamedWriteable(query);
            try (StreamInput in = new NamedWriteableAwareStreamInput(out.bytes().streamInput(), writeableRegistry)) {
                return (MgdsprQueryBuilder) in.readNamedWriteable(QueryBuilder.class);
            }
        }
    }
}
