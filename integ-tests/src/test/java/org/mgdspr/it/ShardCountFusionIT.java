package org.mgdspr.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mgdspr.model.data.Product;
import org.mgdspr.model.features.UserContextJson;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fusion does not depend on how many shards hold the catalog, and a {@code mgdspr} search stops when it is
 * cancelled or runs out of time, on the real 3-node cluster. The shop's catalog is embedded by the pipeline into an
 * index of 5 shards with 1 replica and into one of 1 shard; the same personalized searches with the lexical channel
 * then return the same top 100 for every fusion (exact k-NN: identical, with scores; HNSW: overlap reported and at
 * least 0.98). The two take different paths: over 5 shards the coordinating node runs a search per channel and fuses
 * their global lists; the single shard fuses the channels itself. A third index holds many documents with random
 * vectors, searched through a deliberately slow filter script, so that there is a running search to cancel and a
 * timeout to reach, with each path (with {@code profile}, which keeps the channel searches so that each is timed,
 * and without).
 */
class ShardCountFusionIT extends RealClusterTestCase {

    private static final String MODEL = "it-fusion-shop";
    private static final String PIPELINE = "it-fusion-items";
    private static final String FIVE_SHARDS = "it-fusion-5";
    private static final String ONE_SHARD = "it-fusion-1";
    private static final String SLOW = "it-fusion-slow";
    private static final int TOP = 100;
    private static final int SLOW_DOCS = 50_000;
    /**
     * Iterations of the filter script's loop per document. A shard checks timeout and cancellation between windows of
     * documents (the first after 4,096), so the cost per document sets how soon it can notice either.
     */
    private static final int SLOW_LOOP = 20_000;

    private static TrainedShop shop;
    /** How long the slow search takes when nothing stops it, measured once. */
    private static Double fullSlowSearchSeconds;

    @BeforeAll
    static void indexTheShopTwice() throws IOException {
        shop = TrainedShop.train();
        call("PUT", "/_plugins/mgdspr/models/" + MODEL, JSON.createObjectNode()
            .put("artifact", Base64.getEncoder().encodeToString(shop.artifact())).toString());
        JsonNode mapping = call("GET", "/_plugins/mgdspr/models/" + MODEL + "/_knn_mapping", null);
        call("PUT", "/_ingest/pipeline/" + PIPELINE, """
            {"processors": [{"mgdspr_item_embedding": {"model_id": "%s", "target_field": "item_vec",
              "fields": {"item_id": "sku", "title": "title"}, "batch_size": 64}}]}""".formatted(MODEL));
        for (String index : List.of(FIVE_SHARDS, ONE_SHARD)) {
            int shards = index.equals(FIVE_SHARDS) ? 5 : 1;
            call("PUT", "/" + index, """
                {"settings": {"index.knn": true, "number_of_shards": %d, "number_of_replicas": 1,
                              "default_pipeline": "%s"},
                 "mappings": {"properties": {"title": {"type": "text"}, "item_vec": %s}}}"""
                .formatted(shards, PIPELINE, mapping));
            StringBuilder bulk = new StringBuilder();
            for (Product product : shop.products()) {
                ObjectNode doc = JSON.createObjectNode().put("sku", product.itemId()).put("title", product.title());
                bulk.append("{\"index\":{\"_id\":\"").append(product.itemId()).append("\"}}\n").append(doc)
                    .append('\n');
            }
            JsonNode indexed = call("POST", "/" + index + "/_bulk?refresh=true", bulk.toString());
            assertFalse(indexed.get("errors").asBoolean(), indexed.toString());
        }
        indexSlowCatalog(mapping.get("dimension").asInt(), mapping);
        call("GET", "/_cluster/health/" + FIVE_SHARDS + "," + ONE_SHARD + "," + SLOW
            + "?wait_for_status=green&timeout=120s", null);
    }

