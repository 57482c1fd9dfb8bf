package org.mgdspr.e2e;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.mgdspr.model.eval.EvaluationReport;
import org.mgdspr.model.report.PngCharts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the end-to-end results as {@code report.json}, {@code report.md} and PNG charts. */
final class ReportWriter {

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
        quality(dir, results.getAsJsonObject("quality"), md);
        ingest(results.getAsJsonObject("ingest"), md);
        speed(dir, results.getAsJsonObject("speed"), md);
        memory(results.getAsJsonObject("memory"), md);
        scale(dir, results.getAsJsonObject("scale"), md);
        Files.writeString(dir.resolve("report.md"), md.toString());
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
        PngCharts.groupedBars(dir.resolve("quality.png"), "Quality on the live node", bars);
        md.append("\n![quality](quality.png)\n\n");
        if (!quality.getAsJsonObject("segments").isEmpty()) {
            JsonObject segments = quality.getAsJsonObject("segments");
            for (String segment : segments.keySet()) {
                md.append("Segment `").append(segment).append("`:\n\n");
                table(md, "system", List.of("recall@10", "recall@100", "p_good@10", "ndcg@10"),
                    segments.getAsJsonObject(segment));
                md.append('\n');
            }
        }
        if (quality.has("gap_closed")) {
            headroom(quality, md);
        }
    }

    /**
     * With context, without, the oracle that knows each simulated user's true taste, and the share of the gap
     * between the model without context and the oracle that the context closes.
     */
    private static void headroom(JsonObject quality, StringBuilder md) {
        md.append("Personalization headroom: `oracle` ranks the whole catalog by the simulator's click model with the "
            + "user's true taste, `oracle_no_preference` by the query's ground truth alone (neither runs on the node); "
            + "gap closed = (mgdspr - mgdspr_no_user) / (oracle - mgdspr_no_user).\n\n"
            + "| requests | recall | with context | without | oracle | oracle without preference | gap closed |\n"
            + "|---|---|---|---|---|---|---|\n");
        JsonObject gaps = quality.getAsJsonObject("gap_closed");
        for (String segment : gaps.keySet()) {
            JsonObject bySystem = segment.equals("all") ? quality.getAsJsonObject("systems")
                : quality.getAsJsonObject("segments").getAsJsonObject(segment);
            for (String metric : gaps.getAsJsonObject(segment).keySet()) {
                JsonElement share = gaps.getAsJsonObject(segment).get(metric);
                md.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.3f | %.3f | %s |%n", segment,
                    metric, value(bySystem, RetrievalSystem.MGDSPR.label, metric),
                    value(bySystem, RetrievalSystem.MGDSPR_NO_USER.label, metric),
                    value(bySystem, EvaluationReport.ORACLE, metric),
                    value(bySystem, EvaluationReport.ORACLE_NO_PREFERENCE, metric),
                    share.isJsonNull() ? "no gap" : String.format(Locale.ROOT, "%.0f%%", 100 * share.getAsDouble())));
            }
        }
        md.append('\n');
    }

    private static double value(JsonObject bySystem, String system, String metric) {
        return bySystem != null && bySystem.has(system) ? bySystem.getAsJsonObject(system).get(metric).getAsDouble()
            : Double.NaN;
    }

    private static void ingest(JsonObject ingest, StringBuilder md) {
        md.append(String.format(Locale.ROOT, "## Ingest (%,d documents, one client, bulks of 500, best of two alternating runs)%n%n"
                + "| path | docs/s |%n|---|---|%n| precomputed vectors, no pipeline | %.0f |%n"
                + "| `mgdspr_item_embedding` pipeline | %.0f |%n%nPipeline overhead: %+.0f%% (goal: at most 15%%).%n%n",
            ingest.get("documents").getAsInt(), ingest.get("precomputed_docs_per_s").getAsDouble(),
            ingest.get("pipeline_docs_per_s").getAsDouble(), 100 * ingest.get("pipeline_overhead").getAsDouble()));
    }

    private static void speed(Path dir, JsonObject speed, StringBuilder md) throws IOException {
        md.append("## Query speed (k = 100, user contexts at the model's limits)\n\n");
        md.append("| clients | system | p50 ms | p99 ms | queries/s |\n|---|---|---|---|---|\n");
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        for (String clients : List.of("1_clients", "4_clients")) {
            JsonObject bySystem = speed.getAsJsonObject(clients);
            for (String system : bySystem.keySet()) {
                JsonObject stats = bySystem.getAsJsonObject(system);
                md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f |%n", clients.charAt(0), system,
                    stats.get("p50Millis").getAsDouble(), stats.get("p99Millis").getAsDouble(),
                    stats.get("throughputPerSecond").getAsDouble()));
                bars.computeIfAbsent(system, s -> new LinkedHashMap<>())
                    .put("p50 ms, " + clients.charAt(0) + " client(s)", stats.get("p50Millis").getAsDouble());
            }
        }
        JsonObject tower = speed.getAsJsonObject("user_tower_on_node");
        JsonObject window = speed.getAsJsonObject("user_tower_during_mgdspr");
        JsonObject oneClient = speed.getAsJsonObject("1_clients");
        double knn = oneClient.getAsJsonObject(RetrievalSystem.PLAIN_KNN.label).get("p50Millis").getAsDouble();
        double mgdspr = oneClient.getAsJsonObject(RetrievalSystem.MGDSPR.label).get("p50Millis").getAsDouble();
        double towerMean = window.get("mean_millis").getAsDouble();
        md.append(String.format(Locale.ROOT, "%nUser tower on the node since it started: %s. During the one-client "
            + "`mgdspr` run it took %.1f ms on average (%d calls, the same queries and contexts as the plain `knn` "
            + "run). `mgdspr` p50 %.1f ms vs plain `knn` p50 %.1f ms + that %.1f ms = %.1f ms (goal: within +10%%, "
            + "i.e. %.1f ms); the user tower is %.0f%% of the `mgdspr` p50.%n%n", tower, towerMean,
            window.get("calls").getAsLong(), mgdspr, knn, towerMean, knn + towerMean, 1.1 * (knn + towerMean),
            100 * towerMean / mgdspr));
        PngCharts.groupedBars(dir.resolve("latency.png"), "Query p50 latency (ms)", bars);
        md.append("![latency](latency.png)\n\n");
    }

    private static void memory(JsonObject memory, StringBuilder md) {
        md.append("## Memory\n\n```\n").append(new GsonBuilder().setPrettyPrinting().create().toJson(memory))
            .append("\n```\n\n");
    }

    private static void scale(Path dir, JsonObject scale, StringBuilder md) throws IOException {
        if (scale.isEmpty()) {
            return;
        }
        md.append("## Scale (simulated catalogs, pipeline ingest, `mgdspr` query with one client)\n\n");
        // the scale worlds have few test requests: with n timed queries, p99 is close to the maximum
        md.append("| items | ingest s | docs/s | queries timed | query p50 ms | query p99 ms |\n"
            + "|---|---|---|---|---|---|\n");
        List<double[]> p50 = new ArrayList<>();
        List<double[]> p99 = new ArrayList<>();
        for (Map.Entry<String, JsonElement> entry : scale.entrySet()) {
            JsonObject point = entry.getValue().getAsJsonObject();
            JsonObject query = point.getAsJsonObject("mgdspr_query");
            double items = Double.parseDouble(entry.getKey());
            md.append(String.format(Locale.ROOT, "| %,d | %.1f | %.0f | %d | %.1f | %.1f |%n", (long) items,
                point.get("ingest_seconds").getAsDouble(), point.get("ingest_docs_per_s").getAsDouble(),
                query.get("requests").getAsInt(), query.get("p50Millis").getAsDouble(),
                query.get("p99Millis").getAsDouble()));
            p50.add(new double[] {items, query.get("p50Millis").getAsDouble()});
            p99.add(new double[] {items, query.get("p99Millis").getAsDouble()});
        }
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        series.put("p50 ms", p50);
        series.put("p99 ms", p99);
        PngCharts.lines(dir.resolve("scale.png"), "mgdspr query latency by catalog size", "items", series);
        md.append("\n![scale](scale.png)\n");
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
