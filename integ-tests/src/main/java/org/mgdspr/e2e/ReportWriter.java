package org.mgdspr.e2e;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.jfree.chart.JFreeChart;
import org.mgdspr.model.eval.EvaluationReport;
import org.mgdspr.model.report.MetricGlossary;
import org.mgdspr.model.report.ReportCharts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the end-to-end results as {@code report.json}, {@code report.md} and PNG charts. Every table of report.md
 * is followed by one line per column saying what it measures.
 */
final class ReportWriter {

    static final String QUALITY_PNG = "quality.png";
    static final String LATENCY_PNG = "latency.png";
    static final String SCALE_PNG = "scale.png";
    private static final String CLIENTS_SUFFIX = "_clients";
    private static final double INGEST_GOAL = 0.95;

    private ReportWriter() {}

    static void write(Path dir, JsonObject results, String commandLine) throws IOException {
        Files.createDirectories(dir);
        results.addProperty("command", commandLine);
        Files.writeString(dir.resolve("report.json"), new GsonBuilder().setPrettyPrinting().create().toJson(results));
        StringBuilder md = new StringBuilder("# MGDSPR end to end on a live OpenSearch node\n\n");
        md.append("Produced by `").append(commandLine).append("` against ").append(results.get("node").getAsString())
            .append(" serving model `").append(results.get("model_id").getAsString()).append("` (manifest sha256 `")
            .append(results.get("model_sha256").getAsString()).append("`).\nData: ")
            .append(results.get("data").getAsString()).append(".\n\n");
        machine(results.getAsJsonObject("machine"), md);
        quality(dir, results.getAsJsonObject("quality"), md);
        ingest(results.getAsJsonObject("ingest"), md);
        speed(dir, results.getAsJsonObject("speed"), md);
        memory(results.getAsJsonObject("memory"), md);
        scale(dir, results.getAsJsonObject("scale"), md);
        Files.writeString(dir.resolve("report.md"), md.toString());
    }