    /** Many documents with random vectors, without the pipeline: only their number matters. */
    private static void indexSlowCatalog(int dimension, JsonNode mapping) throws IOException {
        call("PUT", "/" + SLOW, """
            {"settings": {"index.knn": true, "number_of_shards": 1, "number_of_replicas": 0},
             "mappings": {"properties": {"title": {"type": "text"}, "item_vec": %s}}}""".formatted(mapping));
        Random random = new Random(5);
        for (int from = 0; from < SLOW_DOCS; from += 5_000) {
            StringBuilder bulk = new StringBuilder();
            for (int i = from; i < from + 5_000; i++) {
                StringBuilder vector = new StringBuilder("[");
                for (int d = 0; d < dimension; d++) {
                    vector.append(d == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", random.nextGaussian()));
                }
                bulk.append("{\"index\":{\"_id\":\"s").append(i).append("\"}}\n{\"title\":\"item ").append(i)
                    .append("\",\"item_vec\":").append(vector).append("]}\n");
            }
            JsonNode indexed = call("POST", "/" + SLOW + "/_bulk", bulk.toString());
            assertFalse(indexed.get("errors").asBoolean(), indexed.path("items").path(0).toString());
        }
        call("POST", "/" + SLOW + "/_refresh", null);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        call("DELETE", "/" + FIVE_SHARDS + "," + ONE_SHARD + "," + SLOW + "?ignore_unavailable=true", null);
        call("DELETE", "/_ingest/pipeline/" + PIPELINE, null);
        call("DELETE", "/_plugins/mgdspr/models/" + MODEL, null);
    }

    @Test
    void exactKnnGivesTheSameTop100OnFiveShardsAsOnOneForEveryFusion() throws IOException {
        for (String query : queries()) {
            for (ObjectNode fusion : fusions()) {
                // ties by _id (the default), or by a field unique per product
                for (boolean bySku : new boolean[] {false, true}) {
                    ObjectNode mgdspr = mgdspr(query, fusion).put("exact", true);
                    if (bySku) {
                        mgdspr.putObject("tie_order").put("field", "sku.keyword");
                    }
                    List<String> five = scoredIds(search(FIVE_SHARDS, mgdspr, TOP));
                    List<String> one = scoredIds(search(ONE_SHARD, mgdspr, TOP));
                    assertEquals(TOP, one.size(), "[" + query + "] " + mgdspr);
                    assertEquals(one, five, "[" + query + "] " + mgdspr + ": ids and scores on 1 and on 5 shards");
                }
            }
        }
    }

    @Test
    void inShardOrderTheShardFusesAsTheChannelSearchesOnTheSameCopy() throws IOException {
        for (String query : queries()) {
            for (ObjectNode fusion : fusions()) {
                ObjectNode mgdspr = mgdspr(query, fusion).put("exact", true).put("tie_order", "shard");
                // a profiled search runs a search per channel from the coordinating node; both read the copy of the
                // shard that the fixed preference picks, whose Lucene document numbers order the ties
                JsonNode inTheShard = search(ONE_SHARD, mgdspr, TOP, false);
                JsonNode perChannel = search(ONE_SHARD, mgdspr, TOP, true);
                assertEquals(TOP, ids(inTheShard).size(), "[" + query + "] " + fusion);
                assertEquals(scoredIds(perChannel), scoredIds(inTheShard), "[" + query + "] " + fusion);
            }
        }
    }

    @Test
    void hnswGivesNearlyTheSameTop100OnFiveShardsAsOnOne() throws IOException {
        StringBuilder report = new StringBuilder();
        for (String query : queries()) {
            for (ObjectNode fusion : fusions()) {
                ObjectNode mgdspr = mgdspr(query, fusion);
                Set<String> five = new HashSet<>(ids(search(FIVE_SHARDS, mgdspr, TOP)));
                List<String> one = ids(search(ONE_SHARD, mgdspr, TOP));
                double overlap = one.stream().filter(five::contains).count() / (double) one.size();
                report.append(String.format(Locale.ROOT, "[%s] %s: top-%d overlap %.3f%n", query,
                    fusion.get("fusion").asText(), TOP, overlap));
                assertTrue(overlap >= 0.98, report.toString());
            }
        }
        System.out.print(report);
    }

    /** The slow search run to its end, timed once for both the cancellation and the timeout test. */
    private static synchronized double fullSlowSearchSeconds() throws IOException {
        if (fullSlowSearchSeconds == null) {
            long start = System.nanoTime();
            JsonNode response = JSON.readTree(slowSearch("run-to-the-end", null, true));
            fullSlowSearchSeconds = (System.nanoTime() - start) / 1e9;
            assertFalse(response.path("timed_out").asBoolean(), response.toString());
            assertEquals(10, response.at("/hits/hits").size(), response.toString());
            System.out.printf(Locale.ROOT, "the slow search runs to its end in %.1f s%n", fullSlowSearchSeconds);
        }
        return fullSlowSearchSeconds;
    }

    @Test
    void aCancelledSearchEndsPromptlyWithItsChannelSearches() throws Exception {
        assertACancelledSearchEndsPromptly("cancel-me", true);
    }

    /** Without profile the single shard of the slow index fuses the channel itself, in its query phase. */
    @Test
    void aCancelledSearchThatOneShardFusesEndsPromptly() throws Exception {
        assertACancelledSearchEndsPromptly("cancel-me-in-the-shard", false);
    }

    private static void assertACancelledSearchEndsPromptly(String marker, boolean profile) throws Exception {
        double full = fullSlowSearchSeconds();
        long start = System.nanoTime();
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> slowSearch(marker, null, profile));
        JsonNode task = awaitRunningSearch(marker);
        String taskId = task.get("node").asText() + ":" + task.get("id").asText();
        long cancelled = System.nanoTime();
        call("POST", "/_tasks/" + taskId + "/_cancel", null);
        String outcome = running.get(5, TimeUnit.MINUTES);
        double afterCancel = (System.nanoTime() - cancelled) / 1e9;
        boolean stopped = awaitNoSearchOn(SLOW, 60);
        double allStopped = (System.nanoTime() - cancelled) / 1e9;
        System.out.printf(Locale.ROOT, "cancelled %.1f s after the start; answered %.1f s and every channel and shard "
            + "task gone %.1f s after the cancel: %s%n", (cancelled - start) / 1e9, afterCancel, allStopped,
            outcome.substring(0, Math.min(300, outcome.length())));
        assertTrue(outcome.contains("task_cancelled_exception") || outcome.contains("cancelled"), outcome);
        assertTrue(stopped, "the channel searches and their shard requests stop too");
        assertTrue(allStopped < full / 2, "everything stopped " + allStopped + " s after the cancel; the search "
            + "takes " + full + " s");
    }

