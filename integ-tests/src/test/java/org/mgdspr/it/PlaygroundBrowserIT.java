package org.mgdspr.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mgdspr.model.data.Product;
import org.mgdspr.model.features.UserContextJson;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The playground page in a real browser: Debian's headless Chromium, driven by Selenium through Debian's
 * chromedriver, loads the page from a node of the real cluster, picks the index, the model and a stored user profile,
 * searches, and shows the four columns as the REST API answers them, with channels, what relevance control removed
 * and latencies; a bad inline context and an error of the node are shown on the page. Skipped where Chromium or
 * chromedriver is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlaygroundBrowserIT extends RealClusterTestCase {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String MODEL = "playground-shop";
    private static final String PIPELINE = "playground-shop-items";
    private static final String INDEX = "playground-shop-products";
    private static final String PROFILES = "playground-shop-users";
    private static final String VECTOR_FIELD = "item_vec";
    private static final String TEXT_FIELD = "title";
    /** Both as in MgdsprQueryIT: with k 30 per shard, some of the top hits of a brand query lack the brand. */
    private static final int K = 30;
    private static final int SHOWN = 60;

    private static TrainedShop shop;
    private static String nodeUrl;
    private static Path browserProfile;
    private static ChromeDriver browser;

    @BeforeAll
    static void indexTheShopAndStartTheBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "the playground's browser test "
            + "needs Debian's headless Chromium: " + CHROMIUM + " or " + CHROMEDRIVER + " is missing (apt-get install "
            + "chromium chromium-driver)");
        shop = TrainedShop.train();
        call("PUT", "/_plugins/mgdspr/models/" + MODEL,
            JSON.createObjectNode().put("artifact", Base64.getEncoder().encodeToString(shop.artifact())).toString());
        JsonNode mapping = call("GET", "/_plugins/mgdspr/models/" + MODEL + "/_knn_mapping", null);
        call("PUT", "/_ingest/pipeline/" + PIPELINE, """
            {"processors": [{"mgdspr_item_embedding": {"model_id": "%s", "target_field": "%s",
              "fields": {"item_id": "sku", "title": "%s"}}}]}""".formatted(MODEL, VECTOR_FIELD, TEXT_FIELD));
        call("PUT", "/" + INDEX, """
            {"settings": {"index.knn": true, "number_of_shards": 2, "number_of_replicas": 0, "default_pipeline": "%s"},
             "mappings": {"properties": {"%s": {"type": "text"}, "brand": {"type": "keyword"}, "%s": %s}}}"""
            .formatted(PIPELINE, TEXT_FIELD, VECTOR_FIELD, mapping));
        StringBuilder bulk = new StringBuilder();
        for (Product product : shop.products()) {
            ObjectNode doc = JSON.createObjectNode().put("sku", product.itemId()).put(TEXT_FIELD, product.title())
                .put("brand", product.brand());
            bulk.append("{\"index\":{\"_id\":\"").append(product.itemId()).append("\"}}\n").append(doc).append('\n');
        }
        JsonNode indexed = call("POST", "/" + INDEX + "/_bulk?refresh=true", bulk.toString());
        assertFalse(indexed.get("errors").asBoolean(), indexed.toString());
        for (String user : shop.twoUsersWithDifferentTastes()) {
            call("PUT", "/" + PROFILES + "/_doc/" + user + "?refresh=true",
                UserContextJson.toJson(shop.latestContexts().get(user)).toString());
        }

        HttpHost node = RealClusterClients.hosts()[0];
        nodeUrl = "http://" + node.getHostName() + ":" + node.getPort();
        browserProfile = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "chromium-profile");
        browser = startChromium(browserProfile);
    }

    /** Debian's Chromium and chromedriver, named explicitly so that Selenium Manager never looks for (or fetches) one. */
    private static ChromeDriver startChromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1600,1200", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort().withLogFile(Path.of(System.getProperty("java.io.tmpdir"), "chromedriver.log").toFile())
            .build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopTheBrowserAndCleanUp() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (browserProfile != null) {
            try (Stream<Path> files = Files.walk(browserProfile)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
        if (shop != null) {
            call("DELETE", "/" + INDEX + "," + PROFILES + "?ignore_unavailable=true", null);
            call("DELETE", "/_ingest/pipeline/" + PIPELINE, null);
            call("DELETE", "/_plugins/mgdspr/models/" + MODEL, null);
        }
    }

    @Test
    @Order(1)
    void theNodeServesThePageAsHtmlThatMayLoadNothingFromElsewhere() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(nodeUrl + PlaygroundPage.PATH)).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertEquals("text/html; charset=UTF-8", page.headers().firstValue("Content-Type").orElse(""));
            assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'none'"),
                page.headers().toString());
        }
    }

    @Test
    @Order(2)
    void aSearchShowsTheFourColumnsAsTheNodeAnswersThem() throws IOException {
        String user = shop.twoUsersWithDifferentTastes().get(0);
        String brand = brandShowingRelevanceControl(user);
        PlaygroundPage page = new PlaygroundPage(browser, nodeUrl);
        page.chooseIndex(INDEX, VECTOR_FIELD);
        page.chooseModel(MODEL);
        page.chooseProfile(PROFILES, user);
        assertEquals("auto: weighted(z_score, knn 0.3, lexical 0.7)", page.autoFusionLabel());
        assertEquals("auto: 0.5 for the model", page.fittedBrandBoost());
        page.typeQuery(brand, K, SHOWN);
        page.search();
        assertEquals("", page.errors());

        ObjectNode withUser = JSON.createObjectNode();
        withUser.putObject("user").put("index", PROFILES).put("id", user);
        ObjectNode fused = withUser.deepCopy().put("fusion", "auto");
        fused.putObject("lexical").put("k", K).putArray("fields").add(TEXT_FIELD);
        ObjectNode bm25 = JSON.createObjectNode();
        bm25.putObject("match").putObject(TEXT_FIELD).put("query", brand);

        PlaygroundPage.Column personalized = page.column("col-personalized");
        assertColumn(personalized, mgdspr(brand, withUser, true), Set.of("knn"));
        assertEquals(removedByRelevanceControl(brand, withUser), personalized.removed());

        PlaygroundPage.Column anonymous = page.column("col-anonymous");
        assertColumn(anonymous, mgdspr(brand, JSON.createObjectNode(), true), Set.of("knn"));
        List<String> removedWithoutUser = removedByRelevanceControl(brand, JSON.createObjectNode());
        assertFalse(removedWithoutUser.isEmpty(), "some of the top hits lack [" + brand + "]");
        assertEquals(removedWithoutUser, anonymous.removed());

        assertColumn(page.column("col-bm25"), bm25, Set.of("bm25"));
        assertTrue(page.column("col-bm25").removed().isEmpty());

        PlaygroundPage.Column fusedColumn = page.column("col-fused");
        assertColumn(fusedColumn, mgdspr(brand, fused, true), Set.of("knn", "lexical"));
        assertEquals(removedByRelevanceControl(brand, fused), fusedColumn.removed());

        JsonNode embedded = call("POST", "/_plugins/mgdspr/models/" + MODEL + "/_embed",
            JSON.createObjectNode().put("query", brand).toString());
        List<String> words = new ArrayList<>();
        embedded.get("query_words").forEach(word -> words.add(word.asText()));
        assertFalse(words.isEmpty(), embedded.toString());
        assertEquals(words, page.queryReading(), "the page shows the words the user tower read");
        ObjectNode withContext = JSON.createObjectNode().put("query", brand);
        withContext.set("user", JSON.readTree(UserContextJson.toJson(shop.latestContexts().get(user)).toString()));
        List<Map.Entry<String, JsonNode>> shares = new ArrayList<>();
        call("POST", "/_plugins/mgdspr/models/" + MODEL + "/_embed", withContext.toString()).get("brand_shares")
            .fields().forEachRemaining(shares::add);
        shares.sort(Comparator.comparingDouble((Map.Entry<String, JsonNode> share) -> share.getValue().asDouble())
            .reversed());
        assertFalse(shares.isEmpty(), "the profile's behaviour names brands");
        assertEquals(shares.stream().map(share -> share.getKey() + " " + Math.round(100 * share.getValue().asDouble())
            + " %").toList(), page.brandReading(), "the page shows the user's brand shares as the node reads them");

        page.spellingCorrection(false);
        page.search();
        assertEquals("", page.errors());
        assertColumn(page.column("col-anonymous"), mgdspr(brand, JSON.createObjectNode().put("spelling_correction",
            false), true), Set.of("knn"));
        assertEquals(words, page.queryReading(), "the shop's model does not correct spelling: the same words");
        page.spellingCorrection(true);

        page.brandBoost("brand", "0.5");
        page.search();
        assertEquals("", page.errors());
        ObjectNode boosted = withUser.deepCopy();
        boosted.putObject("brand_boost").put("field", "brand").put("weight", 0.5);
        assertColumn(page.column("col-personalized"), mgdspr(brand, boosted, true), Set.of("knn"));
        assertColumn(page.column("col-anonymous"), mgdspr(brand, JSON.createObjectNode(), true), Set.of("knn"));
        page.brandBoost("brand", "auto");
        page.search();
        assertEquals("", page.errors());
        ((ObjectNode) boosted.get("brand_boost")).put("weight", "auto");
        assertColumn(page.column("col-personalized"), mgdspr(brand, boosted, true), Set.of("knn"));
        page.brandBoost("", "0");

        String origin = nodeUrl + "/";
        List<String> fetched = page.fetchedUrls();
        assertTrue(fetched.size() > 4, fetched.toString());
        assertTrue(fetched.stream().allMatch(url -> url.startsWith(origin)), fetched.toString());
    }

    @Test
    @Order(3)
    void badInlineContextsAndErrorsOfTheNodeAreShown() {
        PlaygroundPage page = new PlaygroundPage(browser, nodeUrl);
        page.chooseIndex(INDEX, VECTOR_FIELD);
        page.chooseModel(MODEL);
        page.typeQuery(shop.products().get(0).brand(), K, 10);

        page.typeInlineContext("{\"real_time\": [");
        assertTrue(page.inlineContextChosen(), "editing the context switches to the inline context");
        page.search();
        assertTrue(page.errors().contains("the inline user context is not valid JSON"), page.errors());
        PlaygroundPage.COLUMNS.forEach(id -> assertEquals("idle", page.column(id).state(), id));

        page.typeInlineContext("{\"real_time\": \"yesterday\"}");
        page.search();
        PlaygroundPage.Column personalized = page.column("col-personalized");
        assertEquals("failed", personalized.state());
        assertTrue(personalized.error().contains("failed with 400") && personalized.error().contains("real_time"),
            personalized.error());
        assertTrue(page.errors().contains(personalized.error()), page.errors());
        assertEquals("failed", page.column("col-fused").state());
        assertEquals("done", page.column("col-anonymous").state(), "the column without the user needs no context");
        assertEquals("done", page.column("col-bm25").state());
    }

    /** The column shows the node's hits in order, each with its channels, and the search's latency. */
    private static void assertColumn(PlaygroundPage.Column column, ObjectNode query, Set<String> channels)
        throws IOException {
        assertEquals("done", column.state(), column.error());
        assertFalse(column.hits().isEmpty());
        assertEquals(ids(search(query, SHOWN)), column.ids());
        assertTrue(column.took().matches("took \\d+ ms"), column.took());
        Set<String> shown = new HashSet<>();
        for (PlaygroundPage.Hit hit : column.hits()) {
            assertFalse(hit.channels().isEmpty(), hit.toString());
            assertFalse(hit.title().isBlank(), hit.toString());
            assertTrue(hit.score().matches("\\d+\\.\\d{4}"), hit.toString());
            shown.addAll(hit.channels());
        }
        assertEquals(channels, shown);
    }

    /**
     * The first brand of the catalog for which relevance control keeps some of the model's top hits, with the user's
     * profile and without it, and removes some without it: which brands the shop's small model ranks within k depends
     * on its training path, and this test is about what the page shows, not about the model.
     */
    private static String brandShowingRelevanceControl(String user) throws IOException {
        ObjectNode withUser = JSON.createObjectNode();
        withUser.putObject("user").put("index", PROFILES).put("id", user);
        Set<String> brands = shop.products().stream().map(Product::brand)
            .collect(Collectors.toCollection(LinkedHashSet::new));
        for (String brand : brands) {
            if (!ids(search(mgdspr(brand, withUser, true), SHOWN)).isEmpty()
                && !ids(search(mgdspr(brand, JSON.createObjectNode(), true), SHOWN)).isEmpty()
                && !removedByRelevanceControl(brand, JSON.createObjectNode()).isEmpty()) {
                return brand;
            }
        }
        throw new AssertionError("relevance control keeps none or all of the model's top hits for every brand");
    }

    /**
     * The top hits of the search without relevance control that the search with it does not retrieve at all,
     * computed here from the whole controlled result rather than as the page does.
     */
    private static List<String> removedByRelevanceControl(String query, ObjectNode clauses) throws IOException {
        Set<String> controlled = new HashSet<>(ids(search(mgdspr(query, clauses, true), 10_000)));
        List<String> removed = new ArrayList<>(ids(search(mgdspr(query, clauses, false), SHOWN)));
        removed.removeAll(controlled);
        return removed;
    }

    private static ObjectNode mgdspr(String query, ObjectNode clauses, boolean relevanceControl) {
        ObjectNode mgdspr = JSON.createObjectNode().put("model_id", MODEL).put("field", VECTOR_FIELD).put("query", query)
            .put("k", K).put("provenance", true);
        mgdspr.setAll(clauses.deepCopy());
        if (relevanceControl) {
            mgdspr.putObject("relevance_control").put("mode", "auto").put("apply", "post_filter")
                .putArray("fields").add(TEXT_FIELD);
        }
        ObjectNode wrapped = JSON.createObjectNode();
        wrapped.set("mgdspr", mgdspr);
        return wrapped;
    }

    private static JsonNode search(ObjectNode query, int size) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("size", size).put("_source", false);
        body.set("query", query);
        return call("POST", "/" + INDEX + "/_search", body.toString());
    }

    private static List<String> ids(JsonNode response) {
        List<String> ids = new ArrayList<>();
        response.at("/hits/hits").forEach(hit -> ids.add(hit.get("_id").asText()));
        return ids;
    }
}