    private static void machine(JsonObject machine, StringBuilder md) {
        md.append(String.format(Locale.ROOT, "## Machine and load%n%nCPU: %s; %d cores available to the e2e tool's "
                + "JVM. The e2e run took %.0f s of wall time; with a local node (as in the demo) the node shares "
                + "these cores with the tool.%n%n| phase | seconds | load before | load after |%n"
                + "|---|---|---|---|%n", machine.get("cpu_model").getAsString(), machine.get("cores").getAsInt(),
            machine.get("wall_seconds").getAsDouble()));
        JsonObject phases = machine.getAsJsonObject("phases");
        for (String phase : phases.keySet()) {
            JsonObject record = phases.getAsJsonObject(phase);
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %s | %s |%n", phase,
                record.get("seconds").getAsDouble(),
                load(record.get("load_before")), load(record.get("load_after"))));
        }
        md.append("""

            - `phase`: a measured part of the run (the sections below).
            - `seconds`: its wall time.
            - `load before` / `load after`: the machine's 1-minute load average (first field of /proc/loadavg: \
            runnable and waiting threads, averaged over the last minute) when the phase started and ended; a load \
            above the core count means the measurements shared the CPU.

            """);
    }

    private static String load(JsonElement value) {
        return value == null || value.isJsonNull() ? "n/a" : String.format(Locale.ROOT, "%.2f", value.getAsDouble());
    }

    private static void quality(Path dir, JsonObject quality, StringBuilder md) throws IOException {
        md.append("## Quality (same index, same test requests)\n\n");
        md.append(String.format(Locale.ROOT, "%d test requests with clicks or purchases, exact metrics over the "
            + "retrieved lists of each system; the catalog has %,d items.%n%n", quality.get("test_requests").getAsInt(),
            quality.get("catalog_size").getAsInt()));
        JsonObject systems = quality.getAsJsonObject("systems");
        List<String> metrics = new ArrayList<>();
        systems.entrySet().iterator().next().getValue().getAsJsonObject().keySet().stream()
            .filter(name -> name.contains("@")).forEach(metrics::add);
        table(md, "system", metrics, systems);
        md.append('\n').append(systemLegend(systems)).append(MetricGlossary.markdown(metrics));
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        for (String system : systems.keySet()) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (String metric : metrics) {
                if (metric.startsWith("recall@") || metric.startsWith("p_good@10") || metric.startsWith("ndcg@")) {
                    values.put(metric, systems.getAsJsonObject(system).get(metric).getAsDouble());
                }
            }
            bars.put(system, values);
        }
        ReportCharts.writePng(ReportCharts.groupedBars("Quality on the live node", "mean over test requests", bars),
            dir.resolve(QUALITY_PNG));
        md.append("\n![quality](").append(QUALITY_PNG).append(")\n\n");
        if (!quality.getAsJsonObject("segments").isEmpty()) {
            JsonObject segments = quality.getAsJsonObject("segments");
            for (String segment : segments.keySet()) {
                md.append("Segment `").append(segment).append("`:\n\n");
                table(md, "system", List.of("recall@10", "recall@100", "p_good@10", "ndcg@10"),
                    segments.getAsJsonObject(segment));
                md.append("\nSystems and columns as defined under the table of all test requests.\n\n");
            }
        }
        if (quality.has("gap_closed")) {
            headroom(quality, md);
        }
    }

    /** One line per system of the quality table: the node's query, or the simulator's oracle. */
    private static String systemLegend(JsonObject systems) {
        StringBuilder md = new StringBuilder();
        for (String label : systems.keySet()) {
            String description = RetrievalSystem.byLabel(label).map(system -> system.description)
                .orElseGet(() -> switch (label) {
                    case EvaluationReport.ORACLE -> "not a query: ranks the whole catalog by the simulator's click "
                        + "model with the user's true taste, the best any user context could do";
                    case EvaluationReport.ORACLE_NO_PREFERENCE -> "not a query: ranks the whole catalog by the "
                        + "query's ground truth alone, without the user's taste";
                    default -> throw new IllegalArgumentException("no description for the system [" + label + "]");
                });
            md.append("- `").append(label).append("`: ").append(description).append(".\n");
        }
        return md.toString();
    }

    /**
     * With context, without, the oracle that knows each simulated user's true taste, and the share of the gap
     * between the model without context and the oracle that the context closes; with the brand boost too when the
     * run has it.
     */
    private static void headroom(JsonObject quality, StringBuilder md) {
        JsonObject gaps = quality.getAsJsonObject("gap_closed");
        JsonObject boostGaps = quality.has("gap_closed_brand_boost")
            ? quality.getAsJsonObject("gap_closed_brand_boost") : null;
        md.append("Personalization headroom:\n\n| requests | recall | with context | without | oracle "
            + "| oracle without preference | gap closed |")
            .append(boostGaps == null ? "\n|---|---|---|---|---|---|---|\n"
                : " with brand boost | gap closed with brand boost |\n|---|---|---|---|---|---|---|---|---|\n");
        for (String segment : gaps.keySet()) {
            JsonObject bySystem = segment.equals("all") ? quality.getAsJsonObject("systems")
                : quality.getAsJsonObject("segments").getAsJsonObject(segment);
            for (String metric : gaps.getAsJsonObject(segment).keySet()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.3f | %.3f | %s |", segment,
                    metric, value(bySystem, RetrievalSystem.MGDSPR.label, metric),
                    value(bySystem, RetrievalSystem.MGDSPR_NO_USER.label, metric),
                    value(bySystem, EvaluationReport.ORACLE, metric),
                    value(bySystem, EvaluationReport.ORACLE_NO_PREFERENCE, metric),
                    share(gaps.getAsJsonObject(segment).get(metric))));
                if (boostGaps != null) {
                    md.append(String.format(Locale.ROOT, " %.3f | %s |",
                        value(bySystem, RetrievalSystem.MGDSPR_BRAND_BOOST.label, metric),
                        share(boostGaps.getAsJsonObject(segment).get(metric))));
                }
                md.append('\n');
            }
        }
        md.append("""

            - `requests`: the test requests the row averages over (`all`, or a segment).
            - `recall`: the recall@K of the row (defined above).
            - `with context` / `without`: that recall for `mgdspr` and for `mgdspr_no_user`.
            - `oracle`: the simulator's click model with the user's true taste ranks the whole catalog (not on the \
            node): what a perfect user context could reach.
            - `oracle without preference`: the same oracle ranking by the query's ground truth alone.
            - `gap closed`: (with context - without) / (oracle - without), the share of the way to the oracle that \
            the user context goes; "no gap" where the oracle is no better than `without`.
            """);
        if (boostGaps != null) {
            md.append("""
                - `with brand boost`: that recall for `mgdspr_brand_boost`.
                - `gap closed with brand boost`: (with brand boost - without) / (oracle - without).
                """);
        }
        md.append('\n');
    }

    private static String share(JsonElement share) {
        return share.isJsonNull() ? "no gap" : String.format(Locale.ROOT, "%.0f%%", 100 * share.getAsDouble());
    }

    private static double value(JsonObject bySystem, String system, String metric) {
        return bySystem != null && bySystem.has(system) ? bySystem.getAsJsonObject(system).get(metric).getAsDouble()
            : Double.NaN;
    }

    private static void ingest(JsonObject ingest, StringBuilder md) {
        md.append(String.format(Locale.ROOT, "## Ingest (%,d documents, one client, bulks of 500, best of two "
                + "alternating runs)%n%n| path | docs/s |%n|---|---|%n| precomputed vectors, no pipeline | %.0f |%n"
                + "| `mgdspr_item_embedding` pipeline | %.0f |%n%n", ingest.get("documents").getAsInt(),
            ingest.get("precomputed_docs_per_s").getAsDouble(), ingest.get("pipeline_docs_per_s").getAsDouble()));
        md.append("""
            - `path`: vectors computed by the e2e tool through the node's model beforehand and sent with the \
            documents, or computed by the node's item-embedding ingest pipeline.
            - `docs/s`: documents indexed per second of wall time over the whole bulk run, the better of the two runs.

            """);
        double ratio = ingest.get("pipeline_docs_per_s").getAsDouble()
            / ingest.get("precomputed_docs_per_s").getAsDouble();
        md.append(String.format(Locale.ROOT, "Pipeline / precomputed vectors: %sx docs/s. Issue 13's goal, at least "
            + "%.2fx, is set at 100,000 items, which `IngestBenchmark` measures (results/bench/ingest.md).%n%n",
            ratio(ratio, INGEST_GOAL), INGEST_GOAL));
    }

    private static void speed(Path dir, JsonObject speed, StringBuilder md) throws IOException {
        md.append("## Query speed (k = 100, user contexts at the model's limits)\n\n");
        md.append("| clients | system | p50 ms | p99 ms | queries/s |\n|---|---|---|---|---|\n");
        for (String clients : clientRuns(speed)) {
            JsonObject bySystem = speed.getAsJsonObject(clients);
            for (String system : bySystem.keySet()) {
                JsonObject stats = bySystem.getAsJsonObject(system);
                md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f |%n", clientCount(clients), system,
                    stats.get("p50Millis").getAsDouble(), stats.get("p99Millis").getAsDouble(),
                    stats.get("throughputPerSecond").getAsDouble()));
            }
        }
        md.append("""

            - `clients`: concurrent client threads sending the searches.
            - `system`: as under the quality table; `knn_precomputed` is a plain `knn` query with the user tower's \
            vector computed before the timing; `bool[knn,match]` is a `bool` query whose `should` holds that `knn` \
            query and the BM25 `match` (both channels in one search, no fusion).
            - `p50 ms` / `p99 ms`: median and 99th percentile of a search's wall time seen by the client (HTTP round \
            trip included), over every timed search of the run.
            - `queries/s`: searches completed per second of the system's own timed wall time, all clients together.

            The systems are timed side by side, so that a change of the machine's load reaches all of them alike: \
            one client sends query by query, each query's searches in an order of the systems that rotates from query \
            to query; four clients run one system's round at a time, the systems in alternating order from round to \
            round.
            """);
        JsonObject tower = speed.getAsJsonObject("user_tower_on_node");
        JsonObject window = speed.getAsJsonObject("user_tower_during_mgdspr");
        JsonObject oneClient = speed.getAsJsonObject("1" + CLIENTS_SUFFIX);
        double mgdspr = oneClient.getAsJsonObject(RetrievalSystem.MGDSPR.label).get("p50Millis").getAsDouble();
        double towerMean = window.get("mean_millis").getAsDouble();
        md.append(String.format(Locale.ROOT, "%nUser tower on the node since it started: %s. Over one pass of the "
            + "`mgdspr` searches alone it took %.2f ms on average (%d calls), %.0f%% of the one-client `mgdspr` p50.%n",
            tower, towerMean, window.get("calls").getAsLong(), 100 * towerMean / mgdspr));
        md.append(speedTargets(speed));
        ReportCharts.writePng(latencyChart(speed), dir.resolve(LATENCY_PNG));
        md.append("![latency](").append(LATENCY_PNG).append(")\n\n");
    }

    /**
     * The speed targets of issue 13 as ratios of this run: {@code mgdspr} against plain {@code knn}, fused
     * {@code mgdspr} (ties by {@code _id}, in shard order, by item id) against {@code bool[knn,match]}; p50 with one
     * client at most 1.2x, throughput with four clients at least 0.8x.
     */
    /**
     * A ratio with two decimals, or four where two would print the goal itself for a ratio that differs from it
     * (1.2002 would read "1.20x" beside a verdict of missed).
     */
    static String ratio(double ratio, double goal) {
        String rounded = String.format(Locale.ROOT, "%.2f", ratio);
        return Double.parseDouble(rounded) == goal && ratio != goal ? String.format(Locale.ROOT, "%.4f", ratio)
            : rounded;
    }

    static String speedTargets(JsonObject speed) {
        JsonObject one = speed.getAsJsonObject("1" + CLIENTS_SUFFIX);
        JsonObject four = speed.getAsJsonObject("4" + CLIENTS_SUFFIX);
        StringBuilder md = new StringBuilder("\n| target | this run | goal | verdict |\n|---|---|---|---|\n");
        String[][] pairs = {
            {RetrievalSystem.MGDSPR.label, RetrievalSystem.PLAIN_KNN.label},
            {RetrievalSystem.FUSED_RRF.label, RetrievalSystem.PLAIN_KNN_OR_MATCH.label},
            {RetrievalSystem.FUSED_RRF_SHARD_TIES.label, RetrievalSystem.PLAIN_KNN_OR_MATCH.label},
            {RetrievalSystem.FUSED_RRF_ITEM_ID_TIES.label, RetrievalSystem.PLAIN_KNN_OR_MATCH.label}};
        for (String[] pair : pairs) {
            if (one != null && one.has(pair[0]) && one.has(pair[1])) {
                double ratio = one.getAsJsonObject(pair[0]).get("p50Millis").getAsDouble()
                    / one.getAsJsonObject(pair[1]).get("p50Millis").getAsDouble();
                md.append(String.format(Locale.ROOT, "| 1 client, p50 of `%s` / `%s` | %sx | <= 1.2x | %s |%n",
                    pair[0], pair[1], ratio(ratio, 1.2), ratio <= 1.2 ? "met" : "missed"));
            }
            if (four != null && four.has(pair[0]) && four.has(pair[1])) {
                double ratio = four.getAsJsonObject(pair[0]).get("throughputPerSecond").getAsDouble()
                    / four.getAsJsonObject(pair[1]).get("throughputPerSecond").getAsDouble();
                md.append(String.format(Locale.ROOT, "| 4 clients, queries/s of `%s` / `%s` | %sx | >= 0.8x | %s |%n",
                    pair[0], pair[1], ratio(ratio, 0.8), ratio >= 0.8 ? "met" : "missed"));
            }
        }
        return md.append("""

            - `target`: a speed target of issue 13, the ratio of two systems' figures from the tables above.
            - `this run`: that ratio in this run.
            - `goal`: the ratio the target asks for.
            - `verdict`: `met` when this run's ratio reaches the goal, `missed` otherwise.

            """).toString();
    }

    /** Bars per system: p50 and p99 for each client count. */
    static JFreeChart latencyChart(JsonObject speed) {
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        for (String clients : clientRuns(speed)) {
            String suffix = clientCount(clients) + (clientCount(clients).equals("1") ? " client" : " clients");
            Map<String, Double> p50 = new LinkedHashMap<>();
            Map<String, Double> p99 = new LinkedHashMap<>();
            JsonObject bySystem = speed.getAsJsonObject(clients);
            for (String system : bySystem.keySet()) {
                p50.put(system, bySystem.getAsJsonObject(system).get("p50Millis").getAsDouble());
                p99.put(system, bySystem.getAsJsonObject(system).get("p99Millis").getAsDouble());
            }
            bars.put("p50, " + suffix, p50);
            bars.put("p99, " + suffix, p99);
        }
        return ReportCharts.groupedBars("Query latency: p50 and p99", "ms per search", bars);
    }

    private static List<String> clientRuns(JsonObject speed) {
        return speed.keySet().stream().filter(key -> key.endsWith(CLIENTS_SUFFIX)).toList();
    }

    private static String clientCount(String clientRun) {
        return clientRun.substring(0, clientRun.length() - CLIENTS_SUFFIX.length());
    }

    private static void memory(JsonObject memory, StringBuilder md) {
        md.append("## Memory\n\n```\n").append(new GsonBuilder().setPrettyPrinting().create().toJson(memory))
            .append("\n```\n\n");
        md.append("Heap used by the node's JVM before indexing and after the speed runs, the node process's resident "
            + "set (VmRSS, when the node runs on this machine), and the plugin's loaded models.\n\n");
    }

    private static void scale(Path dir, JsonObject scale, StringBuilder md) throws IOException {
        if (scale == null || scale.isEmpty()) {
            return;
        }
        md.append("## Scale (simulated catalogs, pipeline ingest, `mgdspr` query with one client)\n\n");
        md.append("| items | ingest s | docs/s | queries timed | query p50 ms | query p99 ms |\n"
            + "|---|---|---|---|---|---|\n");
        for (Map.Entry<String, JsonElement> entry : scale.entrySet()) {
            JsonObject point = entry.getValue().getAsJsonObject();
            JsonObject query = point.getAsJsonObject("mgdspr_query");
            md.append(String.format(Locale.ROOT, "| %,d | %.1f | %.0f | %d | %.1f | %.1f |%n",
                Long.parseLong(entry.getKey()), point.get("ingest_seconds").getAsDouble(),
                point.get("ingest_docs_per_s").getAsDouble(), query.get("requests").getAsInt(),
                query.get("p50Millis").getAsDouble(), query.get("p99Millis").getAsDouble()));
        }
        md.append("""

            - `items`: products in a freshly simulated catalog, indexed alone.
            - `ingest s` / `docs/s`: wall time of indexing it through the item-embedding pipeline, and documents \
            per second.
            - `queries timed`: personalized `mgdspr` searches timed (the test requests of that world, every round); \
            with few of them p99 is close to the slowest one.
            - `query p50 ms` / `query p99 ms`: median and 99th percentile of their wall time at the client.
            """);
        ReportCharts.writePng(scaleChart(scale), dir.resolve(SCALE_PNG));
        md.append("\n![scale](").append(SCALE_PNG).append(")\n");
    }

    /** p50 and p99 against the catalog size, on a logarithmic size axis. */
    static JFreeChart scaleChart(JsonObject scale) {
        List<double[]> p50 = new ArrayList<>();
        List<double[]> p99 = new ArrayList<>();
        for (Map.Entry<String, JsonElement> entry : scale.entrySet()) {
            JsonObject query = entry.getValue().getAsJsonObject().getAsJsonObject("mgdspr_query");
            double items = Double.parseDouble(entry.getKey());
            p50.add(new double[] {items, query.get("p50Millis").getAsDouble()});
            p99.add(new double[] {items, query.get("p99Millis").getAsDouble()});
        }
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        series.put("p50", p50);
        series.put("p99", p99);
        return ReportCharts.lines("mgdspr query latency by catalog size", "items in the catalog (log scale)",
            "ms per search", series, true);
    }

    private static void table(StringBuilder md, String first, List<String> columns, JsonObject rows) {
        md.append("| ").append(first).append(" | ").append(String.join(" | ", columns)).append(" |\n|---");
        md.append("|---".repeat(columns.size())).append("|\n");
        for (String row : rows.keySet()) {
            md.append("| ").append(row);
            for (String column : columns) {
                JsonElement value = rows.getAsJsonObject(row).get(column);
                md.append(" | ").append(value == null ? "" : String.format(Locale.ROOT, "%.3f", value.getAsDouble()));
            }
            md.append(" |\n");
        }
    }
}
