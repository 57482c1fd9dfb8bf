package org.mgdspr.e2e;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.mgdspr.model.data.Product;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The chaos run on a multi-node cluster that serves a deployed model: indexes the simulated catalog through the
 * item-embedding pipeline into an index with replicas, starts {@code mgdspr} query clients and a bulk writer through
 * the nodes that stay up, kills one node with SIGKILL, restarts it with the cluster script and waits for green, and
 * then checks that every acknowledged document is found and that the restarted node serves the model again. See
 * {@link ChaosOptions} for the options; {@link ChaosReport} writes the figures.
 */
public final class ChaosRun {

    static final String INDEX = "shop_chaos";
    private static final int QUERY_BODIES = 200;
    private static final int K = 50;
    private static final int MGET_BATCH = 500;
    private static final long GRACE_SECONDS = 60;

    private final ChaosOptions options;
    private final List<NodeClient> nodes = new ArrayList<>();
    private final NodeClient victim;
    private final List<NodeClient> survivors = new ArrayList<>();
    private final JsonObject results = new JsonObject();

    ChaosRun(ChaosOptions options) {
        this.options = options;
        for (int i = 0; i < options.nodes(); i++) {
            nodes.add(new NodeClient(options.url(i)));
            if (i != options.killNode()) {
                survivors.add(nodes.get(i));
            }
        }
        this.victim = nodes.get(options.killNode());
    }

    public static void main(String[] args) throws Exception {
        ChaosOptions options;
        try {
            options = ChaosOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("chaos-run: " + e.getMessage() + "\n\n" + ChaosOptions.USAGE);
            System.exit(2);
            return;
        }
        new ChaosRun(options).run();
    }

    void run() throws Exception {
        ShopData data = ShopData.simulated(options.size(), options.worldSeed());
        List<Product> products = data.dataset().catalog().products();
        NodeClient entry = survivors.get(0);
        ShopIndexes indexes = new ShopIndexes(entry, options.modelId());
        indexes.createPipeline();
        indexes.createProductIndex(INDEX, true, options.shards(), options.replicas());
        indexes.bulk(INDEX, products, null);
        waitForGreen(entry);
        List<String> bodies = Stream.concat(data.dataset().test().stream(), data.dataset().train().stream())
            .limit(QUERY_BODIES)
            .map(request -> RetrievalSystem.MGDSPR.body(options.modelId(), request.query(), request.context(), null, K))
            .toList();
        warmUp(bodies.get(0), products.get(0));
        JsonObject victimNode = localNode(victim);
        String victimId = victimNode.get("id").getAsString();
        results.addProperty("data", data.description());
        results.addProperty("model_id", options.modelId());
        results.add("setup", setup(entry, victimNode, products.size(), bodies.size()));

        ChaosTimeline timeline = new ChaosTimeline();
        ChaosLoad load = new ChaosLoad(survivors, INDEX, bodies, products);
        load.start(options.clients());
        sleep(options.beforeSeconds());
        timeline.killed();
        kill(victimNode.getAsJsonObject("process").get("id").getAsLong());
        log("killed node %d (%s) with SIGKILL", options.killNode(), victimNode.get("name").getAsString());
        results.addProperty("load_average_at_kill", systemLoad());
        sleep(options.downSeconds());
        int restartStatus = restart();
        timeline.recovered();
        // a node that does not come back is a finding to report with the rest, not a reason to drop the figures
        results.addProperty("restart_exit_status", restartStatus);
        log("node %d restart ended with status %d, %.1f s after the kill", options.killNode(), restartStatus,
            timeline.outageSeconds());
        sleep(options.afterSeconds());
        results.addProperty("load_average_at_end", systemLoad());
        timeline.ended();
        int abandoned = load.stop(GRACE_SECONDS);

        long slowNanos = TimeUnit.MILLISECONDS.toNanos(options.slowMillis());
        results.addProperty("outage_seconds", timeline.outageSeconds());
        results.addProperty("grace_seconds", GRACE_SECONDS);
        results.addProperty("abandoned_requests", abandoned);
        results.add("queries", load.queries().summary(timeline, slowNanos));
        results.add("bulks", load.bulks().summary(timeline, slowNanos));
        results.add("documents", documents(entry, load, products.size()));
        try {
            results.add("restarted_node", serving(victimId, bodies.get(0), products.get(0)));
        } catch (RuntimeException e) {
            JsonObject failed = new JsonObject();
            failed.addProperty("error", e.getMessage());
            results.add("restarted_node", failed);
        }
        ChaosReport.write(options.out(), results, options.command());
        log("report: %s", options.out().toAbsolutePath().resolve("report.md"));
    }

