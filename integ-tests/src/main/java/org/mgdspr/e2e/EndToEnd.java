package org.mgdspr.e2e;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.mgdspr.model.artifact.MgdsprArtifact;
import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.data.Catalog;
import org.mgdspr.model.data.Product;
import org.mgdspr.model.data.SearchRequest;
import org.mgdspr.model.eval.EvaluationOptions;
import org.mgdspr.model.eval.EvaluationReport;
import org.mgdspr.model.eval.KeyTermFilter;
import org.mgdspr.model.eval.RetrievalEvaluator;
import org.mgdspr.model.features.BehaviorItem;
import org.mgdspr.model.features.KeyTerm;
import org.mgdspr.model.features.KeyTermClass;
import org.mgdspr.model.features.LongTermList;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.simulate.ClickOracle;
import org.mgdspr.model.simulate.SimulatedLog;
import org.mgdspr.model.simulate.SimulationConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The end-to-end run against a live node that serves a deployed model: indexes the data's catalog through the
 * item-embedding pipeline and, as the ingest baseline, with precomputed vectors; optionally shows personalized
 * searches (the main job); then measures quality, speed, memory and scale side by side and writes the report.
 * See {@link E2eOptions} for the options.
 */
public final class EndToEnd implements AutoCloseable {

    static final String INDEX = "shop";
    static final String PRECOMPUTED_INDEX = "shop_precomputed";
    static final String SCALE_INDEX = "shop_scale";
    private static final int INGEST_ROUNDS = 2;
    private static final List<RetrievalSystem> QUALITY_SYSTEMS = List.of(RetrievalSystem.BM25,
        RetrievalSystem.MGDSPR_NO_USER, RetrievalSystem.MGDSPR, RetrievalSystem.MGDSPR_BRAND_BOOST,
        RetrievalSystem.MGDSPR_POST_FILTER, RetrievalSystem.MGDSPR_PRE_FILTER, RetrievalSystem.FUSED_UNION,
        RetrievalSystem.FUSED_RRF, RetrievalSystem.FUSED_RRF_SHARD_TIES, RetrievalSystem.FUSED_RRF_ITEM_ID_TIES,
        RetrievalSystem.FUSED_WEIGHTED, RetrievalSystem.FUSED_AUTO);
    private static final List<RetrievalSystem> SPEED_SYSTEMS = List.of(RetrievalSystem.BM25, RetrievalSystem.PLAIN_KNN,
        RetrievalSystem.MGDSPR, RetrievalSystem.MGDSPR_BRAND_BOOST, RetrievalSystem.PLAIN_KNN_OR_MATCH,
        RetrievalSystem.FUSED_RRF, RetrievalSystem.FUSED_RRF_SHARD_TIES, RetrievalSystem.FUSED_RRF_ITEM_ID_TIES);

    private final E2eOptions options;
    private final NodeClient node;
    private final PrintStream out;
    private final JsonObject results = new JsonObject();
    private final MeasuredPhases phases = new MeasuredPhases(MachineLoad.linux());

    EndToEnd(E2eOptions options, PrintStream out) {
        this.options = options;
        this.node = new NodeClient(options.url());
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        E2eOptions options;
        try {
            options = E2eOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("e2e: " + e.getMessage() + "\n\n" + E2eOptions.USAGE);
            System.exit(2);
            return;
        }
        try (EndToEnd endToEnd = new EndToEnd(options, System.out)) {
            endToEnd.run();
        }
    }

    @Override
    public void close() throws IOException {
        node.close();
    }

