package org.mgdspr.e2e;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes a chaos run's figures as {@code report.json} and {@code report.md}, the latter opening with which of the
 * three acceptance points held, judged from the figures alone.
 */
final class ChaosReport {

    private ChaosReport() {}

    static void write(Path dir, JsonObject results, String command) throws IOException {
        Files.createDirectories(dir);
        results.addProperty("command", command);
        results.add("acceptance", acceptance(results));
        Files.writeString(dir.resolve("report.json"), new GsonBuilder().setPrettyPrinting().create().toJson(results));
        JsonObject setup = results.getAsJsonObject("setup");
        StringBuilder md = new StringBuilder("# Chaos run: one node killed with SIGKILL under query and bulk load\n\n");
        md.append("Produced by `").append(command).append("`.\n\n").append(String.format(Locale.ROOT,
            "%d nodes; index `%s` with %d shards and %d replica(s) holding %d products (%s) indexed through the "
                + "`mgdspr_item_embedding` pipeline of model `%s`. Load: %d `mgdspr` query clients without think time "
                + "(%d distinct queries with user context, k = %d) and one writer bulk-indexing 50 new documents "
                + "through the pipeline every 0.1 s, all through the nodes that stay up, after one search and one "
                + "`_embed` call on every node have loaded the model there. `%s` (copies %s; the elected "
                + "cluster manager was `%s`) is killed with SIGKILL, restarted by the cluster script %d s later, "
                + "and the outage lasts until the cluster is green again.%n%n",
            setup.get("nodes").getAsInt(), setup.get("index").getAsString(), setup.get("shards").getAsInt(),
            setup.get("replicas").getAsInt(), setup.get("catalog_documents").getAsInt(),
            results.get("data").getAsString(), results.get("model_id").getAsString(),
            setup.get("query_clients").getAsInt(), setup.get("distinct_queries").getAsInt(), setup.get("k").getAsInt(),
            setup.get("killed_node").getAsString(), setup.get("killed_node_shards"),
            setup.get("cluster_manager_before_kill").getAsString(), setup.get("down_seconds").getAsInt()));
        md.append("## Acceptance\n\n| point | held | evidence |\n|---|---|---|\n");
        results.getAsJsonObject("acceptance").entrySet().forEach(point -> md.append("| ").append(point.getKey())
            .append(" | ").append(point.getValue().getAsJsonObject().get("held").getAsBoolean() ? "yes" : "**no**")
            .append(" | ").append(point.getValue().getAsJsonObject().get("evidence").getAsString()).append(" |\n"));
        md.append(String.format(Locale.ROOT, "%nOutage (kill until the restart script saw the cluster green, exit "
            + "status %d): %.1f s. The machine's load average was %.1f at the kill and %.1f at the end (2 cores "
            + "shared with other work). Requests abandoned unanswered %d s after the load stopped: %d. Each request "
            + "counts in the phase it started in, except those that started before the kill and ended after it: they "
            + "have their own row. A search that comes back with failed shards is an error (`partial results`), and "
            + "so is a bulk with refused items.%n", results.get("restart_exit_status").getAsInt(),
            results.get("outage_seconds").getAsDouble(), results.get("load_average_at_kill").getAsDouble(),
            results.get("load_average_at_end").getAsDouble(), results.get("grace_seconds").getAsLong(),
            results.get("abandoned_requests").getAsInt()));
        phases(md, "Queries (`mgdspr`, by start time)", results.getAsJsonObject("queries"), setup);
        phases(md, "Bulk requests (50 documents each, through the pipeline)", results.getAsJsonObject("bulks"), setup);
        md.append("\n## Documents after the run (refresh, then multi-get by id without realtime)\n\n");
        keyValues(md, results.getAsJsonObject("documents"));
        md.append("\n## The restarted node\n\n");
        keyValues(md, results.getAsJsonObject("restarted_node"));
        Files.writeString(dir.resolve("report.md"), md.toString());
    }

