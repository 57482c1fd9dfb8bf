package org.mgdspr.model.report;

import org.mgdspr.model.eval.EvaluationReport;
import org.mgdspr.model.train.TrainingCurve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes an evaluation as {@code report.md} with two PNG plots beside it: {@code metrics.png} (every system on
 * every headline metric) and, when a training curve is known, the loss and the validation recall per evaluation
 * (two plots, {@code training_loss.png} and {@code validation_recall.png}: their scales differ).
 */
public final class EvaluationReportWriter {

    public static final String MARKDOWN = "report.md";
    public static final String METRICS_PNG = "metrics.png";
    public static final String LOSS_PNG = "training_loss.png";
    public static final String RECALL_PNG = "validation_recall.png";

    private EvaluationReportWriter() {}

    /**
     * @param title       heading of the report
     * @param description free Markdown (dataset, model, commands) placed under the heading
     * @param curve       the training curve, or null
     */
    public static void write(Path dir, String title, String description, EvaluationReport report,
                             TrainingCurve curve) throws IOException {
        Files.createDirectories(dir);
        Map<String, Map<String, Double>> headline = new LinkedHashMap<>();
        report.systems().forEach((system, metrics) -> {
            Map<String, Double> kept = new LinkedHashMap<>();
            metrics.forEach((name, value) -> {
                if (name.startsWith("recall@") || name.startsWith("ndcg@") || name.startsWith("p_good@")) {
                    kept.put(name, value);
                }
            });
            headline.put(system, kept);
        });
        ReportCharts.writePng(ReportCharts.groupedBars(title + ": metrics", "mean over test requests", headline),
            dir.resolve(METRICS_PNG));
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n").append(description).append("\n\n");
        md.append(String.format(Locale.ROOT, "Catalog: %d items; test requests: %d.%n%n", report.catalogSize(),
            report.requests()));
        md.append("## All test requests\n\n");
        table(md, report.systems());
        md.append('\n').append(systemLegend(report.systems().keySet()))
            .append(MetricGlossary.markdown(columns(report.systems())));
        report.segments().forEach((segment, bySystem) -> {
            md.append("\n## Segment: ").append(segment).append("\n\n");
            table(md, bySystem);
            md.append("\nColumns as defined under the table of all test requests.\n");
        });
        md.append("\n![metrics](").append(METRICS_PNG).append(")\n");
        if (curve != null && !curve.points().isEmpty()) {
            List<double[]> loss = new ArrayList<>();
            List<double[]> recall = new ArrayList<>();
            for (TrainingCurve.Point point : curve.points()) {
                // NaN marks a value not measured at that point (no batch since the previous one, no validation)
                if (!Double.isNaN(point.meanLoss())) {
                    loss.add(new double[] {point.step(), point.meanLoss()});
                }
                if (!Double.isNaN(point.validationRecall())) {
                    recall.add(new double[] {point.step(), point.validationRecall()});
                }
            }
            ReportCharts.writePng(ReportCharts.lines(title + ": training loss", "step", "mean loss",
                Map.of("mean training loss", loss), false), dir.resolve(LOSS_PNG));
            if (!recall.isEmpty()) {
                ReportCharts.writePng(ReportCharts.lines(title + ": validation recall", "step", "recall",
                    Map.of("validation recall@" + curve.validationK(), recall), false), dir.resolve(RECALL_PNG));
            }
            md.append("\n## Training curve\n\n| step | epoch | examples | mean loss | validation recall@")
                .append(curve.validationK()).append(" |\n|---|---|---|---|---|\n");
            for (TrainingCurve.Point point : curve.points()) {
                md.append(String.format(Locale.ROOT, "| %d | %d | %d | %.4f | %.4f |%n", point.step(), point.epoch(),
                    point.examples(), point.meanLoss(), point.validationRecall()));
            }
            md.append("\n- `step`: optimizer updates so far; `epoch`: passes over the training split; `examples`: "
                + "training examples seen.\n- `mean loss`: training loss averaged over the steps since the previous "
                + "row.\n- `validation recall@").append(curve.validationK()).append("`: recall@")
                .append(curve.validationK()).append(" on the validation requests at that step.\n- NaN: not measured "
                    + "at that row, and left out of the plots.\n");
            md.append("\n![training loss](").append(LOSS_PNG).append(")\n");
            if (!recall.isEmpty()) {
                md.append("\n![validation recall](").append(RECALL_PNG).append(")\n");
            }
        }
        Files.writeString(dir.resolve(MARKDOWN), md.toString(), StandardCharsets.UTF_8);
    }

    /** One line per system of the tables, saying what ranked the catalog. */
    private static String systemLegend(Set<String> systems) {
        StringBuilder md = new StringBuilder();
        for (String system : systems) {
            String description = system.startsWith(EvaluationReport.FUSION_PREFIX)
                ? "the model's and BM25's lists fused by `" + system.substring(EvaluationReport.FUSION_PREFIX.length())
                    + "`, as the plugin's query fuses them"
                : switch (system) {
                    case EvaluationReport.MODEL -> "the model: user tower on the query and the user context, exact "
                        + "inner-product search over the whole catalog";
                    case EvaluationReport.NO_USER -> "the same model with an empty user context";
                    case EvaluationReport.BM25 -> "BM25 over the titles of the same catalog";
                    case EvaluationReport.TEACHER -> "the teacher text encoder alone: query vector against title "
                        + "vectors (zero-shot)";
                    case EvaluationReport.ORACLE -> "not a model: the simulator's click model with each user's true "
                        + "taste ranks the catalog, the best any user context could do";
                    case EvaluationReport.ORACLE_NO_PREFERENCE -> "not a model: the simulator ranks the catalog by "
                        + "the query's ground truth alone";
                    default -> throw new IllegalArgumentException("no description for the system [" + system + "]");
                };
            md.append("- `").append(system).append("`: ").append(description).append(".\n");
        }
        return md.toString();
    }

    private static Set<String> columns(Map<String, Map<String, Double>> bySystem) {
        Set<String> metrics = new LinkedHashSet<>();
        bySystem.values().forEach(m -> metrics.addAll(m.keySet()));
        return metrics;
    }

    private static void table(StringBuilder md, Map<String, Map<String, Double>> bySystem) {
        Set<String> metrics = columns(bySystem);
        md.append("| system |");
        metrics.forEach(m -> md.append(' ').append(m).append(" |"));
        md.append("\n|---|");
        metrics.forEach(m -> md.append("---|"));
        md.append('\n');
        bySystem.forEach((system, values) -> {
            md.append("| ").append(system).append(" |");
            for (String metric : metrics) {
                Double value = values.get(metric);
                md.append(' ').append(value == null ? "" : format(value)).append(" |");
            }
            md.append('\n');
        });
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) >= 1 ? String.format(Locale.ROOT, "%.0f", value)
            : String.format(Locale.ROOT, "%.4f", value);
    }
}
