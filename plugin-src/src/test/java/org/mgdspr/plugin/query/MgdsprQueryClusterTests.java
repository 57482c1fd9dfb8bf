package org.mgdspr.plugin.query;

import com.carrotsearch.randomizedtesting.annotations.ThreadLeakFilters;
import com.google.gson.JsonParser;
import org.mgdspr.model.artifact.MgdsprArtifact;
import org.mgdspr.model.artifact.ModelArtifact;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.features.UserContextJson;
import org.mgdspr.model.testing.TinyModels;
import org.mgdspr.model.twotower.UserTower;
import org.mgdspr.plugin.CommonPoolThreadFilter;
import org.mgdspr.plugin.MgdsprPlugin;
import org.mgdspr.plugin.registry.ModelChunkRequest;
import org.mgdspr.plugin.registry.ModelIdRequest;
import org.mgdspr.plugin.registry.RegistryActions;
import org.mgdspr.plugin.serving.EmbedAction;
import org.mgdspr.plugin.serving.EmbedRequest;
import org.mgdspr.plugin.serving.EmbedResponse;
import org.opensearch.ExceptionsHelper;
import org.opensearch.action.bulk.BulkRequestBuilder;
import org.opensearch.action.bulk.BulkResponse;
import org.opensearch.action.search.SearchResponse;
import org.opensearch.common.settings.Settings;
import org.opensearch.core.common.bytes.BytesArray;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.core.xcontent.MediaTypeRegistry;
import org.opensearch.index.query.QueryBuilders;
import org.opensearch.knn.index.query.KNNQueryBuilder;
import org.opensearch.knn.plugin.KNNPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.search.SearchHit;
import org.opensearch.test.OpenSearchIntegTestCase;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.opensearch.test.hamcrest.OpenSearchAssertions.assertAcked;

/**
 * The {@code mgdspr} query on a three-node in-JVM cluster (2 shards, 1 replica) with a tiny model uploaded to the
 * registry and products embedded by the pipeline: the query vector is exactly the user tower's, the k-NN channel
 * returns what a plain {@code knn} query with that vector returns, and relevance control, fusion provenance,
 * profiles, explain, profile and every error behave as documented.
 */
@ThreadLeakFilters(filters = CommonPoolThreadFilter.class)
@OpenSearchIntegTestCase.ClusterScope(scope = OpenSearchIntegTestCase.Scope.SUITE, numDataNodes = 3)
public class MgdsprQueryClusterTests extends OpenSearchIntegTestCase {

    private static final List<String> TITLES = List.of("acme cordless drill", "acme hammer drill", "bolt cordless drill",
        "red running shoes", "blue garden hose", "oak dining table", "white ceiling fan", "acme garden hose",
        "bolt ceiling fan", "black office chair", "acme office chair", "green garden hose");
    private static final String USER = "{\"real_time\": [{\"item_id\": \"p2\", \"brand\": \"acme\", \"category\": "
        + "\"tools\"}], \"long_term\": {\"brand_click\": [\"acme\"]}, \"query_history\": [\"drill\"]}";

    @Override
    protected Collection<Class<? extends Plugin>> nodePlugins() {
        return List.of(KNNPlugin.class, MgdsprPlugin.class);
    }