    void run() throws Exception {
        ShopData data = options.data();
        Catalog catalog = data.dataset().catalog();
        MgdsprArtifact artifact = MgdsprArtifact.read(options.model());
        results.addProperty("data", data.description());
        results.addProperty("model_id", options.modelId());
        results.addProperty("model_sha256", artifact.checksum());
        results.addProperty("node", node.url());
        long heapBefore = heapUsed();
        NodeEmbeddings embeddings = new NodeEmbeddings(node, options.modelId());
        phases.run("ingest", () -> ingest(catalog, embeddings));
        Searcher searcher = new Searcher(node, INDEX);
        if (options.showcase() && data.log() != null) {
            showcase(data, searcher, artifact);
        }
        phases.run("quality", () -> quality(data, artifact, searcher));
        phases.run("speed", () -> speed(data, embeddings, artifact.config().features(),
            available(SPEED_SYSTEMS, artifact), searcher));
        memory(heapBefore);
        if (!options.scaleSizes().isEmpty()) {
            phases.run("scale", this::scale);
        }
        results.add("machine", phases.toJson());
        ReportWriter.write(options.out(), results, options.commandLine());
        out.printf(Locale.ROOT, "%nReport: %s (report.md, report.json, *.png)%n",
            options.out().toAbsolutePath().resolve("report.md"));
    }

    private void ingest(Catalog catalog, NodeEmbeddings embeddings) {
        List<Product> products = catalog.products();
        ShopIndexes indexes = new ShopIndexes(node, options.modelId());
        indexes.createPipeline();
        float[][] vectors = embeddings.items(products);
        double plainSeconds = Double.MAX_VALUE;
        double pipelineSeconds = Double.MAX_VALUE;
        // alternating runs, best of each: the first bulk into a fresh node also pays for warming it up
        for (int round = 1; round <= INGEST_ROUNDS; round++) {
            out.printf(Locale.ROOT, "ingest round %d/%d: %,d products with precomputed vectors, then through the "
                + "mgdspr_item_embedding pipeline ...%n", round, INGEST_ROUNDS, products.size());
            indexes.createProductIndex(PRECOMPUTED_INDEX, false);
            plainSeconds = Math.min(plainSeconds, indexes.bulk(PRECOMPUTED_INDEX, products, vectors));
            indexes.createProductIndex(INDEX, true);
            pipelineSeconds = Math.min(pipelineSeconds, indexes.bulk(INDEX, products, null));
        }
        JsonObject ingest = new JsonObject();
        ingest.addProperty("documents", products.size());
        ingest.addProperty("precomputed_docs_per_s", products.size() / plainSeconds);
        ingest.addProperty("pipeline_docs_per_s", products.size() / pipelineSeconds);
        ingest.addProperty("pipeline_overhead", pipelineSeconds / plainSeconds - 1);
        results.add("ingest", ingest);
        out.printf(Locale.ROOT, "ingest: %.0f docs/s with precomputed vectors, %.0f docs/s through the pipeline "
            + "(pipeline costs %+.0f%%)%n", products.size() / plainSeconds, products.size() / pipelineSeconds,
            100 * (pipelineSeconds / plainSeconds - 1));
    }

    private void showcase(ShopData data, Searcher searcher, MgdsprArtifact artifact) {
        DemoShowcase showcase = new DemoShowcase(node, searcher, options.modelId(), data.dataset().catalog(), out);
        Optional<List<SearchRequest>> found = DemoShowcase.contrastingUsers(data.dataset().test(),
            data.segments().get("ambiguous").requests());
        if (found.isEmpty()) {
            out.println("\nThe test split has no two ambiguous requests by users with different favourite brands: no "
                + "side-by-side searches to show.");
            return;
        }
        List<SearchRequest> pair = found.get();
        showcase.sideBySide(pair.get(0), pair.get(1));
        for (SearchRequest request : data.dataset().test()) {
            List<KeyTerm> terms = artifact.keyTerms().detect(request.query());
            if (terms.stream().anyMatch(term -> term.type() == KeyTermClass.BRAND)) {
                showcase.relevanceControl(request.query(), pair.get(0).userId(),
                    terms.stream().map(KeyTerm::term).toList().toString());
                return;
            }
        }
    }

