package org.mgdspr.model.cli;

import com.google.gson.JsonObject;

import org.mgdspr.model.data.Dataset;
import org.mgdspr.model.data.HomeDepotLoader;
import org.mgdspr.model.data.JsonLinesFormat;
import org.mgdspr.model.data.RelevanceLabels;
import org.mgdspr.model.data.SearchRequest;
import org.mgdspr.model.eval.EvaluationReport;
import org.mgdspr.model.eval.ReferenceRanking;
import org.mgdspr.model.eval.Segment;
import org.mgdspr.model.simulate.ClickOracle;
import org.mgdspr.model.simulate.SimulatedLog;
import org.mgdspr.model.simulate.SimulationConfig;
import org.mgdspr.model.simulate.WorldSimulator;
import org.mgdspr.model.train.TrainingExamples;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** The {@code --dataset} options shared by {@code train} and {@code eval}, and the loading they select. */
final class DatasetOptions {

    static final String HOMEDEPOT = "homedepot";
    static final String SIMULATED = "simulated";
    static final String JSONL = "jsonl";
    static final List<String> KINDS = List.of(HOMEDEPOT, SIMULATED, JSONL);
    static final String MURMUR_SPLIT = "murmur";
    static final String MD5_DEVTEST_SPLIT = "md5-devtest";
    static final String SEEN_TARGETS = "targets clicked in the train split";
    static final String UNSEEN_TARGETS = "targets never clicked in the train split";

    private DatasetOptions() {}

    static List<Option> options() {
        return List.of(
            Option.value("dataset", "kind", "homedepot | simulated | jsonl (required)"),
            Option.value("judgments", "file", "homedepot: judgments.csv(.gz)"),
            Option.value("products", "file", "homedepot: products.csv(.gz); jsonl: products.jsonl(.gz)"),
            Option.value("test-fraction", "x", "homedepot: share of queries in the test split (default 0.2)"),
            Option.value("split-salt", "text", "homedepot: salt of the query split hash (default none)"),
            Option.value("query-split", "rule", "homedepot: murmur (default; --test-fraction and --split-salt shape "
                + "it) or md5-devtest (md5(\"devtest:\" + lower-cased query) mod 5 == 0, the issues' reference split)"),
            Option.value("requests", "file", "jsonl: requests.jsonl(.gz); train trains on all of them, eval "
                + "evaluates all of them"),
            Option.value("labels", "file", "jsonl: optional graded labels.jsonl(.gz)"),
            Option.value("good-threshold", "x", "jsonl: grade at or above which an item is good (default 2)"),
            Option.value("size", "name", "simulated: tiny | small | medium | large (500 / 5k / 50k / 500k items; "
                + "default tiny)"),
            Option.value("world-seed", "n", "simulated: seed of the simulated world (default 1)"));
    }

    static LoadedData load(Arguments arguments) {
        String kind = arguments.choice("dataset", null, KINDS);
        JsonObject description = new JsonObject();
        description.addProperty("dataset", kind);
        return switch (kind) {
            case HOMEDEPOT -> homeDepot(arguments, description);
            case SIMULATED -> simulated(arguments, description);
            default -> jsonLines(arguments, description);
        };
    }

    /** The simulated world of {@code --size} and {@code --world-seed}. */
    static SimulationConfig simulation(Arguments arguments) {
        return SimulationConfig.ofSize(arguments.choice("size", "tiny", SimulationConfig.SIZES),
            arguments.longValue("world-seed", 1));
    }

