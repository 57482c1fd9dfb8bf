package org.mgdspr.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line options of the end-to-end run; every value is checked when parsed. */
record E2eOptions(String url, String modelId, Path model, String dataset, String size, long worldSeed,
                  Path judgments, Path products, Path out, int requests, int depth, int speedQueries, int rounds,
                  List<Integer> scaleSizes, boolean showcase, String commandLine) {

    static final String USAGE = """
        usage: e2e --model model.zip --model-id ID --out DIR [options]
          --url URL              the node (default http://127.0.0.1:9200); the model must be deployed there
          --dataset NAME         simulated (default) | homedepot: the data the model was trained on
          --size NAME            simulated: tiny | small | medium | large (default small)
          --world-seed N         simulated: seed of the world (default 1)
          --judgments FILE       homedepot: judgments.csv.gz
          --products FILE        homedepot: products.csv.gz
          --requests N           test requests for the quality comparison (default 300)
          --depth K              retrieved items per request, the largest Recall@K (default 1000)
          --speed-queries N      distinct queries per speed run (default 50)
          --rounds N             measured rounds over those queries (default 4)
          --scale N,N,...        catalog sizes of the scale run (default 1000,10000,100000; 0 skips it)
          --showcase             print personalized searches side by side first (the main job)""";

    private static final Set<String> FLAGS = Set.of("showcase");
    private static final Set<String> VALUES = Set.of("url", "model-id", "model", "dataset", "size", "world-seed",
        "judgments", "products", "out", "requests", "depth", "speed-queries", "rounds", "scale");

    static E2eOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name != null && FLAGS.contains(name)) {
                values.put(name, "true");
            } else if (name != null && VALUES.contains(name) && i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
            }
        }
        String dataset = values.getOrDefault("dataset", "simulated");
        if (!List.of("simulated", "homedepot").contains(dataset)) {
            throw new IllegalArgumentException("--dataset must be simulated or homedepot but was " + dataset);
        }
        Path model = Path.of(required(values, "model"));
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("--model " + model + " is not a file");
        }
        List<Integer> scale = Arrays.stream(values.getOrDefault("scale", "1000,10000,100000").split(","))
            .map(text -> positive(text.trim(), "scale", 0)).filter(size -> size > 0).toList();
        return new E2eOptions(values.getOrDefault("url", "http://127.0.0.1:9200"), required(values, "model-id"), model,
            dataset, values.getOrDefault("size", "small"), Long.parseLong(values.getOrDefault("world-seed", "1")),
            dataset.equals("homedepot") ? Path.of(required(values, "judgments")) : null,
            dataset.equals("homedepot") ? Path.of(required(values, "products")) : null,
            Path.of(required(values, "out")), positive(values.getOrDefault("requests", "300"), "requests", 1),
            positive(values.getOrDefault("depth", "1000"), "depth", 1),
            positive(values.getOrDefault("speed-queries", "50"), "speed-queries", 1),
            positive(values.getOrDefault("rounds", "4"), "rounds", 1), scale, values.containsKey("showcase"),
            "e2e " + String.join(" ", args));
    }

    ShopData data() {
        return dataset.equals("homedepot") ? ShopData.homeDepot(judgments, products) : ShopData.simulated(size, worldSeed);
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    /** {@code text} as an integer of at least {@code min}, or a message naming option {@code --name}. */
    static int positive(String text, String name, int min) {
        try {
            int value = Integer.parseInt(text);
            if (value < min) {
                throw new IllegalArgumentException("--" + name + " must be at least " + min + " but was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer but was " + text);
        }
    }
}
