package org.mgdspr.e2e;

import org.mgdspr.model.data.Product;
import org.mgdspr.model.simulate.SimulationConfig;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Ingest through the {@code mgdspr_item_embedding} pipeline against bulk indexing with precomputed vectors, side by
 * side on one live node, for a simulated catalog of any size. The two paths alternate round by round into fresh
 * one-shard indexes, so both see the same machine load; each round's docs/s is printed, then the medians and their
 * ratio (the goal is a pipeline at 0.95x or better). The precomputed vectors come from the node's {@code _embed}
 * endpoint before the first round and are never timed.
 *
 * <p>Usage: {@code IngestBenchmark --model-id ID [--url URL] [--items N] [--rounds R]} (defaults
 * http://127.0.0.1:9200, 100000 items, 3 rounds); the model must be deployed on the node.
 */
public final class IngestBenchmark {

    private static final String PIPELINE_INDEX = "ingest-bench-pipeline";
    private static final String PRECOMPUTED_INDEX = "ingest-bench-precomputed";

    private IngestBenchmark() {}

    private static final List<String> OPTIONS = List.of("--url", "--model-id", "--items", "--rounds");
    private static final String USAGE = "usage: IngestBenchmark --model-id ID [--url URL] [--items N >= 1] "
        + "[--rounds R >= 1]";

    public static void main(String[] args) {
        for (int i = 0; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i]) || i + 1 == args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i] + "; " + USAGE);
            }
        }
        String url = option(args, "url", "http://127.0.0.1:9200");
        String modelId = option(args, "model-id", null);
        int items = Integer.parseInt(option(args, "items", "100000"));
        int rounds = Integer.parseInt(option(args, "rounds", "3"));
        if (modelId == null || items < 1 || rounds < 1) {
            throw new IllegalArgumentException(USAGE);
        }
        NodeClient node = new NodeClient(url);
        List<Product> products = ShopData.simulated(SimulationConfig.scaled(items, 99).withUsers(50))
            .dataset().catalog().products();
        ShopIndexes indexes = new ShopIndexes(node, modelId);
        indexes.createPipeline();
        System.out.printf(Locale.ROOT, "embedding %,d products through _embed for the precomputed path ...%n",
            products.size());
        float[][] vectors = new NodeEmbeddings(node, modelId).items(products);

        double[] precomputed = new double[rounds];
        double[] pipeline = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            indexes.createProductIndex(PRECOMPUTED_INDEX, false);
            precomputed[round] = products.size() / indexes.bulk(PRECOMPUTED_INDEX, products, vectors);
            node.deleteIfExists(PRECOMPUTED_INDEX);
            indexes.createProductIndex(PIPELINE_INDEX, true);
            pipeline[round] = products.size() / indexes.bulk(PIPELINE_INDEX, products, null);
            node.deleteIfExists(PIPELINE_INDEX);
            System.out.printf(Locale.ROOT, "round %d/%d: precomputed vectors %.0f docs/s, pipeline %.0f docs/s "
                + "(%.2fx)%n", round + 1, rounds, precomputed[round], pipeline[round], pipeline[round] / precomputed[round]);
        }
        double precomputedMedian = median(precomputed);
        double pipelineMedian = median(pipeline);
        System.out.printf(Locale.ROOT, "ingest of %,d items, bulks of %d, median of %d rounds: precomputed vectors "
                + "%.0f docs/s, mgdspr_item_embedding pipeline %.0f docs/s: pipeline at %.2fx (goal >= 0.95x)%n",
            products.size(), ShopIndexes.BULK_DOCS, rounds, precomputedMedian, pipelineMedian,
            pipelineMedian / precomputedMedian);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--" + name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
