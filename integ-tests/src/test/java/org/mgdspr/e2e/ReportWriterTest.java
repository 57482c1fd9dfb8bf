package org.mgdspr.e2e;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.jfree.chart.axis.LogAxis;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgdspr.model.eval.EvaluationReport;
import org.mgdspr.model.report.ReportCharts;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report of a synthetic end-to-end result: every section, every definition, every chart. */
class ReportWriterTest {

    private static final List<String> SYSTEMS = List.of(RetrievalSystem.BM25.label,
        RetrievalSystem.MGDSPR_NO_USER.label, RetrievalSystem.MGDSPR.label, RetrievalSystem.MGDSPR_BRAND_BOOST.label,
        EvaluationReport.ORACLE,
        EvaluationReport.ORACLE_NO_PREFERENCE);
    private static final List<String> SPEED_SYSTEMS = List.of(RetrievalSystem.BM25.label,
        RetrievalSystem.PLAIN_KNN.label, RetrievalSystem.MGDSPR.label);

    @TempDir
    Path dir;

    @Test
    void everyTableIsFollowedByADefinitionOfEachColumn() throws IOException {
        ReportWriter.write(dir, results(), "e2e --synthetic");
        List<String> lines = Files.readAllLines(dir.resolve("report.md"));

        int tables = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("| ") || (i > 0 && lines.get(i - 1).startsWith("|"))) {
                continue;
            }
            tables++;
            List<String> header = cells(lines.get(i));
            List<String> rows = new ArrayList<>();
            int next = i + 2;
            while (next < lines.size() && lines.get(next).startsWith("|")) {
                rows.add(cells(lines.get(next)).get(0));
                next++;
            }
            StringBuilder definitions = new StringBuilder();
            for (int d = next + 1; d < lines.size() && !lines.get(d).isBlank(); d++) {
                definitions.append(lines.get(d)).append('\n');
            }
            String block = definitions.toString();
            if (block.startsWith("Systems and columns as defined")) {
                continue;
            }
            for (String column : header) {
                if (column.equals("system") && !block.contains("`system`")) {
                    rows.forEach(system -> assertTrue(block.contains("- `" + system + "`: "),
                        "system " + system + " is defined under its table:\n" + block));
                } else {
                    String family = column.contains("@") ? column.substring(0, column.indexOf('@')) + "@K" : column;
                    assertTrue(block.contains("`" + column + "`") || block.contains("`" + family + "`"),
                        "column [" + column + "] is defined under its table:\n" + block);
                }
            }
        }
        assertEquals(8, tables, "machine, quality, one segment, headroom, ingest, speed, speed targets and scale");
        assertTrue(lines.stream().anyMatch(line -> line.endsWith("| gap closed | with brand boost "
            + "| gap closed with brand boost |")), "the headroom shows the brand boost beside the context");
    }

    @Test
    void theIngestRatioIsReportedAgainstIssue13sGoal() throws IOException {
        ReportWriter.write(dir, results(), "e2e");
        String md = Files.readString(dir.resolve("report.md"));

        assertTrue(md.contains("Pipeline / precomputed vectors: 0.90x docs/s. Issue 13's goal, at least 0.95x, is set "
            + "at 100,000 items"), md);
    }

    @Test
    void theReportRecordsTheMachineAndTheLoadAroundEachPhase() throws IOException {
        ReportWriter.write(dir, results(), "e2e --synthetic");
        String md = Files.readString(dir.resolve("report.md"));

        assertTrue(md.contains("CPU: Test CPU 3000; 2 cores"), md);
        assertTrue(md.contains("| quality | 12.0 | 0.50 | 1.75 |"), md);
        assertTrue(md.contains("| speed | 30.0 | n/a | 2.00 |"), md);
        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("report.json"))).getAsJsonObject();
        assertEquals("e2e --synthetic", json.get("command").getAsString());
        assertEquals(2, json.getAsJsonObject("machine").get("cores").getAsInt());
    }

    @Test
    void theChartsAreWrittenAtTheReportSize() throws IOException {
        ReportWriter.write(dir, results(), "e2e --synthetic");

        for (String png : List.of(ReportWriter.QUALITY_PNG, ReportWriter.LATENCY_PNG, ReportWriter.SCALE_PNG)) {
            BufferedImage image = ImageIO.read(dir.resolve(png).toFile());
            assertEquals(ReportCharts.WIDTH, image.getWidth(), png);
            assertEquals(ReportCharts.HEIGHT, image.getHeight(), png);
        }
    }

    @Test
    void theLatencyChartShowsP50AndP99OfEverySystemForEachClientCount() {
        CategoryDataset dataset = ReportWriter.latencyChart(results().getAsJsonObject("speed")).getCategoryPlot()
            .getDataset();

        assertEquals(List.of("p50, 1 client", "p99, 1 client", "p50, 4 clients", "p99, 4 clients"),
            dataset.getRowKeys());
        assertEquals(SPEED_SYSTEMS, dataset.getColumnKeys());
        assertEquals(20.0, dataset.getValue("p50, 1 client", RetrievalSystem.MGDSPR.label).doubleValue());
        assertEquals(160.0, dataset.getValue("p99, 4 clients", RetrievalSystem.MGDSPR.label).doubleValue());
    }

    @Test
    void theScaleChartPlotsEverySizeOnALogarithmicAxis() {
        var plot = ReportWriter.scaleChart(results().getAsJsonObject("scale")).getXYPlot();
        XYDataset dataset = plot.getDataset();

        assertInstanceOf(LogAxis.class, plot.getDomainAxis());
        assertEquals(2, dataset.getSeriesCount());
        assertEquals(3, dataset.getItemCount(0));
        assertEquals(List.of(1_000.0, 10_000.0, 100_000.0),
            List.of(dataset.getXValue(1, 0), dataset.getXValue(1, 1), dataset.getXValue(1, 2)));
        assertEquals(32.0, dataset.getYValue(1, 2));
    }

    private static List<String> cells(String row) {
        return Arrays.stream(row.substring(1, row.length() - 1).split("\\|")).map(String::trim).toList();
    }

    private static JsonObject results() {
        JsonObject results = new JsonObject();
        results.addProperty("node", "http://127.0.0.1:9200/");
        results.addProperty("model_id", "demo");
        results.addProperty("model_sha256", "0".repeat(64));
        results.addProperty("data", "simulated world: 500 items");
        results.add("machine", machine());
        results.add("quality", quality());
        JsonObject ingest = new JsonObject();
        ingest.addProperty("documents", 500);
        ingest.addProperty("precomputed_docs_per_s", 1000.0);
        ingest.addProperty("pipeline_docs_per_s", 900.0);
        ingest.addProperty("pipeline_overhead", 0.11);
        results.add("ingest", ingest);
        results.add("speed", speed());
        JsonObject memory = new JsonObject();
        memory.addProperty("heap_used_before_bytes", 1L << 27);
        results.add("memory", memory);
        JsonObject scale = new JsonObject();
        for (int items : new int[] {1_000, 10_000, 100_000}) {
            JsonObject point = new JsonObject();
            point.addProperty("ingest_seconds", items / 2000.0);
            point.addProperty("ingest_docs_per_s", 2000.0);
            point.add("mgdspr_query", stats(15 + items / 50_000.0, 30 + items / 50_000.0));
            scale.add(Integer.toString(items), point);
        }
        results.add("scale", scale);
        return results;
    }

    private static JsonObject machine() {
        JsonObject machine = new JsonObject();
        machine.addProperty("cpu_model", "Test CPU 3000");
        machine.addProperty("cores", 2);
        machine.addProperty("wall_seconds", 100.0);
        JsonObject phases = new JsonObject();
        phases.add("quality", phase(12, 0.5, 1.75));
        JsonObject speed = phase(30, 0, 2);
        speed.add("load_before", JsonNull.INSTANCE);
        phases.add("speed", speed);
        machine.add("phases", phases);
        return machine;
    }

    private static JsonObject phase(double seconds, double before, double after) {
        JsonObject phase = new JsonObject();
        phase.addProperty("seconds", seconds);
        phase.addProperty("load_before", before);
        phase.addProperty("load_after", after);
        return phase;
    }

    private static JsonObject quality() {
        JsonObject systems = new JsonObject();
        for (int s = 0; s < SYSTEMS.size(); s++) {
            JsonObject metrics = new JsonObject();
            metrics.addProperty("recall@10", 0.1 * (s + 1));
            metrics.addProperty("recall@100", 0.15 * (s + 1));
            metrics.addProperty("p_good@10", 0.5);
            metrics.addProperty("ndcg@10", 0.6);
            metrics.addProperty("num_prank@100", 40.0);
            metrics.addProperty("p_f_good@100", 0.7);
            metrics.addProperty("requests", 20.0);
            systems.add(SYSTEMS.get(s), metrics);
        }
        JsonObject segments = new JsonObject();
        segments.add("ambiguous", systems.deepCopy());
        JsonObject all = new JsonObject();
        all.addProperty("recall@10", 0.05);
        all.add("recall@100", JsonNull.INSTANCE);
        JsonObject gaps = new JsonObject();
        gaps.add("all", all);
        JsonObject quality = new JsonObject();
        quality.addProperty("test_requests", 20);
        quality.addProperty("catalog_size", 500);
        quality.add("systems", systems);
        quality.add("segments", segments);
        quality.add("gap_closed", gaps);
        quality.add("gap_closed_brand_boost", gaps.deepCopy());
        return quality;
    }

    @Test
    void speedTargetsAreRatiosOfSystemsInTheSameRun() {
        JsonObject speed = new JsonObject();
        JsonObject one = new JsonObject();
        one.add(RetrievalSystem.PLAIN_KNN.label, stats(2.0, 5.0));
        one.add(RetrievalSystem.MGDSPR.label, stats(2.3, 6.0));
        one.add(RetrievalSystem.PLAIN_KNN_OR_MATCH.label, stats(3.0, 6.0));
        one.add(RetrievalSystem.FUSED_RRF.label, stats(7.5, 9.0));
        speed.add("1_clients", one);
        JsonObject four = new JsonObject();
        JsonObject knn = stats(4.0, 8.0);
        knn.addProperty("throughputPerSecond", 500.0);
        JsonObject mgdspr = stats(4.4, 9.0);
        mgdspr.addProperty("throughputPerSecond", 410.0);
        four.add(RetrievalSystem.PLAIN_KNN.label, knn);
        four.add(RetrievalSystem.MGDSPR.label, mgdspr);
        speed.add("4_clients", four);

        String table = ReportWriter.speedTargets(speed);

        assertTrue(table.contains("| 1 client, p50 of `mgdspr` / `knn_precomputed` | 1.15x | <= 1.2x | met |"), table);
        assertTrue(table.contains("| 1 client, p50 of `mgdspr+bm25_rrf` / `bool[knn,match]` | 2.50x | <= 1.2x | missed |"),
            table);
        assertTrue(table.contains("| 4 clients, queries/s of `mgdspr` / `knn_precomputed` | 0.82x | >= 0.8x | met |"),
            table);
        assertTrue(!table.contains("4 clients, queries/s of `mgdspr+bm25_rrf`"), "no row without both systems: " + table);
    }

    @Test
    void aRatioThatTwoDecimalsWouldRoundOntoTheGoalShowsFour() {
        assertEquals("1.2002", ReportWriter.ratio(1.20017, 1.2));
        assertEquals("0.7998", ReportWriter.ratio(0.79981, 0.8));
        assertEquals("1.20", ReportWriter.ratio(1.2, 1.2));
        assertEquals("1.21", ReportWriter.ratio(1.2089, 1.2));
        assertEquals("1.15", ReportWriter.ratio(1.15, 1.2));
    }

    private static JsonObject speed() {
        JsonObject speed = new JsonObject();
        for (int clients : new int[] {1, 4}) {
            JsonObject bySystem = new JsonObject();
            for (String system : SPEED_SYSTEMS) {
                bySystem.add(system, stats(10.0 * clients * (SPEED_SYSTEMS.indexOf(system) + 1) / 1.5,
                    20.0 * clients * (SPEED_SYSTEMS.indexOf(system) + 1) / 1.5));
            }
            speed.add(clients + "_clients", bySystem);
        }
        JsonObject tower = new JsonObject();
        tower.addProperty("count", 100);
        speed.add("user_tower_on_node", tower);
        JsonObject window = new JsonObject();
        window.addProperty("calls", 50);
        window.addProperty("mean_millis", 9.0);
        speed.add("user_tower_during_mgdspr", window);
        return speed;
    }

    private static JsonObject stats(double p50, double p99) {
        JsonObject stats = new JsonObject();
        stats.addProperty("requests", 100);
        stats.addProperty("p50Millis", p50);
        stats.addProperty("p99Millis", p99);
        stats.addProperty("throughputPerSecond", 50.0);
        return stats;
    }
}