    @Test
    void aTinyTimeoutGivesAPartialResultInsteadOfRunningOn() throws Exception {
        JsonNode response = timedOutSlowSearch("time-me-out", true);
        assertTrue(response.at("/ext/mgdspr/channels/0").path("timed_out").asBoolean(), response.toString());
    }

    /** Without profile the single shard of the slow index fuses the channel itself, under the search's timeout. */
    @Test
    void aTinyTimeoutStopsAFusionThatOneShardServes() throws Exception {
        timedOutSlowSearch("time-me-out-in-the-shard", false);
    }

    /** The slow search with a timeout of 200 ms: it answers timed out, long before it would end, and stops. */
    private static JsonNode timedOutSlowSearch(String marker, boolean profile) throws Exception {
        double full = fullSlowSearchSeconds();
        long start = System.nanoTime();
        String outcome = slowSearch(marker, "200ms", profile);
        double seconds = (System.nanoTime() - start) / 1e9;
        JsonNode response = JSON.readTree(outcome);
        System.out.printf(Locale.ROOT, "with timeout 200ms and profile %s the search answered in %.1f s: timed_out %s, "
            + "channel %s%n", profile, seconds, response.path("timed_out"), response.at("/ext/mgdspr/channels/0"));
        assertTrue(response.path("timed_out").asBoolean(), outcome);
        assertTrue(seconds < full / 2, "answered after " + seconds + " s; the search takes " + full + " s");
        assertTrue(awaitNoSearchOn(SLOW, 60));
        return response;
    }

