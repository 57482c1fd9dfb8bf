package org.mgdspr.model.cli;

import com.google.gson.JsonObject;

import org.mgdspr.model.artifact.MgdsprArtifact;
import org.mgdspr.model.artifact.ModelArtifact;
import org.mgdspr.model.data.SearchRequest;
import org.mgdspr.model.eval.EvaluationOptions;
import org.mgdspr.model.eval.EvaluationReport;
import org.mgdspr.model.eval.RetrievalEvaluator;
import org.mgdspr.model.report.EvaluationReportWriter;
import org.mgdspr.model.train.TrainingCurve;
import org.mgdspr.model.twotower.TwoTowerModel;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code mgdspr eval}: model vs BM25 vs the model without user context, on a dataset's test split; on the simulated
 * shop also the oracles that know each user's true taste, and how much of the gap to them the user context closes.
 */
final class EvalCommand implements Command {

    private static final List<String> SPLITS = List.of("test", "train", "all");

    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String summary() {
        return "evaluate a model artifact against the full catalog (Recall@K, P_good, nDCG@10, Num_prank) beside BM25";
    }

    @Override
    public List<Option> options() {
        List<Option> options = new ArrayList<>();
        options.add(Option.value("model", "model.zip", "model artifact (required)"));
        options.addAll(DatasetOptions.options());
        options.add(Option.value("split", "name", "requests to evaluate: test | train | all (default test)"));
        options.add(Option.value("cutoffs", "k,k,..", "the K values (default 10,100,1000)"));
        options.add(Option.value("json", "file", "write the metrics as JSON here"));
        options.add(Option.value("report", "dir", "write report.md and PNG plots into this directory"));
        options.add(Option.flag("no-bm25", "skip the BM25 baseline"));
        options.add(TeacherOptions.evalOption());
        options.add(TeacherOptions.cacheOption());
        options.add(ModelOptions.threadsOption());
        return options;
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws Exception {
        ModelOptions.applyThreads(arguments);
        Path modelFile = arguments.existingFile("model");
        String split = arguments.choice("split", "test", SPLITS);
        int[] cutoffs = cutoffs(arguments.string("cutoffs", "10,100,1000"));
        if (!arguments.has("json") && !arguments.has("report")) {
            err.println("note: neither --json nor --report given; metrics go to stdout only");
        }
        MgdsprArtifact artifact = MgdsprArtifact.read(modelFile);
        LoadedData data = DatasetOptions.load(arguments);
        List<SearchRequest> requests = switch (split) {
            case "test" -> data.dataset().test();
            case "train" -> data.dataset().train();
            default -> {
                List<SearchRequest> all = new ArrayList<>(data.dataset().train());
                all.addAll(data.dataset().test());
                yield all;
            }
        };
        if (requests.isEmpty()) {
            throw new UsageException("the " + split + " split of this dataset has no requests");
        }
        EvaluationOptions options = new EvaluationOptions(cutoffs, data.gainOffset(), !arguments.flag("no-bm25"), true);
        EvaluationReport report;
        try (TwoTowerModel model = artifact.loadModel(); TeacherOptions teacher = TeacherOptions.forEvaluation(arguments)) {
            report = new RetrievalEvaluator(options, teacher == null ? null : teacher.teacher(),
                artifact.fittedFusion().orElse(null)).evaluate(model, data.dataset().catalog(), requests,
                data.dataset().labels(), artifact.keyTerms(), data.segments(), data.references());
        }
        JsonObject extra = new JsonObject();
        JsonObject about = data.description().deepCopy();
        about.addProperty("split", split);
        about.addProperty("model", modelFile.toString());
        String modelSha256 = ModelArtifact.sha256(Files.readAllBytes(modelFile));
        about.addProperty("model_sha256", modelSha256);
        artifact.fittedFusion().ifPresent(fusion -> about.addProperty("fitted_fusion", fusion.describe()));
        extra.add("evaluation", about);
        if (arguments.has("json")) {
            Path json = arguments.path("json");
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(json, report.toJsonString(extra), StandardCharsets.UTF_8);
        }
        if (arguments.has("report")) {
            JsonObject training = artifact.training();
            TrainingCurve curve = training.has("curve") ? TrainingCurve.fromJson(training.getAsJsonObject("curve"))
                : null;
            EvaluationReportWriter.write(arguments.path("report"), "MGDSPR evaluation",
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
        return 0;
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
                }
            }
        }
    }

    private static double value(Map<String, Map<String, Double>> bySystem, String system, String metric) {
        return bySystem.getOrDefault(system, Map.of()).getOrDefault(metric, Double.NaN);
    }

    static int[] cutoffs(String text) {
        try {
            int[] values = Arrays.stream(text.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
            for (int k : values) {
                if (k < 1) {
                    throw new UsageException("option --cutoffs needs positive integers but has " + k);
                }
            }
            return values;
        } catch (NumberFormatException e) {
            throw new UsageException("option --cutoffs needs comma-separated integers but got [" + text + "]");
        }
    }
}