    private void quality(ShopData data, MgdsprArtifact artifact, Searcher searcher) {
        List<SearchRequest> tests = data.dataset().test().stream()
            .filter(request -> !request.clicked().isEmpty() || !request.purchased().isEmpty())
            .limit(options.requests()).toList();
        int depth = Math.min(options.depth(), data.dataset().catalog().size());
        List<RetrievalSystem> systems = available(QUALITY_SYSTEMS, artifact);
        out.printf(Locale.ROOT, "%nquality: %d test requests, top %d, %d systems on the live node ...%n", tests.size(),
            depth, systems.size());
        Map<String, List<List<String>>> rankings = new LinkedHashMap<>();
        for (RetrievalSystem system : systems) {
            List<List<String>> ranked = new ArrayList<>(tests.size());
            for (SearchRequest request : tests) {
                ranked.add(searcher.ids(system.body(options.modelId(), request.query(), request.context(), null, depth)));
            }
            rankings.put(system.label, ranked);
        }
        if (data.log() != null) {
            // the simulator's oracles bound what the user context could add: no node involved
            rankings.put(EvaluationReport.ORACLE,
                oracleRankings(ClickOracle.withPreference(data.log()), tests, depth));
            rankings.put(EvaluationReport.ORACLE_NO_PREFERENCE,
                oracleRankings(ClickOracle.withoutPreference(data.log()), tests, depth));
        }
        int[] cutoffs = depth >= 1000 ? new int[] {10, 100, 1000} : new int[] {10, 100};
        EvaluationReport report = new RetrievalEvaluator(new EvaluationOptions(cutoffs, data.gainOffset(), false, false))
            .score(rankings, tests, data.dataset().labels(), new KeyTermFilter(artifact.keyTerms(), data.dataset().catalog()),
                data.segments(), data.dataset().catalog().size());
        Gson gson = new GsonBuilder().serializeSpecialFloatingPointValues().create();
        JsonObject quality = new JsonObject();
        quality.addProperty("test_requests", tests.size());
        quality.addProperty("catalog_size", data.dataset().catalog().size());
        quality.add("systems", gson.toJsonTree(report.systems()));
        quality.add("segments", gson.toJsonTree(report.segments()));
        if (data.log() != null) {
            quality.add("gap_closed", gapClosed(report, "gap_closed"));
            quality.add("gap_closed_brand_boost", gapClosed(report, "gap_closed_brand_boost"));
        }
        results.add("quality", quality);
        report.systems().forEach((system, metrics) -> out.printf(Locale.ROOT, "  %-24s recall@10 %.3f  recall@100 %.3f"
            + "  p_good@10 %.3f  ndcg@10 %.3f%n", system, metrics.get("recall@10"), metrics.get("recall@100"),
            metrics.get("p_good@10"), metrics.get("ndcg@10")));
    }

    /**
     * The share of the gap to the oracle that the user context closes (the evaluation's {@code gap_closed}) or that
     * it closes with the brand boost ({@code gap_closed_brand_boost}), per segment ({@code all} first) and recall;
     * JSON null where there is no gap (the oracle no better than the model without context), since report.json is
     * strict JSON and cannot hold NaN; report.json leaves such shares out.
     */
    private static JsonObject gapClosed(EvaluationReport report, String member) {
        JsonObject json = new JsonObject();
        report.toJson(null).getAsJsonObject(member).entrySet().forEach(segment -> {
            JsonObject shares = new JsonObject();
            segment.getValue().getAsJsonObject().entrySet().forEach(share -> {
                double value = share.getValue().getAsDouble();
                shares.add(share.getKey(), Double.isFinite(value) ? new JsonPrimitive(value) : JsonNull.INSTANCE);
            });
            json.add(segment.getKey(), shares);
        });
        return json;
    }

    private static List<List<String>> oracleRankings(ClickOracle oracle, List<SearchRequest> tests, int depth) {
        return tests.parallelStream()
            .map(request -> oracle.topIds(SimulatedLog.requestIndex(request.requestId()), depth)).toList();
    }