    /**
     * A search whose channel runs a filter script over every document of the slow index; the raw answer. The query
     * text marks the search in the task list.
     */
    private static String slowSearch(String marker, String timeout, boolean profile) {
        ObjectNode mgdspr = JSON.createObjectNode().put("model_id", MODEL).put("field", "item_vec")
            .put("query", marker).put("k", 10).put("exact", true);
        mgdspr.putObject("filter").putObject("script").putObject("script").put("source", """
            long s = 0; for (int i = 0; i < params.n; i++) { s += i ^ doc['_seq_no'].value; } return s != 42;""")
            .putObject("params").put("n", SLOW_LOOP);
        ObjectNode body = JSON.createObjectNode().put("size", 10).put("profile", profile);
        if (timeout != null) {
            body.put("timeout", timeout);
        }
        body.putObject("query").set("mgdspr", mgdspr);
        Requests.JsonBodyBuilder request = Requests.builder().method("POST").endpoint("/" + SLOW + "/_search")
            .json(body.toString());
        try (Response response = client.generic().execute(request.build())) {
            return response.getBody().map(b -> b.bodyAsString()).orElse("");
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The user's search task of the slow search with this query text, once it has run for a second. */
    private static JsonNode awaitRunningSearch(String marker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            for (JsonNode task : searchTasks()) {
                boolean ours = task.path("description").asText().contains("\"query\":\"" + marker + "\"");
                if (ours && !task.has("parent_task_id") && task.path("running_time_in_nanos").asLong() > 1e9) {
                    return task;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the slow search never showed up in the task list");
    }

    /** Whether, within {@code seconds}, no search task (user's, channel's or shard's) on the index is left. */
    private static boolean awaitNoSearchOn(String index, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (searchTasks().stream().noneMatch(task -> task.path("description").asText().contains(index))) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static List<JsonNode> searchTasks() throws IOException {
        List<JsonNode> tasks = new ArrayList<>();
        call("GET", "/_tasks?detailed=true&actions=indices:data/read/search*", null).get("nodes")
            .forEach(node -> node.get("tasks").forEach(tasks::add));
        return tasks;
    }

    /** An ambiguous category, a brand (many BM25 ties) and a full title. */
    private static List<String> queries() {
        return List.of(shop.ambiguousCategoryQuery(), shop.products().get(0).brand(), shop.products().get(1).title());
    }

    private static List<ObjectNode> fusions() {
        ObjectNode weighted = JSON.createObjectNode().put("fusion", "weighted").put("normalization", "z_score");
        weighted.putObject("fusion_weights").put("knn", 0.3).put("lexical", 0.7);
        return List.of(JSON.createObjectNode().put("fusion", "union"),
            JSON.createObjectNode().put("fusion", "rrf"), weighted);
    }

    private static ObjectNode mgdspr(String query, ObjectNode fusion) throws IOException {
        ObjectNode mgdspr = JSON.createObjectNode().put("model_id", MODEL).put("field", "item_vec").put("query", query)
            .put("k", TOP);
        mgdspr.set("user", JSON.readTree(UserContextJson.toJson(shop.latestContexts()
            .get(shop.twoUsersWithDifferentTastes().get(0))).toString()));
        mgdspr.putObject("lexical").put("k", TOP).putArray("fields").add("title");
        mgdspr.setAll(fusion);
        return mgdspr;
    }

    private static JsonNode search(String index, ObjectNode mgdspr, int size) throws IOException {
        return search(index, mgdspr, size, false);
    }

    /** Every search of this test reads the same copy of each shard. */
    private static JsonNode search(String index, ObjectNode mgdspr, int size, boolean profile) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("size", size).put("profile", profile);
        body.putObject("query").set("mgdspr", mgdspr);
        return call("POST", "/" + index + "/_search?preference=shard-count-fusion", body.toString());
    }

    private static List<String> ids(JsonNode response) {
        List<String> ids = new ArrayList<>();
        response.at("/hits/hits").forEach(hit -> ids.add(hit.get("_id").asText()));
        return ids;
    }

    private static List<String> scoredIds(JsonNode response) {
        List<String> ids = new ArrayList<>();
        response.at("/hits/hits").forEach(hit -> ids.add(hit.get("_id").asText() + "=" + hit.get("_score").asText()));
        return ids;
    }
}