    @Override
    public void setUp() throws Exception {
        super.setUp();
        if (indexExists("products")) {
            return;
        }
        byte[] zip = TinyModels.artifact().artifact().toBytes();
        client().execute(RegistryActions.PUT_CHUNK, new ModelChunkRequest("tiny", 0, 1, zip)).actionGet();
        client().execute(RegistryActions.COMMIT, new ModelIdRequest("tiny", ModelArtifact.sha256(zip))).actionGet();
        byte[] speller = TinyModels.spellingArtifact(TITLES).artifact().toBytes();
        client().execute(RegistryActions.PUT_CHUNK, new ModelChunkRequest("speller", 0, 1, speller)).actionGet();
        client().execute(RegistryActions.COMMIT, new ModelIdRequest("speller", ModelArtifact.sha256(speller)))
            .actionGet();
        client().admin().cluster().preparePutPipeline("products", new BytesArray("""
            {"processors": [{"mgdspr_item_embedding": {"model_id": "tiny", "target_field": "item_vec",
              "fields": {"item_id": "sku", "title": "title"}}}]}
            """), MediaTypeRegistry.JSON).get();
        assertAcked(prepareCreate("products")
            .setSettings(Settings.builder().put("index.knn", true).put("index.number_of_shards", 2)
                .put("index.number_of_replicas", 1).put("index.default_pipeline", "products"))
            .setMapping("{\"properties\":{\"title\":{\"type\":\"text\"},\"brand\":{\"type\":\"keyword\"},"
                + "\"item_vec\":{\"type\":\"knn_vector\","
                + "\"dimension\":" + TinyModels.DIMENSION
                + ",\"method\":{\"name\":\"hnsw\",\"engine\":\"lucene\",\"space_type\":\"innerproduct\"}}}}"));
        BulkRequestBuilder bulk = client().prepareBulk().setRefreshPolicy("true");
        for (int i = 0; i < TITLES.size(); i++) {
            bulk.add(client().prepareIndex("products").setId("p" + i)
                .setSource("{\"sku\":\"p" + i + "\",\"title\":\"" + TITLES.get(i) + "\",\"brand\":\""
                    + TITLES.get(i).split(" ")[0] + "\"}", MediaTypeRegistry.JSON));
        }
        BulkResponse indexed = bulk.get();
        assertFalse(indexed.buildFailureMessage(), indexed.hasFailures());
        client().prepareIndex("profiles").setId("u1").setSource("{\"name\": \"Ann\", \"real_time\": [{\"item_id\": "
            + "\"p2\", \"brand\": \"acme\", \"category\": \"tools\"}], \"long_term\": {\"brand_click\": [\"acme\"]}, "
            + "\"query_history\": [\"drill\"]}", MediaTypeRegistry.JSON).setRefreshPolicy("true").get();
        assertAcked(prepareCreate("plain").setMapping("{\"properties\":{\"item_vec\":{\"type\":\"keyword\"}}}"));
        assertAcked(prepareCreate("narrow").setSettings(Settings.builder().put("index.knn", true))
            .setMapping("{\"properties\":{\"item_vec\":{\"type\":\"knn_vector\",\"dimension\":8,"
                + "\"method\":{\"name\":\"hnsw\",\"engine\":\"lucene\",\"space_type\":\"innerproduct\"}}}}"));
    }

    private static String mgdspr(String extra) {
        return mgdspr(5, extra);
    }

    private static String mgdspr(int k, String extra) {
        return "{\"mgdspr\": {\"model_id\": \"tiny\", \"field\": \"item_vec\", \"query\": \"cordless drill\", \"k\": " + k
            + extra + "}}";
    }

    private SearchResponse search(String index, String query, int size) {
        return client().prepareSearch(index).setQuery(QueryBuilders.wrapperQuery(query)).setSize(size).get();
    }

    private static List<String> ids(SearchResponse response) {
        return Arrays.stream(response.getHits().getHits()).map(SearchHit::getId).toList();
    }

    private static float[] userVector(String query, String userJson) throws Exception {
        MgdsprArtifact artifact = TinyModels.artifact();
        UserContext context = UserContextJson.fromJson(JsonParser.parseString(userJson), "user");
        try (UserTower tower = artifact.loadUserTower()) {
            return tower.embed(List.of(artifact.encoder().encodeUser(query, context)))[0];
        }
    }

    public void testTheKnnChannelRanksLikeAPlainKnnQueryWithTheUserTowerVector() throws Exception {
        SearchResponse personalized = search("products", mgdspr(", \"user\": " + USER + ", \"provenance\": true"), 5);
        float[] vector = userVector("cordless drill", USER);
        SearchResponse plain = client().prepareSearch("products")
            .setQuery(KNNQueryBuilder.builder().fieldName("item_vec").vector(vector).k(5).build()).setSize(5).get();
        assertEquals(ids(plain), ids(personalized));
        for (int i = 0; i < 5; i++) {
            assertEquals(plain.getHits().getAt(i).getScore(), personalized.getHits().getAt(i).getScore(), 1e-4f);
            assertEquals(Set.of("mgdspr:knn"), personalized.getHits().getAt(i).getMatchedQueriesAndScores().keySet());
        }
    }

