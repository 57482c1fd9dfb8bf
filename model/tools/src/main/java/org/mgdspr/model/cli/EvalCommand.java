package org.mgdspr.model.cli;

import com.google.gson.JsonObject;

import org.mgdspr.model.artifact.MgdsprArtifact;
import org.mgdspr.model.artifact.ModelArtifact;
import org.mgdspr.model.data.SearchRequest;
import org.mgdspr.model.eval.BrandBoost;
import org.mgdspr.model.eval.EvaluationOptions;
import org.mgdspr.model.eval.EvaluationReport;
import org.mgdspr.model.eval.RetrievalEvaluator;
import org.mgdspr.model.report.EvaluationReportWriter;
import org.mgdspr.model.train.TrainingCurve;
import org.mgdspr.model.twotower.TwoTowerModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code mgdspr eval}: model vs BM25 vs the model without user context, on a dataset's test split; on the simulated
 * shop also the oracles that know each user's true taste, and how much of the gap to them the user context closes.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = Mgdspr.Version.class,
    description = "evaluate a model artifact against the full catalog (Recall@K, P_good, nDCG@10, Num_prank) beside "
        + "BM25")
final class EvalCommand implements Callable<Integer> {

    private static final List<String> SPLITS = List.of("test", "train", "all");
    private static final String AUTO = "auto";