    private static LoadedData homeDepot(Arguments arguments, JsonObject description) {
        Path judgments = arguments.existingFile("judgments");
        Path products = arguments.existingFile("products");
        String split = arguments.choice("query-split", MURMUR_SPLIT, List.of(MURMUR_SPLIT, MD5_DEVTEST_SPLIT));
        description.addProperty("judgments", judgments.toString());
        description.addProperty("products", products.toString());
        description.addProperty("query_split", split);
        HomeDepotLoader loader;
        if (split.equals(MD5_DEVTEST_SPLIT)) {
            if (arguments.has("test-fraction") || arguments.has("split-salt")) {
                throw new UsageException("--test-fraction and --split-salt shape the murmur split only");
            }
            loader = HomeDepotLoader.devtestMd5Split();
        } else {
            double testFraction = arguments.number("test-fraction", 0.2);
            if (!(testFraction >= 0 && testFraction <= 1)) {
                throw new UsageException("option --test-fraction must be in [0, 1] but was " + testFraction);
            }
            String salt = arguments.string("split-salt", "");
            description.addProperty("test_fraction", testFraction);
            description.addProperty("split_salt", salt);
            loader = new HomeDepotLoader(testFraction, salt);
        }
        Dataset dataset = loader.load(judgments, products);
        // Home Depot grades run from 1 (irrelevant) to 3: gain = grade - 1
        return new LoadedData(dataset, description, 1.0, coldStartSegments(dataset), Map.of());
    }

    /**
     * Recall of the test targets that were a positive of some train-split query and of those that never were: the
     * second is what the towers make of a product from its title alone. The train split includes the slice the
     * trainer holds out for validation, so a few "clicked" targets were only ever validated against.
     */
    private static Map<String, Segment> coldStartSegments(Dataset dataset) {
        Set<String> trained = new HashSet<>();
        for (SearchRequest request : dataset.train()) {
            trained.addAll(TrainingExamples.targets(request));
        }
        Map<String, Segment> segments = new LinkedHashMap<>();
        segments.put(SEEN_TARGETS, Segment.ofTargets(trained::contains));
        segments.put(UNSEEN_TARGETS, Segment.ofTargets(itemId -> !trained.contains(itemId)));
        return segments;
    }

    private static LoadedData simulated(Arguments arguments, JsonObject description) {
        SimulationConfig config = simulation(arguments);
        SimulatedLog log = new WorldSimulator(config).generate();
        description.addProperty("size", arguments.string("size", "tiny"));
        description.addProperty("world_seed", config.seed());
        description.addProperty("items", config.items());
        description.addProperty("users", config.users());
        Predicate<SearchRequest> ambiguous = request -> log.isAmbiguous(SimulatedLog.requestIndex(request.requestId()));
        Map<String, Segment> segments = new LinkedHashMap<>();
        segments.put("ambiguous", Segment.ofRequests(ambiguous));
        segments.put("specific", Segment.ofRequests(ambiguous.negate()));
        Map<String, ReferenceRanking> oracles = new LinkedHashMap<>();
        oracles.put(EvaluationReport.ORACLE, oracle(log, ClickOracle.withPreference(log)));
        oracles.put(EvaluationReport.ORACLE_NO_PREFERENCE, oracle(log, ClickOracle.withoutPreference(log)));
        return new LoadedData(log.dataset(), description, 0.0, segments, oracles);
    }

    private static ReferenceRanking oracle(SimulatedLog log, ClickOracle oracle) {
        return (request, depth) -> oracle.topIds(SimulatedLog.requestIndex(request.requestId()), depth);
    }

    private static LoadedData jsonLines(Arguments arguments, JsonObject description) {
        Path products = arguments.existingFile("products");
        Path requestsFile = arguments.existingFile("requests");
        double threshold = arguments.number("good-threshold", 2);
        RelevanceLabels labels = arguments.has("labels")
            ? JsonLinesFormat.readLabels(arguments.existingFile("labels"), threshold) : RelevanceLabels.NONE;
        List<SearchRequest> requests = JsonLinesFormat.readRequests(requestsFile);
        description.addProperty("products", products.toString());
        description.addProperty("requests", requestsFile.toString());
        return new LoadedData(new Dataset(JsonLinesFormat.readProducts(products), requests, requests, labels),
            description, 0.0, Map.of(), Map.of());
    }
}