    private void speed(ShopData data, NodeEmbeddings embeddings, FeatureConfig limits, List<RetrievalSystem> systems,
                       Searcher searcher) throws Exception {
        List<SearchRequest> sample = data.dataset().test().stream().limit(options.speedQueries()).toList();
        Random random = new Random(7);
        List<Product> products = data.dataset().catalog().products();
        JsonObject speed = new JsonObject();
        // every system times the same query and context
        List<UserContext> contexts = new ArrayList<>();
        sample.forEach(request -> contexts.add(fullContext(limits, products, random)));
        Map<RetrievalSystem, List<String>> bodies = new EnumMap<>(RetrievalSystem.class);
        for (RetrievalSystem system : systems) {
            List<String> list = new ArrayList<>();
            for (int i = 0; i < sample.size(); i++) {
                String query = sample.get(i).query();
                float[] vector = system.sendsVector() ? embeddings.user(query, contexts.get(i)) : null;
                list.add(system.body(options.modelId(), query, contexts.get(i), vector, 100));
            }
            bodies.put(system, list);
        }
        out.printf(Locale.ROOT, "%nspeed: %d queries x %d rounds per system, user contexts at the model's limits "
            + "(%d real-time, %d short-term, %d per long-term list), k = 100%n", sample.size(), options.rounds(),
            limits.maxRealTime(), limits.maxShortTerm(), limits.maxLongTerm());
        JsonObject towerBefore = userTowerStats();
        bodies.get(RetrievalSystem.MGDSPR).forEach(searcher::ids);
        speed.add("user_tower_during_mgdspr", towerWindow(towerBefore, userTowerStats()));
        SpeedBenchmark benchmark = new SpeedBenchmark(searcher::ids);
        for (int clients : new int[] {1, 4}) {
            JsonObject byClients = new JsonObject();
            Map<RetrievalSystem, LatencyStats> measured = benchmark.compare(bodies, clients, options.rounds());
            for (RetrievalSystem system : systems) {
                LatencyStats stats = measured.get(system);
                byClients.add(system.label, new GsonBuilder().create().toJsonTree(stats));
                out.printf(Locale.ROOT, "  %d client(s) %-28s p50 %6.1f ms  p99 %6.1f ms  %6.1f queries/s%n", clients,
                    system.label, stats.p50Millis(), stats.p99Millis(), stats.throughputPerSecond());
            }
            speed.add(clients + "_clients", byClients);
        }
        speed.add("user_tower_on_node", userTowerStats());
        results.add("speed", speed);
    }

    /** Those of {@code systems} that the model can serve. */
    private static List<RetrievalSystem> available(List<RetrievalSystem> systems, MgdsprArtifact artifact) {
        return systems.stream().filter(system -> system.servedBy(artifact)).toList();
    }

    /** The node's cumulative user-tower statistics since it started. */
    private JsonObject userTowerStats() {
        return node.get("_plugins/mgdspr/stats").getAsJsonObject("nodes").entrySet().iterator().next()
            .getValue().getAsJsonObject().getAsJsonObject("inference").getAsJsonObject("user_tower");
    }

    /** Calls and mean time of the user tower between two snapshots of its cumulative statistics. */
    private static JsonObject towerWindow(JsonObject before, JsonObject after) {
        long calls = after.get("count").getAsLong() - before.get("count").getAsLong();
        double millis = after.get("total_time_in_millis").getAsDouble() - before.get("total_time_in_millis").getAsDouble();
        JsonObject window = new JsonObject();
        window.addProperty("calls", calls);
        window.addProperty("mean_millis", calls == 0 ? Double.NaN : millis / calls);
        return window;
    }