    private static JsonObject acceptance(JsonObject results) {
        JsonObject queries = results.getAsJsonObject("queries");
        long answeredDuring = queries.getAsJsonObject("during").get("answered").getAsLong();
        long failed = failures(queries, "during") + failures(queries, "after");
        JsonObject atKill = queries.getAsJsonObject("in flight at the kill");
        JsonObject acceptance = new JsonObject();
        acceptance.add("queries keep answering through replicas", point(
            answeredDuring > 0 && failed == 0 && results.get("abandoned_requests").getAsInt() == 0,
            String.format(Locale.ROOT, "%d queries answered in full during the outage; %d of those started during "
                + "or after it failed; longest stretch without an answer during it %.1f s; of the %d in flight at the "
                + "kill, %d failed (types below)", answeredDuring, failed,
                queries.getAsJsonObject("during").get("longest_gap_without_answer_s").getAsDouble(),
                atKill.get("requests").getAsLong(), failures(queries, "in flight at the kill"))));
        JsonObject docs = results.getAsJsonObject("documents");
        long missing = docs.get("acknowledged_missing").getAsLong();
        long count = docs.get("count_after_refresh").getAsLong();
        boolean counted = count >= docs.get("count_expected_at_least").getAsLong()
            && count == docs.get("count_with_vector").getAsLong();
        acceptance.add("no acknowledged document lost", point(missing == 0 && counted,
            String.format(Locale.ROOT, "%d acknowledged, %d of them missing; %d documents counted (at least %d "
                + "expected), %d with a vector", docs.get("acknowledged").getAsLong(), missing, count,
                docs.get("count_expected_at_least").getAsLong(), docs.get("count_with_vector").getAsLong())));
        JsonObject node = results.getAsJsonObject("restarted_node");
        if (node.has("error")) {
            acceptance.add("the restarted node serves the model again", point(false, String.format(Locale.ROOT,
                "the restart script ended with status %d; checking the node failed: %s",
                results.get("restart_exit_status").getAsInt(), node.get("error").getAsString())));
            return acceptance;
        }
        JsonObject after = node.getAsJsonObject("model_after_checks");
        String difference = node.keySet().stream().filter(key -> key.startsWith("top10_max_score_difference"))
            .findFirst().orElseThrow();
        acceptance.add("the restarted node serves the model again", point(node.get("search_hits").getAsInt() > 0
                && node.get("search_failed_shards").getAsInt() == 0 && node.get("embed_vector_dimension").getAsInt() > 0
                && after.get("loaded").getAsBoolean() && after.get("user_tower_calls").getAsLong() > 0,
            String.format(Locale.ROOT, "search coordinated by it on its own copies %s: %d hits, %d failed shards, "
                + "%s %.2g; _embed on it: dimension %d; its stats then: model loaded %s, user tower calls %d",
                node.get("shards_after_restart"), node.get("search_hits").getAsInt(),
                node.get("search_failed_shards").getAsInt(), difference.replace('_', ' '),
                node.get(difference).getAsDouble(), node.get("embed_vector_dimension").getAsInt(),
                after.get("loaded").getAsBoolean(), after.get("user_tower_calls").getAsLong())));
        return acceptance;
    }

    private static long failures(JsonObject phases, String phase) {
        JsonObject json = phases.getAsJsonObject(phase);
        return json.get("requests").getAsLong() - json.get("answered").getAsLong();
    }

    private static JsonObject point(boolean held, String evidence) {
        JsonObject json = new JsonObject();
        json.addProperty("held", held);
        json.addProperty("evidence", evidence);
        return json;
    }

    private static void phases(StringBuilder md, String title, JsonObject phases, JsonObject setup) {
        md.append("\n## ").append(title)
            .append("\n\n| phase | seconds | requests | answered | errors by type | slow (> ")
            .append(setup.get("slow_ms").getAsLong())
            .append(" ms) | p50 ms | p99 ms | answers/s | longest gap s |\n")
            .append("|---|---|---|---|---|---|---|---|---|---|\n");
        phases.entrySet().forEach(entry -> {
            JsonObject phase = entry.getValue().getAsJsonObject();
            String errors = phase.getAsJsonObject("errors").entrySet().stream()
                .map(error -> error.getKey() + ": " + error.getValue()).collect(Collectors.joining("; "));
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s | %d | %s | %s | %s | %s |%n",
                entry.getKey(), figure(phase, "seconds"), phase.get("requests").getAsLong(),
                phase.get("answered").getAsLong(), errors.isEmpty() ? "none" : errors, phase.get("slow").getAsLong(),
                figure(phase, "p50_ms"), figure(phase, "p99_ms"), figure(phase, "answers_per_s"),
                figure(phase, "longest_gap_without_answer_s")));
        });
        phases.entrySet().forEach(entry -> entry.getValue().getAsJsonObject().getAsJsonObject("error_examples")
            .entrySet().forEach(example -> md.append("\n").append(entry.getKey()).append(", ").append(example.getKey())
                .append(", first: `").append(example.getValue().getAsString()).append("`\n")));
    }

    private static String figure(JsonObject phase, String name) {
        return phase.has(name) ? String.format(Locale.ROOT, "%.1f", phase.get(name).getAsDouble()) : "-";
    }

    private static void keyValues(StringBuilder md, JsonObject json) {
        json.entrySet().forEach(entry -> {
            JsonElement value = entry.getValue();
            md.append("- ").append(entry.getKey().replace('_', ' ')).append(": `")
                .append(value.isJsonPrimitive() ? value.getAsString() : value.toString()).append("`\n");
        });
    }
}
