package org.mgdspr.model.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportChartsTest {

    @TempDir
    Path dir;

    @Test
    void groupedBarsHoldOneRowPerSeriesAndOneColumnPerCategory() {
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        values.put("bm25", ordered("recall@10", 0.5, "ndcg@10", 0.7));
        values.put("mgdspr", ordered("recall@10", 0.9, "ndcg@10", 0.6));
        values.put("oracle", Map.of("recall@10", 1.0));

        CategoryDataset dataset = ReportCharts.groupedBars("Quality", "value", values).getCategoryPlot().getDataset();

        assertEquals(List.of("bm25", "mgdspr", "oracle"), dataset.getRowKeys());
        assertEquals(List.of("recall@10", "ndcg@10"), dataset.getColumnKeys());
        assertEquals(0.9, dataset.getValue("mgdspr", "recall@10").doubleValue());
        assertEquals(0.7, dataset.getValue("bm25", "ndcg@10").doubleValue());
        assertNull(dataset.getValue("oracle", "ndcg@10"), "a category a series lacks gets no bar");
    }

    @Test
    void elevenSeriesGetElevenColours() {
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        for (int system = 0; system < 11; system++) {
            values.put("system" + system, Map.of("recall@10", 0.1 * system));
        }

        var renderer = ReportCharts.groupedBars("Quality", "value", values).getCategoryPlot().getRenderer();

        assertEquals(11,
            IntStream.range(0, 11).mapToObj(series -> renderer.getItemPaint(series, 0)).distinct().count());
    }

    @Test
    void linesKeepEverySeriesAndTheirPoints() {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        series.put("p50 ms", List.of(new double[] {1_000, 10}, new double[] {10_000, 12}, new double[] {100_000, 15}));
        series.put("p99 ms", List.of(new double[] {1_000, 20}, new double[] {10_000, 30}, new double[] {100_000, 45}));

        XYDataset dataset = ReportCharts.lines("Scale", "items", "ms", series, true).getXYPlot().getDataset();

        assertEquals(2, dataset.getSeriesCount());
        assertEquals("p50 ms", dataset.getSeriesKey(0));
        assertEquals("p99 ms", dataset.getSeriesKey(1));
        assertEquals(3, dataset.getItemCount(1));
        assertEquals(100_000, dataset.getXValue(1, 2));
        assertEquals(45, dataset.getYValue(1, 2));
    }

    @Test
    void theXAxisIsLogarithmicOnlyWhenAsked() {
        Map<String, List<double[]>> series = Map.of("loss", List.of(new double[] {1, 3}, new double[] {10, 1}));

        LogAxis log = assertInstanceOf(LogAxis.class,
            ReportCharts.lines("Scale", "items", "ms", series, true).getXYPlot().getDomainAxis());
        assertEquals(10, log.getBase());
        assertInstanceOf(NumberAxis.class,
            ReportCharts.lines("Loss", "step", "loss", series, false).getXYPlot().getDomainAxis());
    }

    @Test
    void aLogarithmicAxisRejectsNonPositiveX() {
        Map<String, List<double[]>> series = Map.of("latency", List.of(new double[] {0, 3}, new double[] {10, 1}));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ReportCharts.lines("Scale", "items", "ms", series, true));
        assertTrue(e.getMessage().contains("x = 0.0"), e.getMessage());
    }

    @Test
    void valuesThatCannotBeDrawnAreRejectedNamingTheirSeries() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
            () -> ReportCharts.groupedBars("Latency", "ms", Map.of("mgdspr", Map.of("p99", Double.NaN))));
        assertTrue(nan.getMessage().contains("[mgdspr]"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReportCharts.groupedBars("Latency", "ms", Map.of()));
        IllegalArgumentException shortPoint = assertThrows(IllegalArgumentException.class,
            () -> ReportCharts.lines("Loss", "step", "loss", Map.of("loss", List.of(new double[] {1})), false));
        assertTrue(shortPoint.getMessage().contains("[loss]"), shortPoint.getMessage());
    }

    @Test
    void thePngHasTheFixedSizeAndDrawsEverySeriesInItsColour() throws IOException {
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        values.put("bm25", Map.of("recall@10", 0.5));
        values.put("mgdspr", Map.of("recall@10", 0.9));
        JFreeChart chart = ReportCharts.groupedBars("Recall", "value", values);
        Path file = dir.resolve("nested/bars.png");

        ReportCharts.writePng(chart, file);

        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(ReportCharts.WIDTH, image.getWidth());
        assertEquals(ReportCharts.HEIGHT, image.getHeight());
        for (int series = 0; series < 2; series++) {
            Color colour = (Color) chart.getCategoryPlot().getRenderer().getItemPaint(series, 0);
            assertTrue(pixels(image, colour) > 1000, "series " + series + " is drawn as a bar of its colour");
        }
    }

    private static int pixels(BufferedImage image, Color colour) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (colour.getRGB() & 0xFFFFFF)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static Map<String, Double> ordered(String firstKey, double first, String secondKey, double second) {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put(firstKey, first);
        map.put(secondKey, second);
        return map;
    }
}
