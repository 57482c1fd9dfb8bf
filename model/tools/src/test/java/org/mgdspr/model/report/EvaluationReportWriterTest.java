package org.mgdspr.model.report;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgdspr.model.eval.EvaluationReport;
import org.mgdspr.model.train.TrainingCurve;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationReportWriterTest {

    @TempDir
    Path dir;

    @Test
    void theReportDefinesItsSystemsAndColumnsAndDrawsItsPlotsLeavingOutUnmeasuredPoints() throws IOException {
        TrainingCurve curve = TrainingCurve.fromJson(JsonParser.parseString("""
            {"validation_k": 100, "points": [
              {"step": 0, "epoch": 1, "examples": 0, "mean_loss": "NaN", "seconds": 0},
              {"step": 10, "epoch": 1, "examples": 640, "mean_loss": 2.5, "validation_recall": 0.2, "seconds": 1},
              {"step": 20, "epoch": 2, "examples": 1280, "mean_loss": 1.5, "validation_recall": 0.4, "seconds": 2}]}
            """).getAsJsonObject());

        EvaluationReportWriter.write(dir, "Test", "synthetic", report(Map.of("fusion/rrf", metrics(0.5))), curve);

        String md = Files.readString(dir.resolve(EvaluationReportWriter.MARKDOWN));
        assertTrue(md.contains("- `mgdspr`: the model: user tower"), md);
        assertTrue(md.contains("- `bm25`: BM25 over the titles"), md);
        assertTrue(md.contains("- `fusion/rrf`: the model's and BM25's lists fused by `rrf`"), md);
        assertTrue(md.contains("- `recall@K` (K = 10, 100): "), md);
        assertTrue(md.contains("- `num_prank@K` (K = 100): "), md);
        assertTrue(md.contains("- `mean loss`: "), md);
        for (String png : List.of(EvaluationReportWriter.METRICS_PNG, EvaluationReportWriter.LOSS_PNG,
            EvaluationReportWriter.RECALL_PNG)) {
            BufferedImage image = ImageIO.read(dir.resolve(png).toFile());
            assertEquals(ReportCharts.WIDTH, image.getWidth(), png);
        }
    }

    @Test
    void aSystemWithoutADescriptionIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> EvaluationReportWriter.write(dir, "Test", "synthetic", report(Map.of("mystery", metrics(0.1))),
                null));
        assertTrue(e.getMessage().contains("[mystery]"), e.getMessage());
    }

    private static EvaluationReport report(Map<String, Map<String, Double>> extra) {
        Map<String, Map<String, Double>> systems = new LinkedHashMap<>();
        systems.put(EvaluationReport.MODEL, metrics(0.3));
        systems.put(EvaluationReport.BM25, metrics(0.2));
        systems.putAll(extra);
        return new EvaluationReport(systems, Map.of(), 500, 20);
    }

    private static Map<String, Double> metrics(double recall) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("recall@10", recall);
        metrics.put("recall@100", recall + 0.2);
        metrics.put("p_good@10", 0.5);
        metrics.put("ndcg@10", 0.6);
        metrics.put("num_prank@100", 40.0);
        metrics.put("p_f_good@100", 0.7);
        metrics.put("requests", 20.0);
        return metrics;
    }
}