    private JsonObject setup(NodeClient entry, JsonObject victimNode, int catalog, int bodies) {
        JsonObject setup = new JsonObject();
        setup.addProperty("nodes", options.nodes());
        setup.addProperty("index", INDEX);
        setup.addProperty("shards", options.shards());
        setup.addProperty("replicas", options.replicas());
        setup.addProperty("catalog_documents", catalog);
        setup.addProperty("query_clients", options.clients());
        setup.addProperty("distinct_queries", bodies);
        setup.addProperty("k", K);
        setup.addProperty("slow_ms", options.slowMillis());
        setup.addProperty("down_seconds", options.downSeconds());
        setup.addProperty("killed_node", victimNode.get("name").getAsString());
        String manager = entry.get("_cat/cluster_manager?format=json").get("value").getAsJsonArray().get(0)
            .getAsJsonObject().get("node").getAsString();
        setup.addProperty("cluster_manager_before_kill", manager);
        setup.add("killed_node_shards", shardsOn(entry, victimNode.get("name").getAsString()));
        return setup;
    }

    /** The copies of the chaos index on the named node, as "shard primary|replica". */
    private static JsonArray shardsOn(NodeClient node, String nodeName) {
        JsonArray copies = new JsonArray();
        for (JsonElement shard : node.get("_cat/shards/" + INDEX + "?format=json").get("value").getAsJsonArray()) {
            JsonObject copy = shard.getAsJsonObject();
            if (copy.has("node") && nodeName.equals(copy.get("node").getAsString())) {
                copies.add(copy.get("shard").getAsString() + " " + (copy.get("prirep").getAsString().equals("p")
                    ? "primary" : "replica"));
            }
        }
        return copies;
    }

    /** Every acknowledged document is found by id and counted after a refresh, with its vector. */
    private static JsonObject documents(NodeClient node, ChaosLoad load, int catalog) {
        node.post(INDEX + "/_refresh", null);
        List<String> acknowledged = load.acknowledged();
        List<String> missing = missing(node, acknowledged);
        List<String> unanswered = load.unanswered();
        long total = count(node, null);
        JsonObject json = new JsonObject();
        json.addProperty("acknowledged", acknowledged.size());
        json.addProperty("acknowledged_missing", missing.size());
        JsonArray examples = new JsonArray();
        missing.stream().limit(10).forEach(examples::add);
        json.add("missing_examples", examples);
        json.add("refused_items", OutcomeLog.counts(load.itemErrors()));
        json.addProperty("unanswered_bulk_items", unanswered.size());
        json.addProperty("unanswered_bulk_items_found", unanswered.size() - missing(node, unanswered).size());
        json.addProperty("count_after_refresh", total);
        json.addProperty("count_expected_at_least", catalog + acknowledged.size());
        json.addProperty("count_with_vector", count(node, "{\"query\": {\"exists\": {\"field\": \""
            + ShopIndexes.VECTOR_FIELD + "\"}}}"));
        return json;
    }

