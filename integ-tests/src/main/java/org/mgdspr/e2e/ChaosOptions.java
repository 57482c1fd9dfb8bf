package org.mgdspr.e2e;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Command-line options of the chaos run; every value is checked when parsed. */
record ChaosOptions(int httpPort, int nodes, int killNode, Path clusterScript, String clusterName, String modelId,
                    String size, long worldSeed, int clients, int beforeSeconds, int downSeconds, int afterSeconds,
                    int shards, int replicas, long slowMillis, Path out, String command) {

    static final String USAGE = """
        usage: chaos-run --http-port P --cluster-script PATH --cluster-name NAME --model-id ID --out DIR [options]
          --http-port P          HTTP port of node 0; node i listens on P + i
          --nodes N              nodes of the cluster (default 3)
          --kill-node I          the node killed with SIGKILL and restarted (default 2)
          --cluster-script PATH  integ-tests/bin/opensearch-cluster, which restarts the node
          --cluster-name NAME    the cluster's name for that script
          --model-id ID          the deployed model, trained on the simulated world below
          --size NAME            simulated world: tiny | small | medium | large (default tiny)
          --world-seed N         simulated world's seed (default 1)
          --clients N            query clients without think time (default 4)
          --before S             seconds of load before the kill (default 30)
          --down S               seconds the node stays dead before its restart (default 20)
          --after S              seconds of load after the cluster is green again (default 30)
          --shards N             primaries of the product index (default 3)
          --replicas N           replicas of each primary, at least 1 (default 1)
          --slow-ms N            requests slower than this count as slow (default 5000)
          --command TEXT         the command line to record in the report (default: these arguments)""";

    private static final List<String> NAMES = List.of("http-port", "nodes", "kill-node", "cluster-script",
        "cluster-name", "model-id", "size", "world-seed", "clients", "before", "down", "after", "shards", "replicas",
        "slow-ms", "out", "command");

    static ChaosOptions parse(String[] args) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("every option takes one value: " + String.join(" ", args));
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            values.put(name, args[i + 1]);
        }
        int nodes = number(values, "nodes", "3", 2);
        int killNode = number(values, "kill-node", "2", 0);
        if (killNode >= nodes) {
            throw new IllegalArgumentException("--kill-node must be below --nodes " + nodes + " but was " + killNode);
        }
        int replicas = number(values, "replicas", "1", 1);
        if (replicas >= nodes) {
            throw new IllegalArgumentException("--replicas must be below --nodes " + nodes + " but was " + replicas);
        }
        return new ChaosOptions(number(values, "http-port", null, 1), nodes, killNode,
            Path.of(required(values, "cluster-script")), required(values, "cluster-name"), required(values, "model-id"),
            values.getOrDefault("size", "tiny"), number(values, "world-seed", "1", 0),
            number(values, "clients", "4", 1),
            number(values, "before", "30", 1), number(values, "down", "20", 0), number(values, "after", "30", 1),
            number(values, "shards", "3", 1), replicas, number(values, "slow-ms", "5000", 1),
            Path.of(required(values, "out")), values.getOrDefault("command", "chaos-run " + String.join(" ", args)));
    }

    String url(int node) {
        return "http://127.0.0.1:" + (httpPort + node);
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static int number(Map<String, String> values, String name, String fallback, int min) {
        String text = fallback == null ? required(values, name) : values.getOrDefault(name, fallback);
        return E2eOptions.positive(text, name, min);
    }
}