    /**
     * The user's behaviour is all acme: each acme candidate's k-NN score gains the whole weight, others nothing; the
     * weight {@code auto} is the one the model carries as fitted.
     */
    public void testTheBrandBoostAddsTheWeightTimesTheBrandsShareToTheKnnScoresOfTheCandidates() throws Exception {
        float[] vector = userVector("cordless drill", USER);
        SearchResponse plain = client().prepareSearch("products")
            .setQuery(KNNQueryBuilder.builder().fieldName("item_vec").vector(vector).k(TITLES.size()).build())
            .setSize(TITLES.size()).get();
        Map<String, Float> expected = new HashMap<>();
        for (SearchHit hit : plain.getHits().getHits()) {
            boolean acme = TITLES.get(Integer.parseInt(hit.getId().substring(1))).startsWith("acme ");
            expected.put(hit.getId(), hit.getScore() + (acme ? 10f : 0f));
        }
        List<String> best = expected.entrySet().stream()
            .sorted(Map.Entry.<String, Float>comparingByValue().reversed()).limit(5).map(Map.Entry::getKey).toList();

        SearchResponse boosted = search("products", mgdspr(", \"user\": " + USER + ", \"brand_boost\": {\"field\": "
            + "\"brand\", \"weight\": 10, \"candidates\": " + TITLES.size() + "}"), 5);
        assertEquals(best, ids(boosted));
        assertEquals("every acme product first", 4, ids(boosted).stream()
            .filter(id -> TITLES.get(Integer.parseInt(id.substring(1))).startsWith("acme ")).count());
        for (SearchHit hit : boosted.getHits().getHits()) {
            assertEquals(hit.getId(), expected.get(hit.getId()), hit.getScore(), 1e-4f);
        }
        SearchResponse withoutBrands = search("products", mgdspr(", \"brand_boost\": {\"field\": \"brand\", "
            + "\"weight\": 10}"), 5);
        assertEquals("no behaviour, no boost", ids(search("products", mgdspr(""), 5)), ids(withoutBrands));

        SearchResponse fitted = search("products", mgdspr(", \"user\": " + USER + ", \"brand_boost\": {\"field\": "
            + "\"brand\", \"weight\": \"auto\", \"candidates\": " + TITLES.size() + "}"), 5);
        assertEquals("auto runs the model's fitted weight", ids(boosted), ids(fitted));
        for (int i = 0; i < 5; i++) {
            assertEquals(boosted.getHits().getAt(i).getScore(), fitted.getHits().getAt(i).getScore(), 0f);
        }
    }

    public void testAMisspelledQueryIsServedAsTheTitleWordsItMeant() throws Exception {
        String misspelled = "{\"mgdspr\": {\"model_id\": \"speller\", \"field\": \"item_vec\", "
            + "\"query\": \"cordles dril\", \"k\": 5, \"user\": " + USER + "}}";
        SearchResponse served = search("products", misspelled, 5);
        UserContext context = UserContextJson.fromJson(JsonParser.parseString(USER), "user");
        MgdsprArtifact speller = TinyModels.spellingArtifact(TITLES);
        float[] meant;
        float[] asTyped;
        try (UserTower tower = speller.loadUserTower()) {
            meant = tower.embed(List.of(speller.encoder().encodeUser("cordless drill", context)))[0];
            asTyped = tower.embed(List.of(speller.encoder().encodeUser(
                speller.encoder().queryTokens("cordles dril", false), context)))[0];
        }
        assertFalse("the query as typed must embed differently, or this test could not fail",
            Arrays.equals(meant, asTyped));
        SearchResponse plain = client().prepareSearch("products")
            .setQuery(KNNQueryBuilder.builder().fieldName("item_vec").vector(meant).k(5).build()).setSize(5).get();
        assertEquals(ids(plain), ids(served));
        for (int i = 0; i < 5; i++) {
            assertEquals(plain.getHits().getAt(i).getScore(), served.getHits().getAt(i).getScore(), 1e-4f);
        }
        MgdsprProfile profiled = client().prepareSearch("products").setQuery(QueryBuilders.wrapperQuery(misspelled))
            .setProfile(true).get().getInternalResponse().getSearchExtBuilders().stream()
            .filter(MgdsprProfile.class::isInstance).map(MgdsprProfile.class::cast).findFirst().orElseThrow();
        assertEquals("the search's profile shows what the tower read", List.of("cordless", "drill"),
            profiled.readings().get(0).queryWords());
        SearchResponse typed = search("products", misspelled.replace("\"k\": 5,",
            "\"k\": 5, \"spelling_correction\": false,"), 5);
        SearchResponse plainAsTyped = client().prepareSearch("products")
            .setQuery(KNNQueryBuilder.builder().fieldName("item_vec").vector(asTyped).k(5).build()).setSize(5).get();
        assertEquals("spelling_correction false reads the words as typed", ids(plainAsTyped), ids(typed));
        for (int i = 0; i < 5; i++) {
            assertEquals(plainAsTyped.getHits().getAt(i).getScore(), typed.getHits().getAt(i).getScore(), 1e-4f);
        }
        EmbedResponse embedded = client().execute(EmbedAction.INSTANCE,
            EmbedRequest.user("speller", "cordles dril", context)).actionGet();
        assertEquals("_embed shows what the tower read", List.of("cordless", "drill"), embedded.queryWords());
        assertArrayEquals(meant, embedded.vectors()[0], 1e-6f);
        assertEquals("normalised, not corrected", List.of("cordle", "dril"), client().execute(EmbedAction.INSTANCE,
            EmbedRequest.user("tiny", "cordles dril", context)).actionGet().queryWords());
        EmbedResponse typedEmbedding = client().execute(EmbedAction.INSTANCE,
            EmbedRequest.user("speller", "cordles dril", context, false)).actionGet();
        assertEquals(List.of("cordle", "dril"), typedEmbedding.queryWords());
        assertArrayEquals(asTyped, typedEmbedding.vectors()[0], 1e-6f);
    }