    /** The ids that a realtime-free multi-get (what a refreshed searcher sees) does not find. */
    private static List<String> missing(NodeClient node, List<String> ids) {
        List<String> missing = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += MGET_BATCH) {
            JsonArray batch = new JsonArray();
            ids.subList(from, Math.min(ids.size(), from + MGET_BATCH)).forEach(batch::add);
            JsonObject body = new JsonObject();
            body.add("ids", batch);
            JsonObject response = node.post(INDEX + "/_mget?realtime=false&_source=false", body.toString());
            for (JsonElement doc : response.getAsJsonArray("docs")) {
                JsonObject object = doc.getAsJsonObject();
                if (!object.has("found") || !object.get("found").getAsBoolean()) {
                    missing.add(object.get("_id").getAsString());
                }
            }
        }
        return missing;
    }

    private static long count(NodeClient node, String body) {
        return node.post(INDEX + "/_count", body).get("count").getAsLong();
    }

    /**
     * The restarted node coordinates a search that runs only on its own shard copies (the user tower runs on the
     * coordinator, the k-NN search on the copies), embeds an item through its own {@code _embed}, and then reports
     * the model loaded; the same search through a node that stayed up is the reference for the hits.
     */
    private JsonObject serving(String victimId, String body, Product product) {
        JsonObject json = new JsonObject();
        json.addProperty("node_id", victimId);
        JsonArray copies = shardsOn(survivors.get(0), localNode(victim).get("name").getAsString());
        json.add("shards_after_restart", copies);
        List<String> shardNumbers = new ArrayList<>();
        copies.forEach(copy -> shardNumbers.add(copy.getAsString().split(" ")[0]));
        // a node that rebalancing left without copies can still coordinate, over the other nodes' copies
        String shards = shardNumbers.isEmpty() ? "" : "?preference=_shards:" + String.join(",", shardNumbers);
        json.add("model_before_checks", modelStats(victimId));
        JsonObject response = victim.post(INDEX + "/_search" + shards
            + (shards.isEmpty() ? "" : "%7C_only_nodes:" + victimId), body);
        List<Double> hits = scores(response);
        List<Double> reference = scores(survivors.get(0).post(INDEX + "/_search" + shards, body));
        json.addProperty("search_hits", hits.size());
        json.addProperty("reference_hits", reference.size());
        json.addProperty("search_failed_shards", response.getAsJsonObject("_shards").get("failed").getAsInt());
        // scores rather than ids: the bulk documents repeat catalog products, so equal scores tie in any order
        json.addProperty("top10_max_score_difference_to_the_search_through_" + survivorName(),
            maxDifference(hits, reference, 10));
        json.addProperty("embed_vector_dimension", embedItem(victim, product));
        json.add("model_after_checks", modelStats(victimId));
        return json;
    }

    private String survivorName() {
        return localNode(survivors.get(0)).get("name").getAsString();
    }

    /** Embeds one item through the node's {@code _embed} endpoint; returns the vector's dimension. */
    private int embedItem(NodeClient node, Product product) {
        JsonObject item = new JsonObject();
        item.addProperty("item_id", product.itemId());
        item.addProperty("title", product.title());
        JsonArray items = new JsonArray();
        items.add(item);
        JsonObject embed = new JsonObject();
        embed.add("items", items);
        return node.post("_plugins/mgdspr/models/" + options.modelId() + "/_embed", embed.toString())
            .getAsJsonArray("vectors").get(0).getAsJsonArray().size();
    }

    /** Loads the model on every node for both towers, so that the phase before the kill is no cold start. */
    private void warmUp(String body, Product product) {
        for (NodeClient node : nodes) {
            node.post(INDEX + "/_search", body);
            embedItem(node, product);
        }
    }

    /** The node's model entry (loaded, loads, failures) and its tower call counts. */
    private JsonObject modelStats(String nodeId) {
        JsonObject node = victim.get("_plugins/mgdspr/stats/" + nodeId).getAsJsonObject("nodes")
            .getAsJsonObject(nodeId);
        JsonObject json = new JsonObject();
        JsonObject model = node.getAsJsonObject("models").getAsJsonObject(options.modelId());
        json.addProperty("loaded", model != null && model.get("loaded").getAsBoolean());
        json.addProperty("loads", model == null ? 0 : model.get("loads").getAsLong());
        json.addProperty("load_failures", model == null ? 0 : model.get("load_failures").getAsLong());
        JsonObject inference = node.getAsJsonObject("inference");
        for (String tower : List.of("user_tower", "item_tower")) {
            json.addProperty(tower + "_calls", inference.has(tower) ? inference.getAsJsonObject(tower).get("count")
                .getAsLong() : 0);
        }
        return json;
    }

    private static List<Double> scores(JsonObject response) {
        List<Double> scores = new ArrayList<>();
        response.getAsJsonObject("hits").getAsJsonArray("hits")
            .forEach(hit -> scores.add(hit.getAsJsonObject().get("_score").getAsDouble()));
        return scores;
    }

    /** The largest difference between the scores at the same rank of two result lists, down to {@code depth}. */
    private static double maxDifference(List<Double> a, List<Double> b, int depth) {
        double max = 0;
        for (int rank = 0; rank < Math.min(depth, Math.min(a.size(), b.size())); rank++) {
            max = Math.max(max, Math.abs(a.get(rank) - b.get(rank)));
        }
        return max;
    }

    /** The node's own id, name and process (with its pid) as it reports them. */
    private static JsonObject localNode(NodeClient node) {
        JsonObject nodes = node.get("_nodes/_local/process").getAsJsonObject("nodes");
        String id = nodes.keySet().iterator().next();
        JsonObject local = nodes.getAsJsonObject(id);
        local.addProperty("id", id);
        return local;
    }

    private static void waitForGreen(NodeClient node) {
        JsonObject health = node.get("_cluster/health?wait_for_status=green&timeout=180s");
        if (health.get("timed_out").getAsBoolean()) {
            throw new IllegalStateException("the cluster did not turn green: " + health);
        }
    }

    private static void kill(long pid) throws Exception {
        ProcessHandle process = ProcessHandle.of(pid)
            .orElseThrow(() -> new IllegalStateException("no process " + pid + " to kill"));
        if (!process.destroyForcibly()) {
            throw new IllegalStateException("could not send SIGKILL to " + pid);
        }
        process.onExit().get(30, TimeUnit.SECONDS);
    }

    /** Starts the killed node again with the cluster script, which returns once the cluster is green; its status. */
    private int restart() throws IOException, InterruptedException {
        return new ProcessBuilder(options.clusterScript().toString(), "restart", "--name", options.clusterName(),
            "--node", String.valueOf(options.killNode())).inheritIO().start().waitFor();
    }

    /** The machine's one-minute load average: the run shares its cores with whatever else runs. */
    private static double systemLoad() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void sleep(int seconds) throws InterruptedException {
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[chaos] " + format + "%n", args);
    }
}