    /** A context with every list at the model's limit, from random catalog items. */
    static UserContext fullContext(FeatureConfig limits, List<Product> products, Random random) {
        List<BehaviorItem> realTime = new ArrayList<>();
        List<BehaviorItem> shortTerm = new ArrayList<>();
        for (int i = 0; i < limits.maxRealTime(); i++) {
            realTime.add(products.get(random.nextInt(products.size())).toBehaviorItem());
        }
        for (int i = 0; i < limits.maxShortTerm(); i++) {
            shortTerm.add(products.get(random.nextInt(products.size())).toBehaviorItem());
        }
        Map<LongTermList, List<String>> longTerm = new EnumMap<>(LongTermList.class);
        for (LongTermList list : LongTermList.values()) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < limits.maxLongTerm(); i++) {
                ids.add(products.get(random.nextInt(products.size())).itemId());
            }
            longTerm.put(list, ids);
        }
        List<String> history = new ArrayList<>();
        for (int i = 0; i < limits.maxHistoryWords(); i++) {
            history.add(products.get(random.nextInt(products.size())).title().split(" ")[0]);
        }
        return new UserContext(realTime, shortTerm, longTerm, history);
    }

    private void memory(long heapBefore) {
        JsonObject memory = new JsonObject();
        memory.addProperty("heap_used_before_bytes", heapBefore);
        memory.addProperty("heap_used_after_bytes", heapUsed());
        JsonObject process = node.get("_nodes/process").getAsJsonObject("nodes").entrySet().iterator().next().getValue()
            .getAsJsonObject().getAsJsonObject("process");
        Path status = Path.of("/proc/" + process.get("id").getAsLong() + "/status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    memory.addProperty("resident_bytes", Long.parseLong(line.replaceAll("\\D", "")) * 1024);
                }
            }
        } catch (Exception notLocal) {
            memory.addProperty("resident_bytes_unavailable", "the node does not run on this machine");
        }
        JsonObject models = node.get("_plugins/mgdspr/stats").getAsJsonObject("nodes").entrySet().iterator().next()
            .getValue().getAsJsonObject().getAsJsonObject("models");
        memory.add("models", models);
        results.add("memory", memory);
    }

    private long heapUsed() {
        return node.get("_nodes/stats/jvm").getAsJsonObject("nodes").entrySet().iterator().next().getValue()
            .getAsJsonObject().getAsJsonObject("jvm").getAsJsonObject("mem").get("heap_used_in_bytes").getAsLong();
    }

    private void scale() throws Exception {
        JsonObject scale = new JsonObject();
        ShopIndexes indexes = new ShopIndexes(node, options.modelId());
        for (int items : options.scaleSizes()) {
            out.printf(Locale.ROOT, "%nscale: %,d items ...%n", items);
            ShopData world = ShopData.simulated(SimulationConfig.scaled(items, 99).withUsers(50));
            indexes.createProductIndex(SCALE_INDEX, true);
            double seconds = indexes.bulk(SCALE_INDEX, world.dataset().catalog().products(), null);
            Searcher searcher = new Searcher(node, SCALE_INDEX);
            List<String> bodies = world.dataset().test().stream().limit(options.speedQueries())
                .map(request -> RetrievalSystem.MGDSPR.body(options.modelId(), request.query(), request.context(), null,
                    100)).toList();
            LatencyStats stats = new SpeedBenchmark(searcher::ids).run(bodies, 1, options.rounds());
            JsonObject point = new JsonObject();
            point.addProperty("ingest_seconds", seconds);
            point.addProperty("ingest_docs_per_s", items / seconds);
            point.add("mgdspr_query", new GsonBuilder().create().toJsonTree(stats));
            scale.add(Integer.toString(items), point);
            out.printf(Locale.ROOT, "  ingest %.1f s (%.0f docs/s), mgdspr p50 %.1f ms p99 %.1f ms over %d queries%n",
                seconds, items / seconds, stats.p50Millis(), stats.p99Millis(), stats.requests());
            node.deleteIfExists(SCALE_INDEX);
        }
        results.add("scale", scale);
    }
}