    public void testAProfileDocumentGivesTheSameResultAsTheInlineContext() {
        SearchResponse inline = search("products", mgdspr(", \"user\": " + USER), 5);
        SearchResponse profile = search("products", mgdspr(", \"user\": {\"index\": \"profiles\", \"id\": \"u1\"}"), 5);
        assertEquals(ids(inline), ids(profile));
        SearchResponse anonymous = search("products", mgdspr(""), 5);
        assertEquals(5, anonymous.getHits().getHits().length);
    }

    public void testPostFilterKeepsOnlyTheTopKThatCarryTheKeyTermsWhilePreFilterFillsK() {
        List<String> unfiltered = ids(search("products", mgdspr(""), 20));
        SearchResponse post = search("products", mgdspr(", \"relevance_control\": {\"mode\": \"explicit\", "
            + "\"terms\": [\"acme\"]}"), 5);
        for (SearchHit hit : post.getHits().getHits()) {
            assertTrue(hit.getId() + " survived", unfiltered.contains(hit.getId()));
            assertTrue(TITLES.get(Integer.parseInt(hit.getId().substring(1))).contains("acme"));
        }
        SearchResponse pre = search("products", mgdspr(", \"relevance_control\": {\"mode\": \"explicit\", "
            + "\"terms\": [\"acme\"], \"apply\": \"pre_filter\"}"), 10);
        assertEquals("every acme product, up to k per shard", 4, pre.getHits().getTotalHits().value());
        for (SearchHit hit : pre.getHits().getHits()) {
            assertTrue(TITLES.get(Integer.parseInt(hit.getId().substring(1))).contains("acme"));
        }
    }

    public void testFusionReportsWhichChannelsRetrievedEachHit() {
        SearchResponse fused = search("products", mgdspr(2, ", \"lexical\": {\"fields\": [\"title\"], \"k\": 10}, "
            + "\"fusion\": \"rrf\", \"provenance\": true"), 20);
        boolean lexicalOnly = false;
        for (SearchHit hit : fused.getHits().getHits()) {
            Set<String> channels = hit.getMatchedQueriesAndScores().keySet();
            assertFalse(hit.getId() + " has a channel", channels.isEmpty());
            if (channels.equals(Set.of("mgdspr:lexical"))) {
                lexicalOnly = true;
                assertTrue(TITLES.get(Integer.parseInt(hit.getId().substring(1))).matches(".*(cordless|drill).*"));
            }
        }
        assertTrue("a lexical match beyond the vector channel's k", lexicalOnly);

        SearchResponse union = search("products", mgdspr(2, ", \"lexical\": {\"fields\": [\"title\"]}, "
            + "\"_name\": \"p\", \"provenance\": true"), 20);
        SearchHit[] hits = union.getHits().getHits();
        int lastVectorHit = -1;
        for (int i = 0; i < hits.length; i++) {
            if (hits[i].getMatchedQueriesAndScores().containsKey("p:knn")) {
                assertEquals("union ranks every vector hit first", lastVectorHit + 1, i);
                lastVectorHit = i;
            }
        }
    }