    private final Streams streams;

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "<model.zip>", required = true, description = "model artifact (required)")
    private Path model;

    @Mixin
    private DatasetOptions data;

    @Option(names = "--split", paramLabel = "<name>", completionCandidates = Splits.class,
        description = "requests to evaluate: test | train | all (default test)")
    private String split;

    @Option(names = "--cutoffs", paramLabel = "<k,k,..>", description = "the K values (default 10,100,1000)")
    private String cutoffs = "10,100,1000";

    @Option(names = "--json", paramLabel = "<file>", description = "write the metrics as JSON here")
    private Path json;

    @Option(names = "--report", paramLabel = "<dir>", description = "write report.md and PNG plots into this directory")
    private Path reportDir;

    @Option(names = "--no-bm25", description = "skip the BM25 baseline")
    private boolean noBm25;

    @Option(names = "--teacher", paramLabel = "<name|dir>",
        description = "also evaluate this teacher zero-shot (" + TeacherOptions.TEACHER_HELP + ")")
    private String teacher;

    @Option(names = "--teacher-cache", paramLabel = "<dir>", description = TeacherOptions.CACHE_HELP)
    private Path teacherCache;

    @Option(names = "--brand-boost", paramLabel = "<weight|auto>",
        description = "also evaluate the model's hits re-ordered by the personal brand boost of this weight: each "
            + "candidate's k-NN score plus weight x its brand's share of the user's real-time and short-term items; "
            + "auto: the weight the trainer fitted for the model (0 when no boost helped its validation requests)")
    private String brandBoost;

    @Option(names = "--brand-boost-candidates", paramLabel = "<n>",
        description = "how many of the model's hits the brand boost re-orders, at least the largest cutoff (default "
            + "three times it, as the mgdspr query's brand_boost.candidates defaults to three times its k)")
    private Integer brandBoostCandidates;

    @Mixin
    private ThreadOptions threads;

    EvalCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() throws Exception {
        threads.apply();
        PrintStream out = streams.out();
        Path modelFile = Usage.existingFile(spec, "--model", model);
        String chosenSplit = Usage.choice(spec, "--split", split, "test", SPLITS);
        int[] ks = cutoffs(spec, cutoffs);
        int depth = Arrays.stream(ks).max().orElseThrow();
        Double boostWeight = brandBoostWeight(spec, brandBoost, brandBoostCandidates, depth);
        if (json == null && reportDir == null) {
            streams.err().println("note: neither --json nor --report given; metrics go to stdout only");
        }
        MgdsprArtifact artifact = MgdsprArtifact.read(modelFile);
        BrandBoost boost = brandBoost(boostWeight, depth, artifact);
        LoadedData loaded = data.load();
        List<SearchRequest> requests = switch (chosenSplit) {
            case "test" -> loaded.dataset().test();
            case "train" -> loaded.dataset().train();
            default -> {
                List<SearchRequest> all = new ArrayList<>(loaded.dataset().train());
                all.addAll(loaded.dataset().test());
                yield all;
            }
        };
        if (requests.isEmpty()) {
            throw Usage.error(spec, "the " + chosenSplit + " split of this dataset has no requests");
        }
        EvaluationOptions options = new EvaluationOptions(ks, loaded.gainOffset(), !noBm25, true);
        EvaluationReport report;
        try (TwoTowerModel towers = artifact.loadModel();
             TeacherOptions opened = teacher == null ? null : TeacherOptions.open(spec, teacher, teacherCache)) {
            report = new RetrievalEvaluator(options, opened == null ? null : opened.teacher(),
                artifact.fittedFusion().orElse(null), boost).evaluate(towers, artifact.encoder(),
                loaded.dataset().catalog(), requests, loaded.dataset().labels(), artifact.keyTerms(),
                loaded.segments(), loaded.references());
        }
        JsonObject extra = new JsonObject();
        JsonObject about = loaded.description().deepCopy();
        about.addProperty("split", chosenSplit);
        about.addProperty("model", modelFile.toString());
        String modelSha256 = ModelArtifact.sha256(Files.readAllBytes(modelFile));
        about.addProperty("model_sha256", modelSha256);
        artifact.fittedFusion().ifPresent(fusion -> about.addProperty("fitted_fusion", fusion.describe()));
        if (boost != null) {
            about.addProperty("brand_boost_weight", boost.weight());
        }
        extra.add("evaluation", about);
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(json, report.toJsonString(extra), StandardCharsets.UTF_8);
        }
        if (reportDir != null) {
            JsonObject training = artifact.training();
            TrainingCurve curve = training.has("curve") ? TrainingCurve.fromJson(training.getAsJsonObject("curve"))
                : null;
            EvaluationReportWriter.write(reportDir, "MGDSPR evaluation",
                "Model `" + modelFile + "` (sha256 `" + modelSha256 + "`), data " + about + ".", report, curve);
        }
        for (Map.Entry<String, Map<String, Double>> system : report.systems().entrySet()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-15s", system.getKey()));
            system.getValue().forEach((metric, value) -> {
                if (metric.startsWith("recall@") || metric.startsWith("ndcg@") || metric.startsWith("num_prank@")) {
                    line.append(String.format(Locale.ROOT, "  %s %.4f", metric, value));
                }
            });
            out.println(line);
        }
        if (report.systems().containsKey(EvaluationReport.ORACLE)) {
            gapLines(report, out);
        }
        return Mgdspr.OK;
    }

    /**
     * The weight {@code --brand-boost} gives, checked before anything is read: null when it is absent or
     * {@code auto}, which {@link #brandBoost} resolves with the model.
     */
    private static Double brandBoostWeight(CommandSpec spec, String option, Integer candidates, int depth) {
        if (option == null) {
            if (candidates != null) {
                throw Usage.error(spec, "option --brand-boost-candidates needs --brand-boost");
            }
            return null;
        }
        if (candidates != null && candidates < depth) {
            throw Usage.error(spec, "option --brand-boost-candidates must be at least the largest cutoff (" + depth
                + ") but was " + candidates);
        }
        if (option.equals(AUTO)) {
            return null;
        }
        double weight;
        try {
            weight = Double.parseDouble(option);
        } catch (NumberFormatException e) {
            weight = Double.NaN;
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw Usage.error(spec, "option --brand-boost must be a positive number or " + AUTO + " but was " + option);
        }
        return weight;
    }

    private BrandBoost brandBoost(Double weight, int depth, MgdsprArtifact artifact) {
        if (brandBoost == null) {
            return null;
        }
        if (weight == null) {
            Optional<Double> fitted = artifact.fittedBrandBoostWeight();
            if (fitted.isEmpty()) {
                throw Usage.error(spec, "option --brand-boost is " + AUTO + " but the model has no fitted brand boost "
                    + "(it was trained without validation requests, on a catalog or contexts without brands, or "
                    + "before brand boost fitting existed)");
            }
            weight = fitted.get();
        }
        return new BrandBoost(weight, brandBoostCandidates == null ? 3 * depth : brandBoostCandidates);
    }

    /** Per segment and recall: with context, without, the oracle, and the share of the gap the context closes. */
    private static void gapLines(EvaluationReport report, PrintStream out) {
        List<String> segments = new ArrayList<>();
        segments.add(null);
        segments.addAll(report.segments().keySet());
        for (String segment : segments) {
            Map<String, Map<String, Double>> bySystem = segment == null ? report.systems()
                : report.segments().get(segment);
            if (!bySystem.containsKey(EvaluationReport.ORACLE)) {
                continue;
            }
            for (String metric : bySystem.get(EvaluationReport.MODEL).keySet()) {
                if (metric.startsWith("recall@")) {
                    out.printf(Locale.ROOT, "%-15s  %s with context %.4f, without %.4f, oracle %.4f (without "
                            + "preference %.4f): the context closes %.0f%% of the gap%n",
                        segment == null ? "all" : segment, metric, value(bySystem, EvaluationReport.MODEL, metric),
                        value(bySystem, EvaluationReport.NO_USER, metric),
                        value(bySystem, EvaluationReport.ORACLE, metric),
                        value(bySystem, EvaluationReport.ORACLE_NO_PREFERENCE, metric),
                        100 * report.gapClosed(segment, metric));
                    if (bySystem.containsKey(EvaluationReport.BRAND_BOOST)) {
                        out.printf(Locale.ROOT, "%-15s  %s with the brand boost %.4f: closes %.0f%% of the gap%n",
                            segment == null ? "all" : segment, metric,
                            value(bySystem, EvaluationReport.BRAND_BOOST, metric),
                            100 * report.gapClosed(EvaluationReport.BRAND_BOOST, segment, metric));
                    }
                }
            }
        }
    }

    private static double value(Map<String, Map<String, Double>> bySystem, String system, String metric) {
        return bySystem.getOrDefault(system, Map.of()).getOrDefault(metric, Double.NaN);
    }

    static int[] cutoffs(CommandSpec spec, String text) {
        try {
            int[] values = Arrays.stream(text.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
            for (int k : values) {
                if (k < 1) {
                    throw Usage.error(spec, "option --cutoffs needs positive integers but has " + k);
                }
            }
            return values;
        } catch (NumberFormatException e) {
            throw Usage.error(spec, "option --cutoffs needs comma-separated integers but got [" + text + "]");
        }
    }

    /** Completion candidates of {@code --split}. */
    static final class Splits extends ArrayList<String> {
        Splits() {
            super(SPLITS);
        }
    }
}
