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

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
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
    static final List<String> QUERY_SPLITS = List.of(MURMUR_SPLIT, MD5_DEVTEST_SPLIT);
    static final String SEEN_TARGETS = "targets clicked in the train split";
    static final String UNSEEN_TARGETS = "targets never clicked in the train split";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "<kind>", completionCandidates = Kinds.class,
        description = "homedepot | simulated | jsonl (required)")
    private String dataset;

    @Option(names = "--judgments", paramLabel = "<file>", description = "homedepot: judgments.csv(.gz)")
    private Path judgments;

    @Option(names = "--products", paramLabel = "<file>",
        description = "homedepot: products.csv(.gz); jsonl: products.jsonl(.gz)")
    private Path products;

    @Option(names = "--test-fraction", paramLabel = "<x>",
        description = "homedepot: share of queries in the test split (default 0.2)")
    private Double testFraction;

    @Option(names = "--split-salt", paramLabel = "<text>",
        description = "homedepot: salt of the query split hash (default none)")
    private String splitSalt;

    @Option(names = "--query-split", paramLabel = "<rule>", completionCandidates = QuerySplits.class,
        description = "homedepot: murmur (default; --test-fraction and --split-salt shape it) or md5-devtest "
            + "(md5(\"devtest:\" + lower-cased query) mod 5 == 0, the issues' reference split)")
    private String querySplit;

    @Option(names = "--requests", paramLabel = "<file>",
        description = "jsonl: requests.jsonl(.gz); train trains on all of them, eval evaluates all of them")
    private Path requests;

    @Option(names = "--labels", paramLabel = "<file>", description = "jsonl: optional graded labels.jsonl(.gz)")
    private Path labels;

    @Option(names = "--good-threshold", paramLabel = "<x>",
        description = "jsonl: grade at or above which an item is good (default 2)")
    private double goodThreshold = 2;

    @Option(names = "--size", paramLabel = "<name>", completionCandidates = SimulationSizes.class,
        description = "simulated: tiny | small | medium | large (500 / 5k / 50k / 500k items; default tiny)")
    private String size;

    @Option(names = "--world-seed", paramLabel = "<n>", description = "simulated: seed of the simulated world "
        + "(default 1)")
    private long worldSeed = 1;

    /** The {@code --dataset} kind. */
    String kind() {
        return Usage.choice(spec, "--dataset", dataset, null, KINDS);
    }

    LoadedData load() {
        String kind = kind();
        JsonObject description = new JsonObject();
        description.addProperty("dataset", kind);
        return switch (kind) {
            case HOMEDEPOT -> homeDepot(description);
            case SIMULATED -> simulated(description);
            default -> jsonLines(description);
        };
    }

    /** The simulated world of {@code --size} and {@code --world-seed}. */
    static SimulationConfig simulation(CommandSpec spec, String size, long worldSeed) {
        return SimulationConfig.ofSize(Usage.choice(spec, "--size", size, "tiny", SimulationConfig.SIZES), worldSeed);
    }

    private LoadedData homeDepot(JsonObject description) {
        Path judgmentsFile = Usage.existingFile(spec, "--judgments", judgments);
        Path productsFile = Usage.existingFile(spec, "--products", products);
        String split = Usage.choice(spec, "--query-split", querySplit, MURMUR_SPLIT, QUERY_SPLITS);
        description.addProperty("judgments", judgmentsFile.toString());
        description.addProperty("products", productsFile.toString());
        description.addProperty("query_split", split);
        HomeDepotLoader loader;
        if (split.equals(MD5_DEVTEST_SPLIT)) {
            if (testFraction != null || splitSalt != null) {
                throw Usage.error(spec, "--test-fraction and --split-salt shape the murmur split only");
            }
            loader = HomeDepotLoader.devtestMd5Split();
        } else {
            double fraction = testFraction == null ? 0.2 : testFraction;
            if (!(fraction >= 0 && fraction <= 1)) {
                throw Usage.error(spec, "option --test-fraction must be in [0, 1] but was " + fraction);
            }
            String salt = splitSalt == null ? "" : splitSalt;
            description.addProperty("test_fraction", fraction);
            description.addProperty("split_salt", salt);
            loader = new HomeDepotLoader(fraction, salt);
        }
        Dataset loaded = loader.load(judgmentsFile, productsFile);
        // Home Depot grades run from 1 (irrelevant) to 3: gain = grade - 1
        return new LoadedData(loaded, description, 1.0, coldStartSegments(loaded), Map.of());
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

    private LoadedData simulated(JsonObject description) {
        SimulationConfig config = simulation(spec, size, worldSeed);
        SimulatedLog log = new WorldSimulator(config).generate();
        description.addProperty("size", size == null ? "tiny" : size);
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

    private LoadedData jsonLines(JsonObject description) {
        Path productsFile = Usage.existingFile(spec, "--products", products);
        Path requestsFile = Usage.existingFile(spec, "--requests", requests);
        RelevanceLabels graded = labels == null ? RelevanceLabels.NONE
            : JsonLinesFormat.readLabels(Usage.existingFile(spec, "--labels", labels), goodThreshold);
        List<SearchRequest> read = JsonLinesFormat.readRequests(requestsFile);
        description.addProperty("products", productsFile.toString());
        description.addProperty("requests", requestsFile.toString());
        return new LoadedData(new Dataset(JsonLinesFormat.readProducts(productsFile), read, read, graded),
            description, 0.0, Map.of(), Map.of());
    }

    /** Completion candidates of {@code --dataset}. */
    static final class Kinds extends ArrayList<String> {
        Kinds() {
            super(KINDS);
        }
    }

    /** Completion candidates of {@code --query-split}. */
    static final class QuerySplits extends ArrayList<String> {
        QuerySplits() {
            super(QUERY_SPLITS);
        }
    }

    /** Completion candidates of {@code --size}. */
    static final class SimulationSizes extends ArrayList<String> {
        SimulationSizes() {
            super(SimulationConfig.SIZES);
        }
    }
}