    public void testPaginationWithinKAndExplainAndProfile() {
        List<String> all = ids(search("products", mgdspr(6, ", \"lexical\": {\"fields\": [\"title\"]}"), 20));
        List<String> paged = ids(client().prepareSearch("products").setQuery(QueryBuilders.wrapperQuery(
            mgdspr(6, ", \"lexical\": {\"fields\": [\"title\"]}"))).setFrom(3).setSize(3).get());
        assertEquals(all.subList(3, 6), paged);

        SearchResponse explained = client().prepareSearch("products").setQuery(QueryBuilders.wrapperQuery(
            mgdspr(", \"lexical\": {\"fields\": [\"title\"]}"))).setExplain(true).setSize(3).get();
        String explanation = explained.getHits().getAt(0).getExplanation().toString();
        assertTrue(explanation, explanation.contains("union fusion") && explanation.contains("channel [mgdspr:knn]"));

        SearchResponse profiled = client().prepareSearch("products").setQuery(QueryBuilders.wrapperQuery(
            mgdspr(", \"user\": {\"index\": \"profiles\", \"id\": \"u1\"}, \"lexical\": {\"fields\": [\"title\"]}")))
            .setProfile(true).get();
        assertFalse(profiled.getProfileResults().isEmpty());
        MgdsprProfile coordinator = profiled.getInternalResponse().getSearchExtBuilders().stream()
            .filter(MgdsprProfile.class::isInstance).map(MgdsprProfile.class::cast).findFirst().orElseThrow();
        assertEquals(List.of("profile_fetch", "encode", "fusion"),
            coordinator.timings().stream().map(MgdsprProfile.Timing::part).toList());
        assertEquals(Set.of("mgdspr:knn", "mgdspr:lexical"),
            coordinator.channels().stream().map(MgdsprProfile.ChannelRun::channel).collect(Collectors.toSet()));
        for (MgdsprProfile.ChannelRun run : coordinator.channels()) {
            assertEquals(2, run.totalShards());
            assertTrue(run.timeInNanos() > 0);
        }
        assertEquals("Ann's one real-time item is acme", List.of(new MgdsprProfile.Reading("mgdspr",
            List.of("cordless", "drill"), List.of(), Map.of("acme", 1.0))), coordinator.readings());
        SearchResponse unprofiled = search("products", mgdspr(""), 5);
        assertTrue("the section is there with profile only", unprofiled.getInternalResponse().getSearchExtBuilders()
            .isEmpty());
    }

    public void testErrorsNameTheProblem() {
        assertError("products", mgdspr("").replace("\"tiny\"", "\"ghost\""), RestStatus.NOT_FOUND, "ghost");
        assertError("plain", mgdspr(""), RestStatus.BAD_REQUEST, "must be a knn_vector field but is [keyword]");
        assertError("narrow", mgdspr(""), RestStatus.BAD_REQUEST, "holds 8-dimensional vectors but model [tiny] embeds "
            + "into 16 dimensions");
        assertError("products", mgdspr(", \"user\": {\"index\": \"profiles\", \"id\": \"nobody\"}"),
            RestStatus.NOT_FOUND, "user profile [nobody] not found in index [profiles]");
        assertError("products", mgdspr(", \"colour\": \"red\""), RestStatus.BAD_REQUEST,
            "[mgdspr] query does not support [colour]");
        assertError("products", mgdspr(0, ""), RestStatus.BAD_REQUEST, "[k] must be between 1 and 10000");
        assertError("products", mgdspr(", \"user\": {\"real_time\": [{\"brand\": \"acme\"}]}"), RestStatus.BAD_REQUEST,
            "[user].real_time[0].item_id is required");
        assertError("products", mgdspr(", \"fusion\": \"rrf\""), RestStatus.BAD_REQUEST, "add [lexical]");
    }

    private void assertError(String index, String query, RestStatus status, String message) {
        Exception e = expectThrows(Exception.class, () -> search(index, query, 5));
        String detail = ExceptionsHelper.unwrapCause(e).getMessage() + " / " + e + " / "
            + ExceptionsHelper.stackTrace(e);
        assertEquals(detail, status, ExceptionsHelper.status(e));
        assertTrue(detail, detail.contains(message));
    }
}
